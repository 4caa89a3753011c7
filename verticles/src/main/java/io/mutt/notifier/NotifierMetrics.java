package io.mutt.notifier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code mutt_notifier_messages_total{channel,outcome}}, {@code
 * mutt_notifier_fallback_alerts_total}, {@code mutt_notifier_leader} (1 on the sending node) and
 * {@code mutt_notifier_last_sent_timestamp_seconds}.
 */
final class NotifierMetrics {

  private static final Map<MeterRegistry, NotifierMetrics> BY_REGISTRY = new ConcurrentHashMap<>();

  private final MeterRegistry registry;
  final Counter fallbackAlerts;
  final AtomicLong leader = new AtomicLong();
  final AtomicLong lastSentSeconds = new AtomicLong();

  private NotifierMetrics(MeterRegistry registry) {
    this.registry = registry;
    fallbackAlerts =
        Counter.builder("mutt.notifier.fallback.alerts")
            .description("alerts sent by the notifier while the Moogsoft circuit was open")
            .register(registry);
    Gauge.builder("mutt.notifier.leader", leader, AtomicLong::get)
        .description("1 on the node that sends notifications")
        .register(registry);
    Gauge.builder("mutt.notifier.last.sent.timestamp.seconds", lastSentSeconds, AtomicLong::get)
        .description("when this node last sent a notification, epoch seconds")
        .register(registry);
  }

  static NotifierMetrics of(MeterRegistry registry) {
    return BY_REGISTRY.computeIfAbsent(registry, NotifierMetrics::new);
  }

  Counter messages(String channel, String outcome) {
    return Counter.builder("mutt.notifier.messages")
        .tag("channel", channel)
        .tag("outcome", outcome)
        .description("notification messages, by channel and outcome")
        .register(registry);
  }
}
