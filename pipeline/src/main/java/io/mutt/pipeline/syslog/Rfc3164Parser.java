package io.mutt.pipeline.syslog;

import io.mutt.pipeline.syslog.SyslogMessage.Format;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * RFC 3164 after {@code <PRI>}: {@code TIMESTAMP HOSTNAME TAG: MSG}, read as devices really send
 * it.
 *
 * <ul>
 *   <li>TIMESTAMP {@code Mmm dd hh:mm:ss} (optionally {@code .fff}, a zone and a year as in RFC
 *       3164 §5.4 example 3, or {@code Mmm dd yyyy hh:mm:ss} as Cisco IOS writes with {@code
 *       service timestamps ... year}), or an RFC 3339 timestamp (rsyslog's forwarding format). The
 *       year, when missing, is the current one unless that puts the time more than a day ahead
 *       (then the previous year: December lines read in January).
 *   <li>Cisco IOS: a sequence number {@code 000123: } before (or after the host name), an optional
 *       origin host {@code name: }, a timestamp marked {@code *} (clock not set) or {@code .} (not
 *       synchronised) followed by {@code : }, and the {@code %FAC-SEV-MNEMONIC: } message.
 *   <li>No timestamp: the rest is the message (RFC 3164 §4.3.2); no host name: the listener uses
 *       the peer address.
 * </ul>
 */
final class Rfc3164Parser {

  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private final Clock clock;
  private final ZoneId zone;

  Rfc3164Parser(Clock clock, ZoneId zone) {
    this.clock = clock;
    this.zone = zone;
  }

  /** Mutable reading position and the parts found so far. */
  private static final class Cursor {
    final String s;
    int at;
    String timestamp;
    String hostname;
    String sequence;

    Cursor(String s, int at) {
      this.s = s;
      this.at = at;
    }

    boolean startsWith(String prefix) {
      return s.startsWith(prefix, at);
    }

    char peek() {
      return at < s.length() ? s.charAt(at) : '\0';
    }

    void skipSpaces() {
      while (at < s.length() && s.charAt(at) == ' ') {
        at++;
      }
    }

    /** The token from here to the next space (or the end). */
    String token() {
      int sp = s.indexOf(' ', at);
      return s.substring(at, sp < 0 ? s.length() : sp);
    }
  }

  SyslogMessage parse(String s, int start, int facility, int severity) {
    Cursor c = new Cursor(s, start);
    sequence(c);
    if (c.sequence != null) {
      originHost(c);
    }
    boolean cisco = timestamp(c);
    if (!cisco && c.timestamp != null) {
      c.skipSpaces();
      hostname(c);
      if (c.hostname != null && c.sequence == null) {
        sequence(c);
        if (c.sequence != null && timestamp(c)) {
          cisco = true;
        }
      }
    }
    c.skipSpaces();
    String appName = null;
    String procId = null;
    if (!cisco) {
      String tag = c.token();
      int colon = tag.endsWith(":") ? tag.length() - 1 : -1;
      if (colon > 0 && tag.indexOf(' ') < 0 && tag.length() <= 64) {
        String name = tag.substring(0, colon);
        int bracket = name.indexOf('[');
        if (bracket > 0 && name.endsWith("]")) {
          procId = name.substring(bracket + 1, name.length() - 1);
          name = name.substring(0, bracket);
        }
        if (!name.startsWith("%")) {
          appName = name;
          c.at += tag.length();
          c.skipSpaces();
        }
      }
    }
    String message = c.s.substring(Math.min(c.at, c.s.length()));
    return new SyslogMessage(
        Format.RFC3164,
        facility,
        severity,
        c.timestamp,
        c.hostname,
        appName,
        procId,
        null,
        List.of(),
        message,
        c.sequence,
        mnemonic(message),
        null);
  }

  /** A Cisco sequence number {@code digits: }. */
  private static void sequence(Cursor c) {
    int i = c.at;
    while (i < c.s.length() && SyslogParser.isDigit(c.s.charAt(i))) {
      i++;
    }
    if (i > c.at && i + 1 < c.s.length() && c.s.charAt(i) == ':' && c.s.charAt(i + 1) == ' ') {
      c.sequence = c.s.substring(c.at, i);
      c.at = i + 2;
    }
  }

  /** Cisco {@code logging origin-id}: {@code name: } between the sequence number and the time. */
  private static void originHost(Cursor c) {
    String t = c.token();
    if (t.length() > 1
        && t.endsWith(":")
        && !t.startsWith("%")
        && !t.startsWith("*")
        && month(t) < 0
        && isHostname(t, t.length() - 1)) {
      c.hostname = t.substring(0, t.length() - 1);
      c.at += t.length();
      c.skipSpaces();
    }
  }

  /**
   * Reads a timestamp at the cursor, if there is one. Returns true when it ends with the Cisco
   * {@code : } (no host name and no tag follow).
   */
  private boolean timestamp(Cursor c) {
    if (c.peek() == '*' || c.peek() == '.') {
      int save = c.at;
      c.at++;
      if (!bsdTimestamp(c)) {
        c.at = save;
        return false;
      }
    } else if (!bsdTimestamp(c) && !rfc3339(c)) {
      return false;
    }
    if (c.startsWith(": ")) {
      c.at += 2;
      return true;
    }
    if (c.peek() == ':' && c.at + 1 == c.s.length()) {
      c.at++;
      return true;
    }
    return false;
  }

  private static boolean rfc3339(Cursor c) {
    String t = c.token();
    if (t.length() >= 20 && SyslogParser.isDigit(t.charAt(0)) && Rfc5424Parser.isRfc3339(t)) {
      c.timestamp = t;
      c.at += t.length();
      return true;
    }
    return false;
  }

  /**
   * {@code Mmm dd [yyyy] hh:mm:ss[.fff] [ZONE] [yyyy]}; the zone is used only when it is UTC/GMT.
   */
  private boolean bsdTimestamp(Cursor c) {
    String s = c.s;
    int i = c.at;
    if (i + 15 > s.length()) {
      return false;
    }
    int month = month(s.substring(i, i + 3));
    if (month < 0 || s.charAt(i + 3) != ' ') {
      return false;
    }
    i += 4;
    if (s.charAt(i) == ' ') {
      i++;
    }
    int dayStart = i;
    while (i < s.length() && SyslogParser.isDigit(s.charAt(i))) {
      i++;
    }
    int day = SyslogParser.digits(s, dayStart, i);
    if (day < 1 || day > 31 || i >= s.length() || s.charAt(i) != ' ') {
      return false;
    }
    i++;
    int year = -1;
    if (i + 5 <= s.length() && s.charAt(i + 4) == ' ') {
      year = SyslogParser.digits(s, i, i + 4);
      if (year >= 0) {
        i += 5;
      }
    }
    if (i + 8 > s.length() || s.charAt(i + 2) != ':' || s.charAt(i + 5) != ':') {
      return false;
    }
    int hh = SyslogParser.digits(s, i, i + 2);
    int mm = SyslogParser.digits(s, i + 3, i + 5);
    int ss = SyslogParser.digits(s, i + 6, i + 8);
    if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60) {
      return false;
    }
    i += 8;
    int nanos = 0;
    if (i < s.length() && s.charAt(i) == '.') {
      int f = i + 1;
      while (f < s.length() && f - i <= 9 && SyslogParser.isDigit(s.charAt(f))) {
        f++;
      }
      if (f > i + 1) {
        String frac = s.substring(i + 1, f);
        nanos = Integer.parseInt((frac + "000000000").substring(0, 9));
        i = f;
      }
    }
    ZoneId at = zone;
    int z = zoneEnd(s, i);
    if (z > 0) {
      String name = s.substring(i + 1, z).replace(":", "");
      if (name.equals("UTC") || name.equals("GMT")) {
        at = ZoneOffset.UTC;
      }
      i = z;
      if (s.charAt(i - 1) == ':') {
        i--; // the Cisco ': ' after the zone stays for the caller
      }
    }
    if (year < 0 && i + 5 <= s.length() && s.charAt(i) == ' ') {
      int y = SyslogParser.digits(s, i + 1, i + 5);
      if (y >= 1970 && (i + 5 == s.length() || s.charAt(i + 5) == ' ')) {
        year = y;
        i += 5;
      }
    }
    ZonedDateTime time = resolve(year, month, day, hh, Math.min(ss, 59), nanos, mm, at);
    if (time == null) {
      return false;
    }
    c.timestamp = time.withZoneSameInstant(ZoneOffset.UTC).format(ISO);
    c.at = i;
    return true;
  }

  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  /**
   * The end of a zone name (2–5 capital letters) after one space at {@code i}, when one follows.
   */
  private static int zoneEnd(String s, int i) {
    if (i >= s.length() || s.charAt(i) != ' ') {
      return -1;
    }
    int j = i + 1;
    while (j < s.length() && s.charAt(j) >= 'A' && s.charAt(j) <= 'Z') {
      j++;
    }
    int len = j - i - 1;
    if (len < 2 || len > 5) {
      return -1;
    }
    boolean ciscoColon = j < s.length() && s.charAt(j) == ':';
    boolean thenYear =
        j + 5 <= s.length() && s.charAt(j) == ' ' && SyslogParser.digits(s, j + 1, j + 5) >= 0;
    if (ciscoColon) {
      return j + 1;
    }
    return thenYear ? j : -1;
  }

  private ZonedDateTime resolve(
      int year, int month, int day, int hh, int ss, int nanos, int mm, ZoneId at) {
    try {
      if (year >= 0) {
        return LocalDateTime.of(year, month, day, hh, mm, ss, nanos).atZone(at);
      }
      ZonedDateTime now = ZonedDateTime.now(clock.withZone(at));
      ZonedDateTime t;
      try {
        t = LocalDateTime.of(now.getYear(), month, day, hh, mm, ss, nanos).atZone(at);
      } catch (DateTimeException e) {
        t = null; // 29 February in a common year: it was last year
      }
      if (t == null || t.isAfter(now.plusDays(1))) {
        t = LocalDateTime.of(now.getYear() - 1, month, day, hh, mm, ss, nanos).atZone(at);
      }
      return t;
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Reads the host name at the cursor, unless the token there is a tag or a message start. */
  private static void hostname(Cursor c) {
    String t = c.token();
    if (t.isEmpty() || t.endsWith(":") || t.indexOf('[') >= 0 || t.startsWith("%")) {
      return;
    }
    if (isHostname(t, t.length())) {
      c.hostname = t;
      c.at += t.length();
      c.skipSpaces();
    }
  }

  /** Letters, digits, {@code . - _ :} (IPv6) only: what a host name or address is made of. */
  private static boolean isHostname(String t, int len) {
    if (len == 0 || len > 255) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      char ch = t.charAt(i);
      boolean ok =
          (ch >= 'a' && ch <= 'z')
              || (ch >= 'A' && ch <= 'Z')
              || SyslogParser.isDigit(ch)
              || ch == '.'
              || ch == '-'
              || ch == '_'
              || ch == ':';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static int month(String t) {
    if (t.length() < 3) {
      return -1;
    }
    for (int m = 0; m < MONTHS.length; m++) {
      if (t.regionMatches(0, MONTHS[m], 0, 3)) {
        return m + 1;
      }
    }
    return -1;
  }

  /** {@code FAC-SEV-MNEMONIC} of a message starting {@code %FAC-SEV-MNEMONIC:}, else null. */
  static String mnemonic(String message) {
    if (message.length() < 6 || message.charAt(0) != '%') {
      return null;
    }
    int colon = message.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String m = message.substring(1, colon);
    int first = m.indexOf('-');
    if (first <= 0 || first + 2 >= m.length() || !SyslogParser.isDigit(m.charAt(first + 1))) {
      return null;
    }
    if (m.charAt(first + 2) != '-' || first + 3 >= m.length() || m.indexOf(' ') >= 0) {
      return null;
    }
    return m;
  }
}
