package io.mutt.pipeline.noise;

import io.mutt.pipeline.validation.InvalidInput;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads windows and silences from their JSON form (API bodies, stored rows, backtest drafts) and
 * writes them back; every problem is an {@link InvalidInput} that names the field
 * (docs/reference/noise.md).
 */
public final class NoiseSpecs {

  /** Severities a downgrading window may set. */
  public static final List<String> DOWNGRADE_SEVERITIES = List.of("Minor", "Info");

  public static final int MAX_MATCHERS = 20;
  public static final int MAX_TEXT = 1000;
  private static final long MAX_CRON_MINUTES = 7 * 24 * 60;

  private NoiseSpecs() {}

  /** A window from its JSON form; {@code id} is the stored id (0 for a draft). */
  public static MaintenanceWindow window(long id, Map<String, Object> body) {
    String name = string(body, "name", true, 200);
    List<Matcher> matchers = matchers(body.get("matchers"), "matchers");
    Effect effect = effect(body.get("effect"));
    String severity = null;
    if (effect == Effect.DOWNGRADE) {
      Object s = body.get("severity");
      if (s == null) {
        severity = "Info";
      } else if (!(s instanceof String text) || !DOWNGRADE_SEVERITIES.contains(text)) {
        throw new InvalidInput("severity", "severity must be one of Minor, Info");
      } else {
        severity = text;
      }
    }
    Schedule schedule = schedule(body.get("schedule"));
    return new MaintenanceWindow(id, name, schedule, matchers, effect, severity);
  }

  /**
   * A silence from its JSON form.
   *
   * @param now the default start and the reference for the maximum duration
   * @param maxDuration the longest silence accepted (expiry − start)
   * @param checkExpiry whether an expiry in the past is refused (new silences; not stored ones)
   */
  public static Silence silence(
      long id, Map<String, Object> body, Instant now, Duration maxDuration, boolean checkExpiry) {
    List<Matcher> matchers = matchers(body.get("matchers"), "matchers");
    String author = string(body, "author", true, 100);
    String comment = string(body, "comment", true, MAX_TEXT);
    Instant start =
        body.get("starts_at") == null ? now : instant(body.get("starts_at"), "starts_at");
    if (body.get("expires_at") == null) {
      throw new InvalidInput("expires_at", "expires_at is required (ISO-8601 instant)");
    }
    Instant expiry = instant(body.get("expires_at"), "expires_at");
    if (!expiry.isAfter(start)) {
      throw new InvalidInput("expires_at", "expires_at must be after starts_at");
    }
    if (checkExpiry && !expiry.isAfter(now)) {
      throw new InvalidInput("expires_at", "expires_at must be in the future");
    }
    if (Duration.between(start, expiry).compareTo(maxDuration) > 0) {
      throw new InvalidInput(
          "expires_at",
          "expires_at must be at most " + maxDuration.toHours() + " hours after starts_at");
    }
    return new Silence(id, matchers, start, expiry, author, comment);
  }

  static Effect effect(Object v) {
    if (v == null) {
      return Effect.SUPPRESS;
    }
    if (v instanceof String s) {
      for (Effect e : Effect.values()) {
        if (e.wire().equals(s)) {
          return e;
        }
      }
    }
    throw new InvalidInput("effect", "effect must be suppress or downgrade");
  }

