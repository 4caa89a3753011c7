package io.mutt.pipeline.alerting;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The event {@code timestamp} as the audit trail stores it (docs/reference/http-api.md,
 * docs/reference/sql-tables.md): ISO-8601 / RFC-3339 text with a {@code T} or a space between date
 * and time, 0–9 fractional digits (the fixtures carry 7), and an offset {@code Z}, {@code +hh:mm},
 * {@code +hhmm} or {@code +hh}; no offset means UTC; a bare date means midnight UTC. Parsing
 * happens before the database sees the value, so one bad timestamp cannot fail a whole batch of
 * audit rows: it is dead-lettered with a reason instead. The common shapes are read by a
 * hand-written scanner ({@link FastIso}); anything else goes through a lenient {@link
 * DateTimeFormatter}.
 */
public final class EventTimestamps {

  /**
   * How far in the past an audited event may lie: older events are refused rather than given a
   * partition.
   */
  public static final Duration MAX_AGE = Duration.ofDays(10 * 366);

  /** How far in the future an audited event may lie (device clocks drift, but not by years). */
  public static final Duration MAX_AHEAD = Duration.ofDays(366);

  private static final DateTimeFormatter FORMAT =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .optionalEnd()
          .toFormatter();

  private EventTimestamps() {}

  /**
   * @return the instant as a UTC offset date-time
   * @throws IllegalArgumentException with a reason naming the field when the value is not a usable
   *     timestamp
   */
  public static OffsetDateTime parse(Object raw) {
    if (!(raw instanceof String text) || text.isBlank()) {
      throw new IllegalArgumentException("timestamp is not an ISO-8601 string: " + shortText(raw));
    }
    OffsetDateTime fast = FastIso.parse(text);
    return fast != null ? fast : parseLenient(text);
  }

  /** The formatter path alone (the reference the fast scanner is tested against). */
  static OffsetDateTime parseLenient(String text) {
    try {
      TemporalAccessor t = FORMAT.parse(text.trim());
      LocalDate date = LocalDate.from(t);
      LocalTime time =
          t.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(t) : LocalTime.MIDNIGHT;
      ZoneOffset offset =
          t.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(t) : ZoneOffset.UTC;
      return OffsetDateTime.of(LocalDateTime.of(date, time), offset)
          .withOffsetSameInstant(ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException(
          "timestamp is not an ISO-8601 date-time: " + shortText(text));
    }
  }

  /**
   * Why a parsed timestamp cannot be audited, or null when it can (within {@link #MAX_AGE} / {@link
   * #MAX_AHEAD}).
   */
  public static String rangeProblem(OffsetDateTime ts, Instant now) {
    Instant at = ts.toInstant();
    if (at.isBefore(now.minus(MAX_AGE))) {
      return "timestamp " + ts + " is more than 10 years old";
    }
    if (at.isAfter(now.plus(MAX_AHEAD))) {
      return "timestamp " + ts + " is more than a year in the future";
    }
    return null;
  }

  /** The first day (UTC) of the month holding {@code ts}: the audit partition it belongs to. */
  public static LocalDate month(OffsetDateTime ts) {
    return ts.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
  }

  /**
   * The months of the timestamps, plus their neighbours when {@code withNeighbours} (for a database
   * whose session time zone is not UTC, where a row near a month boundary falls into the next or
   * previous partition).
   */
  public static Set<LocalDate> months(
      Collection<OffsetDateTime> timestamps, boolean withNeighbours) {
    Set<LocalDate> out = new TreeSet<>();
    for (OffsetDateTime ts : timestamps) {
      LocalDate m = month(ts);
      out.add(m);
      if (withNeighbours) {
        out.add(m.minusMonths(1));
        out.add(m.plusMonths(1));
      }
    }
    return out;
  }

  private static String shortText(Object raw) {
    String s = String.valueOf(raw);
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }
}
