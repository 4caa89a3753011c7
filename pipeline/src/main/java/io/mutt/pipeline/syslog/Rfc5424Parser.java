package io.mutt.pipeline.syslog;

import io.mutt.pipeline.alerting.FastIso;
import io.mutt.pipeline.syslog.SyslogMessage.Format;
import io.mutt.pipeline.syslog.SyslogMessage.SdElement;
import io.mutt.pipeline.syslog.SyslogMessage.SdParam;
import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 5424 §6 header after {@code <PRI>1 }: TIMESTAMP HOSTNAME APP-NAME PROCID MSGID
 * STRUCTURED-DATA [MSG], with NILVALUE {@code -}, SD-PARAM escapes ({@code \" \\ \]}) and the UTF-8
 * BOM before MSG removed.
 */
final class Rfc5424Parser {

  private static final String BOM = "\uFEFF";

  private Rfc5424Parser() {}

  static SyslogMessage parse(String s, int start, int facility, int severity) {
    String[] fields = new String[5];
    int at = start;
    for (int i = 0; i < fields.length; i++) {
      int sp = s.indexOf(' ', at);
      if (sp < 0) {
        return broken(s, start, facility, severity, ParseErrors.BAD_HEADER);
      }
      fields[i] = s.substring(at, sp);
      at = sp + 1;
    }
    String error = null;
    String timestamp = nil(fields[0]);
    if (timestamp != null && !isRfc3339(timestamp)) {
      timestamp = null;
      error = ParseErrors.BAD_TIMESTAMP;
    }
    List<SdElement> sd = List.of();
    String message;
    if (at < s.length() && s.charAt(at) == '-') {
      at++;
      message = msg(s, at);
      if (message == null) {
        return broken(s, start, facility, severity, ParseErrors.BAD_STRUCTURED_DATA);
      }
    } else {
      List<SdElement> elements = new ArrayList<>();
      int end = structuredData(s, at, elements);
      message = end < 0 ? null : msg(s, end);
      if (end < 0 || elements.isEmpty() || message == null) {
        error = ParseErrors.BAD_STRUCTURED_DATA;
        message = s.substring(at);
      } else {
        sd = elements;
      }
    }
    return new SyslogMessage(
        Format.RFC5424,
        facility,
        severity,
        timestamp,
        nil(fields[1]),
        nil(fields[2]),
        nil(fields[3]),
        nil(fields[4]),
        sd,
        message,
        null,
        null,
        error);
  }

  /** MSG after the structured data: empty at the end, else after one SP; null otherwise. */
  private static String msg(String s, int at) {
    if (at >= s.length()) {
      return "";
    }
    if (s.charAt(at) != ' ') {
      return null;
    }
    String m = s.substring(at + 1);
    return m.startsWith(BOM) ? m.substring(1) : m;
  }

  /**
   * Reads SD-ELEMENTs from {@code at} into {@code out}; returns the index after the last one, or -1
   * when the grammar is broken.
   */
  private static int structuredData(String s, int at, List<SdElement> out) {
    int n = s.length();
    while (at < n && s.charAt(at) == '[') {
      int i = at + 1;
      int idEnd = name(s, i);
      if (idEnd == i) {
        return -1;
      }
      String id = s.substring(i, idEnd);
      i = idEnd;
      List<SdParam> params = new ArrayList<>();
      while (i < n && s.charAt(i) == ' ') {
        i++;
        int nameEnd = name(s, i);
        if (nameEnd == i || nameEnd + 1 >= n || s.charAt(nameEnd) != '=') {
          return -1;
        }
        String pname = s.substring(i, nameEnd);
        i = nameEnd + 1;
        if (s.charAt(i) != '"') {
          return -1;
        }
        i++;
        StringBuilder value = new StringBuilder();
        boolean closed = false;
        while (i < n) {
          char c = s.charAt(i);
          if (c == '\\' && i + 1 < n) {
            char next = s.charAt(i + 1);
            if (next == '"' || next == '\\' || next == ']') {
              value.append(next);
              i += 2;
              continue;
            }
            value.append(c);
            i++;
          } else if (c == '"') {
            closed = true;
            i++;
            break;
          } else {
            value.append(c);
            i++;
          }
        }
        if (!closed) {
          return -1;
        }
        params.add(new SdParam(pname, value.toString()));
      }
      if (i >= n || s.charAt(i) != ']') {
        return -1;
      }
      out.add(new SdElement(id, List.copyOf(params)));
      at = i + 1;
    }
    return at;
  }

  /** The end of an SD-NAME (1–32 printable US-ASCII except {@code = SP ] "}) from {@code at}. */
  private static int name(String s, int at) {
    int i = at;
    while (i < s.length() && i - at < 32) {
      char c = s.charAt(i);
      if (c <= 32 || c >= 127 || c == '=' || c == ']' || c == '"') {
        break;
      }
      i++;
    }
    return i;
  }

  private static SyslogMessage broken(
      String s, int start, int facility, int severity, String error) {
    return SyslogMessage.unread(
        Format.RFC5424, facility, severity, s.substring(Math.min(start, s.length())), error);
  }

  private static String nil(String field) {
    return field.equals("-") || field.isEmpty() ? null : field;
  }

  /** RFC 5424 §6.2.3: full-date "T" full-time with a time offset; "leap seconds" not allowed. */
  static boolean isRfc3339(String t) {
    int n = t.length();
    if (n < 20 || (t.charAt(10) != 'T' && t.charAt(10) != 't')) {
      return false;
    }
    int end = 19;
    if (t.charAt(19) == '.') {
      int digits = 0;
      while (20 + digits < n && SyslogParser.isDigit(t.charAt(20 + digits))) {
        digits++;
      }
      if (digits == 0 || digits > 6) {
        return false;
      }
      end = 20 + digits;
    }
    if (end >= n) {
      return false;
    }
    // TIME-OFFSET = "Z" / ("+" / "-") HH ":" MM (RFC 3339 section 5.6)
    char sign = t.charAt(end);
    boolean zulu = end + 1 == n && (sign == 'Z' || sign == 'z');
    boolean numeric =
        end + 6 == n
            && (sign == '+' || sign == '-')
            && t.charAt(end + 3) == ':'
            && SyslogParser.isDigit(t.charAt(end + 4))
            && t.charAt(end + 4) <= '5';
    // the fields' digits and ranges, the date's days and the offset's hours: a scanner, not a
    // DateTimeFormatter, which was a fifth of the listener's CPU
    return (zulu || numeric) && FastIso.valid(t);
  }
}