  /** The matchers (1 to {@value #MAX_MATCHERS}, AND-ed) of a window or silence. */
  public static List<Matcher> matchers(Object v, String field) {
    if (!(v instanceof List<?> list) || list.isEmpty()) {
      throw new InvalidInput(
          field, field + " must be a non-empty array of {\"kind\", \"value\"} objects");
    }
    if (list.size() > MAX_MATCHERS) {
      throw new InvalidInput(field, field + " may hold at most " + MAX_MATCHERS + " matchers");
    }
    List<Matcher> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String f = field + "[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        throw new InvalidInput(f, f + " must be an object with kind and value");
      }
      Object kind = m.get("kind");
      Object value = m.get("value");
      if (value instanceof Number n && "rule_id".equals(kind)) {
        value = n.toString();
      }
      out.add(
          Matcher.of(kind instanceof String k ? k : null, value instanceof String s ? s : null, f));
    }
    return out;
  }

  /** A schedule: {@code once}, {@code weekly} or {@code cron}. */
  public static Schedule schedule(Object v) {
    if (!(v instanceof Map<?, ?> raw)) {
      throw new InvalidInput(
          "schedule", "schedule must be an object with type once, weekly or cron");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> s = (Map<String, Object>) raw;
    Object type = s.get("type");
    if ("once".equals(type)) {
      Instant start = instant(require(s, "start"), "schedule.start");
      Instant end = instant(require(s, "end"), "schedule.end");
      if (!end.isAfter(start)) {
        throw new InvalidInput("schedule.end", "schedule.end must be after schedule.start");
      }
      return new Schedule.OneOff(start, end);
    }
    if ("weekly".equals(type)) {
      ZoneId zone = zone(s.get("time_zone"));
      return new Schedule.Weekly(
          days(s.get("days")),
          time(require(s, "from"), "schedule.from"),
          time(require(s, "to"), "schedule.to"),
          zone);
    }
    if ("cron".equals(type)) {
      ZoneId zone = zone(s.get("time_zone"));
      Object d = require(s, "duration_minutes");
      if (!(d instanceof Number n)
          || n.doubleValue() != Math.rint(n.doubleValue())
          || n.longValue() < 1
          || n.longValue() > MAX_CRON_MINUTES) {
        throw new InvalidInput(
            "schedule.duration_minutes",
            "schedule.duration_minutes must be a whole number from 1 to " + MAX_CRON_MINUTES);
      }
      Object expr = require(s, "cron");
      if (!(expr instanceof String text) || text.isBlank() || text.length() > 200) {
        throw new InvalidInput("schedule.cron", "schedule.cron must be a five-field cron text");
      }
      try {
        return new Schedule.CronSchedule(text.trim(), Duration.ofMinutes(n.longValue()), zone);
      } catch (RuntimeException e) {
        throw new InvalidInput(
            "schedule.cron",
            "schedule.cron is not a valid five-field cron expression (minute hour day-of-month"
                + " month day-of-week)");
      }
    }
    throw new InvalidInput("schedule.type", "schedule.type must be once, weekly or cron");
  }

  /** The JSON form of a schedule, as {@link #schedule} reads it. */
  public static Map<String, Object> scheduleJson(Schedule schedule) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    if (schedule instanceof Schedule.OneOff o) {
      out.put("type", "once");
      out.put("start", o.start().toString());
      out.put("end", o.end().toString());
    } else if (schedule instanceof Schedule.Weekly w) {
      out.put("type", "weekly");
      List<String> days = new ArrayList<>();
      for (DayOfWeek d : DayOfWeek.values()) {
        if (w.days().contains(d)) {
          days.add(d.name().substring(0, 3).toLowerCase(Locale.ROOT));
        }
      }
      out.put("days", days);
      out.put("from", w.from().toString());
      out.put("to", w.to().toString());
      out.put("time_zone", w.zone().getId());
    } else if (schedule instanceof Schedule.CronSchedule c) {
      out.put("type", "cron");
      out.put("cron", c.expression());
      out.put("duration_minutes", c.duration().toMinutes());
      out.put("time_zone", c.zone().getId());
    }
    return out;
  }

  /** The JSON form of matchers. */
  public static List<Map<String, Object>> matchersJson(List<Matcher> matchers) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Matcher m : matchers) {
      out.add(Map.of("kind", m.kind().wire(), "value", m.value()));
    }
    return out;
  }

  private static Object require(Map<String, Object> s, String field) {
    Object v = s.get(field);
    if (v == null) {
      throw new InvalidInput("schedule." + field, "schedule." + field + " is required");
    }
    return v;
  }

  static ZoneId zone(Object v) {
    if (v == null) {
      throw new InvalidInput(
          "schedule.time_zone", "schedule.time_zone is required (e.g. Europe/Paris or UTC)");
    }
    try {
      return ZoneId.of(String.valueOf(v));
    } catch (DateTimeException e) {
      throw new InvalidInput(
          "schedule.time_zone", "schedule.time_zone is not a known time zone (e.g. Europe/Paris)");
    }
  }

  static Set<DayOfWeek> days(Object v) {
    if (!(v instanceof List<?> list) || list.isEmpty()) {
      throw new InvalidInput(
          "schedule.days", "schedule.days must be a non-empty array such as [\"mon\", \"tue\"]");
    }
    Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
    for (Object o : list) {
      DayOfWeek found = null;
      if (o instanceof String s) {
        String key = s.trim().toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
          String full = d.name().toLowerCase(Locale.ROOT);
          if (key.length() >= 3 && full.startsWith(key)) {
            found = d;
          }
        }
      }
      if (found == null) {
        throw new InvalidInput(
            "schedule.days", "schedule.days holds an unknown day: use mon, tue, ... sun");
      }
      out.add(found);
    }
    return out;
  }

  static LocalTime time(Object v, String field) {
    if (v instanceof String s && s.matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
      return LocalTime.parse(s);
    }
    throw new InvalidInput(field, field + " must be a time HH:MM (24-hour)");
  }

  /** An ISO-8601 instant with offset, e.g. {@code 2026-03-29T01:30:00Z}. */
  public static Instant instant(Object v, String field) {
    if (v instanceof String s) {
      try {
        return OffsetDateTime.parse(s.trim()).toInstant();
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    throw new InvalidInput(
        field, field + " must be an ISO-8601 date-time with offset, e.g. 2026-03-29T01:30:00Z");
  }

  private static String string(Map<String, Object> body, String field, boolean required, int max) {
    Object v = body.get(field);
    if (v == null || (v instanceof String s && s.isBlank())) {
      if (required) {
        throw new InvalidInput(field, field + " must be a non-empty string");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw new InvalidInput(field, field + " must be a string");
    }
    if (s.length() > max) {
      throw new InvalidInput(field, field + " must be at most " + max + " characters");
    }
    return s;
  }
}
