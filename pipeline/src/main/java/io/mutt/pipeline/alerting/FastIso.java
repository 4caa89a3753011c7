package io.mutt.pipeline.alerting;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A scanner for the timestamp shapes seen on the hot path — {@code YYYY-MM-DD(T|
 * )HH:MM:SS[.f{1,9}](Z|±HH:MM|±HHMM|±HH)?} — much cheaper than a {@link
 * java.time.format.DateTimeFormatter} with optional sections (it was an eighth of the alerter's
 * CPU). Answers null for anything else (the caller then uses the formatter), never guesses. Used by
 * the alerter's timestamp parsing and the syslog listener's RFC 3339 check.
 */
public final class FastIso {

  private FastIso() {}

  /** The instant in UTC, or null when {@code s} is not of the shape above or not a valid time. */
  public static OffsetDateTime parse(String s) {
    long offsetSeconds = scan(s);
    if (offsetSeconds == INVALID) {
      return null;
    }
    try {
      return OffsetDateTime.of(
              digits(s, 0, 4),
              digits(s, 5, 2),
              digits(s, 8, 2),
              digits(s, 11, 2),
              digits(s, 14, 2),
              digits(s, 17, 2),
              nanos(s),
              ZoneOffset.ofTotalSeconds((int) offsetSeconds))
          .withOffsetSameInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /**
   * Whether {@link #parse} accepts {@code s}, without building the time (no allocation): the syslog
   * listener checks every RFC 5424 timestamp and keeps the text.
   */
  public static boolean valid(String s) {
    if (scan(s) == INVALID) {
      return false;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    return month >= 1
        && month <= 12
        && day >= 1
        && day <= monthLength(year, month)
        && digits(s, 11, 2) <= 23
        && digits(s, 14, 2) <= 59
        && digits(s, 17, 2) <= 59;
  }

  private static final long INVALID = Long.MIN_VALUE;

  /** The largest offset {@link ZoneOffset} takes: ±18:00. */
  private static final int MAX_OFFSET_SECONDS = 18 * 3600;

  /**
   * Checks the shape and that every field is made of digits; answers the offset in seconds, or
   * {@link #INVALID}. Calendar ranges (month, day, hour…) are left to the caller.
   */
  private static long scan(String s) {
    int n = s.length();
    if (n < 19
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return INVALID;
    }
    char sep = s.charAt(10);
    if (sep != 'T' && sep != 't' && sep != ' ') {
      return INVALID;
    }
    if ((digits(s, 0, 4)
            | digits(s, 5, 2)
            | digits(s, 8, 2)
            | digits(s, 11, 2)
            | digits(s, 14, 2)
            | digits(s, 17, 2))
        < 0) {
      return INVALID;
    }
    int i = 19;
    if (i < n && s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == start || (i < n && isDigit(s.charAt(i)))) {
        return INVALID;
      }
    }
    if (i == n) {
      return 0;
    }
    char c = s.charAt(i);
    if ((c == 'Z' || c == 'z') && i + 1 == n) {
      return 0;
    }
    if (c != '+' && c != '-') {
      return INVALID;
    }
    int oh = digits(s, i + 1, 2);
    int om = 0;
    int end = i + 3;
    if (end < n && s.charAt(end) == ':') {
      om = digits(s, end + 1, 2);
      end += 3;
    } else if (end < n) {
      om = digits(s, end, 2);
      end += 2;
    }
    if (oh < 0 || om < 0 || end != n) {
      return INVALID;
    }
    int total = oh * 3600 + om * 60;
    if (total > MAX_OFFSET_SECONDS) {
      return INVALID;
    }
    return c == '-' ? -total : total;
  }

  /**
   * The fraction after the seconds as nanoseconds (0 without one); {@code s} passed {@link #scan}.
   */
  private static int nanos(String s) {
    if (s.length() <= 19 || s.charAt(19) != '.') {
      return 0;
    }
    int nanos = 0;
    int count = 0;
    for (int i = 20; i < s.length() && isDigit(s.charAt(i)); i++, count++) {
      nanos = nanos * 10 + (s.charAt(i) - '0');
    }
    for (int k = count; k < 9; k++) {
      nanos *= 10;
    }
    return nanos;
  }

  private static int monthLength(int year, int month) {
    return switch (month) {
      case 2 -> java.time.Year.isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The non-negative number of {@code len} digits at {@code from}, or -1. */
  private static int digits(String s, int from, int len) {
    if (from + len > s.length()) {
      return -1;
    }
    int v = 0;
    for (int k = from; k < from + len; k++) {
      char c = s.charAt(k);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
