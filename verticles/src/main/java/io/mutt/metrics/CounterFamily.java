package io.mutt.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters of one metric name that differ by the values of their labels (for example {@code
 * mutt_alerter_events_processed_total{status}}): each label combination is registered on first use
 * and then served from a map, so hot paths do not go through the registry.
 */
public final class CounterFamily {

  private final MeterRegistry registry;
  private final String name;
  private final String description;
  private final Tags fixed;
  private final List<String> labels;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  /**
   * @param fixed tags every counter of the family carries (for example the listener's name)
   * @param labels the label names whose values {@link #get} takes, in that order
   */
  public CounterFamily(
      MeterRegistry registry, String name, String description, Tags fixed, String... labels) {
    this.registry = registry;
    this.name = name;
    this.description = description;
    this.fixed = fixed;
    this.labels = List.of(labels);
  }

  /** A family without fixed tags. */
  public CounterFamily(MeterRegistry registry, String name, String description, String... labels) {
    this(registry, name, description, Tags.empty(), labels);
  }

  /** The counter for these label values (one per label, in the constructor's order). */
  public Counter get(String... values) {
    if (values.length != labels.size()) {
      throw new IllegalArgumentException(name + " takes " + labels + ", not " + values.length);
    }
    String key = values.length == 1 ? values[0] : String.join("|", values);
    Counter c = counters.get(key);
    return c != null ? c : counters.computeIfAbsent(key, k -> register(values));
  }

  /** The sum of every counter of the family registered so far. */
  public double total() {
    return counters.values().stream().mapToDouble(Counter::count).sum();
  }

  private Counter register(String[] values) {
    Counter.Builder b = Counter.builder(name).description(description).tags(fixed);
    for (int i = 0; i < values.length; i++) {
      b.tag(labels.get(i), values[i]);
    }
    return b.register(registry);
  }
}
