package io.mutt.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The registration shapes the role metrics share (docs/reference/metrics.md): the common histogram
 * bucket sets, an unlabelled counter, a timer with service-level buckets and a gauge that reads an
 * {@link AtomicLong}. Each call registers (or finds) one meter; names and descriptions stay with
 * the role's metrics class.
 */
public final class Meters {

  /** The Prometheus client's default buckets, 5 ms to 10 s. */
  public static final Duration[] DEFAULT_BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(75),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofMillis(750),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofMillis(7500),
    Duration.ofSeconds(10)
  };

  /** Buckets of the per-event hot paths (ingest handler, alerter processing), 1 ms to 5 s. */
  public static final Duration[] FAST_BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5)
  };

  private Meters() {}

  /** An unlabelled counter. */
  public static Counter counter(MeterRegistry registry, String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  /** An unlabelled timer with the given service-level buckets. */
  public static Timer timer(
      MeterRegistry registry, String name, String description, Duration... buckets) {
    return Timer.builder(name)
        .description(description)
        .serviceLevelObjectives(buckets)
        .register(registry);
  }

  /** A gauge reading {@code value}, with optional fixed tags; returns {@code value}. */
  public static AtomicLong gauge(
      MeterRegistry registry, String name, AtomicLong value, String description, Tags tags) {
    Gauge.builder(name, value, AtomicLong::get)
        .description(description)
        .tags(tags)
        .register(registry);
    return value;
  }

  /** An unlabelled gauge reading {@code value}; returns {@code value}. */
  public static AtomicLong gauge(
      MeterRegistry registry, String name, AtomicLong value, String description) {
    return gauge(registry, name, value, description, Tags.empty());
  }
}
