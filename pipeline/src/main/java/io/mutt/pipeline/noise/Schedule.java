package io.mutt.pipeline.noise;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * When a maintenance window is open: once (two instants), every week on some days between two wall
 * clock times, or from each firing of a cron expression for a duration; recurring schedules are
 * read in a named time zone, so a 22:00–02:00 window stays 22:00–02:00 local time across a DST
 * change (docs/reference/noise.md). Recurring boundaries fall on whole minutes.
 */
public sealed interface Schedule {

  /** Whether the window is open at {@code t}. */
  boolean activeAt(Instant t);

  /** Whether openness changes only on whole minutes (recurring schedules). */
  boolean minuteAligned();

  /** The first opening strictly after {@code t}, or null when there is none in the next 8 days. */
  Instant nextStart(Instant t);

  /** When the occurrence open at {@code t} closes; null when closed at {@code t}. */
  Instant currentEnd(Instant t);

  /** Open from {@code start} (inclusive) to {@code end} (exclusive). */
  record OneOff(Instant start, Instant end) implements Schedule {
    @Override
    public boolean activeAt(Instant t) {
      return !t.isBefore(start) && t.isBefore(end);
    }

    @Override
    public boolean minuteAligned() {
      return false;
    }

    @Override
    public Instant nextStart(Instant t) {
      return start.isAfter(t) ? start : null;
    }

    @Override
    public Instant currentEnd(Instant t) {
      return activeAt(t) ? end : null;
    }
  }

  /**
   * Open on each of {@code days} from {@code from} to {@code to} local time in {@code zone}; when
   * {@code to} is not after {@code from} the range runs past midnight into the next day (the day
   * named is the day it starts). A start that falls in a DST gap opens at the end of the gap.
   */
  record Weekly(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone)
      implements Schedule {

    public Weekly {
      days = days.isEmpty() ? Set.of() : EnumSet.copyOf(days);
    }

    @Override
    public boolean activeAt(Instant t) {
      LocalDateTime local = LocalDateTime.ofInstant(t, zone);
      LocalTime time = local.toLocalTime();
      DayOfWeek day = local.getDayOfWeek();
      if (from.isBefore(to)) {
        return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
      }
      return (days.contains(day) && !time.isBefore(from))
          || (days.contains(day.minus(1)) && time.isBefore(to));
    }

    @Override
    public boolean minuteAligned() {
      return true;
    }

    @Override
    public Instant nextStart(Instant t) {
      LocalDate today = LocalDate.ofInstant(t, zone);
      for (int i = 0; i <= 8; i++) {
        LocalDate d = today.plusDays(i);
        if (days.contains(d.getDayOfWeek())) {
          Instant s = startOn(d);
          if (s.isAfter(t)) {
            return s;
          }
        }
      }
      return null;
    }

    Instant startOn(LocalDate day) {
      return at(day, from);
    }

    /** The instant of a wall-clock time on {@code day}; in a DST gap, the end of the gap. */
    private Instant at(LocalDate day, LocalTime time) {
      LocalDateTime local = LocalDateTime.of(day, time);
      java.time.zone.ZoneOffsetTransition gap = zone.getRules().getTransition(local);
      if (gap != null && gap.isGap()) {
        return gap.getInstant();
      }
      return ZonedDateTime.of(local, zone).toInstant();
    }

    @Override
    public Instant currentEnd(Instant t) {
      if (!activeAt(t)) {
        return null;
      }
      LocalDateTime local = LocalDateTime.ofInstant(t, zone);
      LocalDate endDay = local.toLocalDate();
      if (!from.isBefore(to) && !local.toLocalTime().isBefore(from)) {
        endDay = endDay.plusDays(1);
      }
      return at(endDay, to);
    }
  }

  /**
   * Open from each firing of a five-field cron expression ({@code minute hour day-of-month month
   * day-of-week}, evaluated in {@code zone}) for {@code duration}.
   */
  final class CronSchedule implements Schedule {

    private static final CronParser PARSER =
        new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final Duration duration;
    private final ZoneId zone;
    private final ExecutionTime execution;

    /**
     * @throws IllegalArgumentException when the expression is not a valid five-field cron
     */
    public CronSchedule(String expression, Duration duration, ZoneId zone) {
      Cron cron = PARSER.parse(expression);
      cron.validate();
      this.expression = expression;
      this.duration = duration;
      this.zone = zone;
      this.execution = ExecutionTime.forCron(cron);
    }

    public String expression() {
      return expression;
    }

    public Duration duration() {
      return duration;
    }

    public ZoneId zone() {
      return zone;
    }

    /** The latest firing at or before {@code t}, or null. */
    Instant lastFiring(Instant t) {
      ZonedDateTime now = t.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
      if (execution.isMatch(now)) {
        return now.toInstant();
      }
      Optional<ZonedDateTime> last = execution.lastExecution(now);
      return last.map(ZonedDateTime::toInstant).orElse(null);
    }

    @Override
    public boolean activeAt(Instant t) {
      Instant fired = lastFiring(t);
      return fired != null && t.isBefore(fired.plus(duration));
    }

    @Override
    public boolean minuteAligned() {
      return duration.toSeconds() % 60 == 0;
    }

    @Override
    public Instant nextStart(Instant t) {
      Optional<ZonedDateTime> next = execution.nextExecution(t.atZone(zone));
      return next.map(ZonedDateTime::toInstant)
          .filter(n -> n.isBefore(t.plus(Duration.ofDays(8))))
          .orElse(null);
    }

    @Override
    public Instant currentEnd(Instant t) {
      Instant fired = lastFiring(t);
      return fired != null && t.isBefore(fired.plus(duration)) ? fired.plus(duration) : null;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CronSchedule c
          && c.expression.equals(expression)
          && c.duration.equals(duration)
          && c.zone.equals(zone);
    }

    @Override
    public int hashCode() {
      return expression.hashCode() * 31 + duration.hashCode();
    }

    @Override
    public String toString() {
      return "cron " + expression + " for " + duration + " in " + zone;
    }
  }
}
