package io.mutt.pipeline.retention;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Decides, for the oldest entry of a dead-letter list, whether retention removes it
 * (docs/reference/redis-keys.md): the entry's time is {@code failed_at} when present, else {@code
 * timestamp}; older than the cutoff means {@link Verdict#EXPIRED}; newer means {@link
 * Verdict#RECENT}; missing or unreadable means {@link Verdict#UNDATED}. Trimming stops at the first
 * entry that is not expired.
 */
public final class DlqTrimRule {

  /** What to do with the entry at the tail of a DLQ. */
  public enum Verdict {
    /** Older than the window: remove it and look at the next one. */
    EXPIRED,
    /** Inside the window: stop. */
    RECENT,
    /** No usable time: stop (never guess). */
    UNDATED
  }

  private DlqTrimRule() {}

  /**
   * @param failedAt the entry's {@code failed_at} value (any JSON scalar) or null
   * @param timestamp the entry's {@code timestamp} value or null; used only when {@code failedAt}
   *     is null
   */
  public static Verdict decide(Object failedAt, Object timestamp, Instant cutoff) {
    Object raw = failedAt != null ? failedAt : timestamp;
    Optional<Instant> at = parseTime(raw);
    if (at.isEmpty()) {
      return Verdict.UNDATED;
    }
    return at.get().isBefore(cutoff) ? Verdict.EXPIRED : Verdict.RECENT;
  }

  /**
   * Reads ISO-8601 with an offset or {@code Z} ({@code 2025-11-10T12:00:00.123456+00:00}), ISO-8601
   * without an offset (taken as UTC), or epoch seconds (number or numeric text, fractions allowed).
   */
  public static Optional<Instant> parseTime(Object raw) {
    if (raw == null) {
      return Optional.empty();
    }
    if (raw instanceof Number n) {
      return fromEpochSeconds(new BigDecimal(n.toString()));
    }
    String s = raw.toString().trim();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException notOffset) {
      // try the other forms
    }
    try {
      return Optional.of(
          LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException notLocal) {
      // try epoch seconds
    }
    try {
      return fromEpochSeconds(new BigDecimal(s));
    } catch (NumberFormatException notNumber) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> fromEpochSeconds(BigDecimal seconds) {
    if (seconds.signum() <= 0 || seconds.compareTo(BigDecimal.valueOf(253402300799L)) > 0) {
      return Optional.empty();
    }
    long whole = seconds.longValue();
    long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
    return Optional.of(Instant.ofEpochSecond(whole, nanos));
  }
}
