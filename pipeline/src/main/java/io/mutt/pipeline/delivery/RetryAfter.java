package io.mutt.pipeline.delivery;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parses an HTTP {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. */
public final class RetryAfter {

  private RetryAfter() {}

  /** The wait in ms, or -1 when the header is absent or unusable. A date in the past gives 0. */
  public static long parseMs(String header, long nowEpochMs) {
    if (header == null || header.isBlank()) {
      return -1;
    }
    String v = header.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        long seconds = Long.parseLong(v);
        return seconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : seconds * 1000;
      } catch (NumberFormatException e) {
        return Long.MAX_VALUE;
      }
    }
    try {
      long at =
          ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
      return Math.max(0, at - nowEpochMs);
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
