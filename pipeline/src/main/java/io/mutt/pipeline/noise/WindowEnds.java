package io.mutt.pipeline.noise;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Which maintenance-window occurrences closed between two checks, so that each end can be audited
 * (events suppressed during a window are not replayed when it ends; docs/reference/noise.md).
 */
public final class WindowEnds {

  /** The longest occurrence searched back for its start (a week and a day). */
  static final Duration LONGEST = Duration.ofDays(8);

  private WindowEnds() {}

  /**
   * One closed occurrence.
   *
   * @param start when it opened
   * @param end when it closed (exclusive)
   */
  public record Ended(MaintenanceWindow window, Instant start, Instant end) {}

  /** The occurrences open at {@code previous} that closed at or before {@code now}. */
  public static List<Ended> between(
      List<MaintenanceWindow> windows, Instant previous, Instant now) {
    List<Ended> out = new ArrayList<>();
    for (MaintenanceWindow w : windows) {
      Instant end = w.schedule().currentEnd(previous);
      if (end != null && !end.isAfter(now)) {
        out.add(new Ended(w, occurrenceStart(w.schedule(), end), end));
      }
    }
    return out;
  }

  /**
   * When the occurrence that closes at {@code end} opened: a one-off window's start; for recurring
   * ones, found minute by minute backwards (their boundaries are whole minutes), at most {@link
   * #LONGEST} back.
   */
  static Instant occurrenceStart(Schedule schedule, Instant end) {
    if (schedule instanceof Schedule.OneOff once) {
      return once.start();
    }
    Instant t = end.minusNanos(1).truncatedTo(ChronoUnit.MINUTES);
    Instant limit = end.minus(LONGEST);
    while (t.isAfter(limit) && schedule.activeAt(t.minus(Duration.ofMinutes(1)))) {
      t = t.minus(Duration.ofMinutes(1));
    }
    return t;
  }
}
