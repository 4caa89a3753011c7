package io.mutt.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gauges of one metric name that differ by the value of one label (for example {@code
 * mutt_remediation_dlq_depth{dlq_name}}): each value gets its own {@link AtomicLong}, registered on
 * first use.
 */
public final class GaugeFamily {

  private final MeterRegistry registry;
  private final String name;
  private final String description;
  private final String label;
  private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

  public GaugeFamily(MeterRegistry registry, String name, String description, String label) {
    this.registry = registry;
    this.name = name;
    this.description = description;
    this.label = label;
  }

  /** The value the gauge for this label value reads (starting at 0). */
  public AtomicLong get(String labelValue) {
    return values.computeIfAbsent(
        labelValue,
        v -> Meters.gauge(registry, name, new AtomicLong(), description, Tags.of(label, v)));
  }
}
