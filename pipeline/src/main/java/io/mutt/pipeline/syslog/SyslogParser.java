package io.mutt.pipeline.syslog;

import io.mutt.pipeline.syslog.SyslogMessage.Format;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;

/**
 * Reads one syslog message (a datagram or one RFC 6587 frame): the {@code <PRI>}, then an RFC 5424
 * header when VERSION {@code 1} follows, otherwise RFC 3164 with its common variants ({@link
 * Rfc3164Parser}). Never throws on input: what cannot be read is kept in the message with a {@link
 * ParseErrors reason}. Thread-safe.
 */
public final class SyslogParser {

  /** RFC 3164 §4.3.3: a message without PRI is user.notice. */
  static final int DEFAULT_FACILITY = 1;

  static final int DEFAULT_SEVERITY = 5;

  private final Rfc3164Parser rfc3164;

  /**
   * @param clock gives the year of RFC 3164 timestamps, which carry none
   * @param zone the zone of RFC 3164 timestamps that name none
   */
  public SyslogParser(Clock clock, ZoneId zone) {
    this.rfc3164 = new Rfc3164Parser(clock, zone);
  }

  public SyslogMessage parse(byte[] bytes, int off, int len) {
    return parse(new String(bytes, off, len, StandardCharsets.UTF_8));
  }

  public SyslogMessage parse(String line) {
    String text = trimEnd(line);
    int pri = -1;
    int at = 0;
    if (text.length() > 2 && text.charAt(0) == '<') {
      int close = text.indexOf('>', 1);
      if (close > 1 && close <= 4) {
        pri = digits(text, 1, close);
        at = close + 1;
        if (pri > 191) {
          return unread(text, ParseErrors.BAD_PRI);
        }
      }
    }
    if (pri < 0) {
      return unread(text, ParseErrors.NO_PRI);
    }
    int facility = pri >> 3;
    int severity = pri & 7;
    if (at + 1 < text.length()
        && isDigit(text.charAt(at))
        && text.charAt(at + 1) == ' '
        && text.charAt(at) != '0') {
      if (text.charAt(at) == '1') {
        return Rfc5424Parser.parse(text, at + 2, facility, severity);
      }
      return SyslogMessage.unread(
          Format.RFC5424, facility, severity, text.substring(at), ParseErrors.BAD_HEADER);
    }
    return rfc3164.parse(text, at, facility, severity);
  }

  private static SyslogMessage unread(String text, String error) {
    return SyslogMessage.unread(Format.UNKNOWN, DEFAULT_FACILITY, DEFAULT_SEVERITY, text, error);
  }

  /** Trailing CR, LF and NUL go (senders add them to frames and datagrams). */
  private static String trimEnd(String s) {
    int end = s.length();
    while (end > 0) {
      char c = s.charAt(end - 1);
      if (c != '\n' && c != '\r' && c != '\0') {
        break;
      }
      end--;
    }
    return end == s.length() ? s : s.substring(0, end);
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The non-negative number in {@code s[from, to)}, or -1 when it is not all digits. */
  static int digits(String s, int from, int to) {
    if (from >= to || to - from > 9) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
