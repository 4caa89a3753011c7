package io.mutt.pipeline.backtest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * How many events ingest accepted in a backtest's range, estimated from the dashboard's hourly and
 * daily counters (docs/reference/redis-keys.md), so that the backtest can say which share of the
 * range it replayed. Hours younger than {@link #HOURLY_FOR} use the hour counters, older parts of
 * the range the day counters; a counter that only partly overlaps the range counts in proportion to
 * the overlap (events are taken as spread evenly within it). The counter of the hour (or day) that
 * is still running has only counted up to now, so its events are spread over its elapsed part: a
 * range ending now takes the whole current hour's count for the part of that hour it covers.
 */
public final class IngestCoverage {

  /** Hour counters are kept 48 h; an hour this recent still has its counter. */
  public static final Duration HOURLY_FOR = Duration.ofHours(47);

  /** Day counters are kept 30 days; older ranges cannot be estimated. */
  public static final Duration DAILY_FOR = Duration.ofDays(29);

  private IngestCoverage() {}

  /**
   * One counter to read.
   *
   * @param hourly an hour counter (else a day counter)
   * @param start the counter's UTC hour or day
   * @param weight the share of the counter's period inside the range (0..1]; a running counter's
   *     period ends now
   */
  public record Bucket(boolean hourly, Instant start, double weight) {}

  /** The counters covering {@code [since, until)}, or null when part of it is too old to tell. */
  public static List<Bucket> buckets(Instant since, Instant until, Instant now) {
    if (since.isBefore(now.minus(DAILY_FOR).truncatedTo(ChronoUnit.DAYS))) {
      return null;
    }
    Instant hourlyFrom = now.minus(HOURLY_FOR).truncatedTo(ChronoUnit.HOURS);
    List<Bucket> out = new ArrayList<>();
    Instant t = since;
    while (t.isBefore(until)) {
      boolean hourly = !t.isBefore(hourlyFrom);
      Instant start = t.truncatedTo(hourly ? ChronoUnit.HOURS : ChronoUnit.DAYS);
      Instant end = start.plus(hourly ? Duration.ofHours(1) : Duration.ofDays(1));
      if (!hourly && end.isAfter(hourlyFrom)) {
        end = hourlyFrom;
      }
      Instant stop = end.isBefore(until) ? end : until;
      Instant counted = start.plus(hourly ? Duration.ofHours(1) : Duration.ofDays(1));
      if (counted.isAfter(now)) {
        counted = now;
      }
      long period = Duration.between(start, counted).toMillis();
      long overlap = Duration.between(t, stop.isAfter(counted) ? counted : stop).toMillis();
      if (period > 0 && overlap > 0) {
        out.add(new Bucket(hourly, start, (double) overlap / period));
      }
      t = stop;
    }
    return out;
  }

  /** Replayed ÷ accepted, at most 1, three decimals; null when nothing is known to be accepted. */
  public static Double share(long replayed, double accepted) {
    if (accepted <= 0) {
      return null;
    }
    return Math.round(Math.min(1.0, replayed / accepted) * 1000) / 1000.0;
  }
}
