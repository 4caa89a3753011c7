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
    int n = s.length();
    if (n < 19
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    char sep = s.charAt(10);
    if (sep != 'T' && sep != 't' && sep != ' ') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (i < n && s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
        nanos = nanos * 10 + (s.charAt(i) - '0');
        i++;
      }
      int count = i - start;
      if (count == 0 || (i < n && isDigit(s.charAt(i)))) {
        return null;
      }
      for (int k = count; k < 9; k++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset = ZoneOffset.UTC;
    if (i < n) {
      char c = s.charAt(i);
      if ((c == 'Z' || c == 'z') && i + 1 == n) {
        i++;
      } else if (c == '+' || c == '-') {
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
          return null;
        }
        int total = oh * 3600 + om * 60;
        try {
          offset = ZoneOffset.ofTotalSeconds(c == '-' ? -total : total);
        } catch (DateTimeException e) {
          return null;
        }
        i = n;
      } else {
        return null;
      }
    }
    if (i != n) {
      return null;
    }
    try {
      return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset)
          .withOffsetSameInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
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
