package io.mutt.notifier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mutt.metrics.Meters;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code mutt_notifier_messages_total{channel,outcome}}, {@code
 * mutt_notifier_fallback_alerts_total}, {@code mutt_notifier_leader} (1 on the sending node) and
 * {@code mutt_notifier_last_sent_timestamp_seconds}.
 */
final class NotifierMetrics {

  private final MeterRegistry registry;
  final Counter fallbackAlerts;
  final AtomicLong leader = new AtomicLong();
  final AtomicLong lastSentSeconds = new AtomicLong();

  NotifierMetrics(MeterRegistry registry) {
    this.registry = registry;
    fallbackAlerts =
        Meters.counter(
            registry,
            "mutt.notifier.fallback.alerts",
            "alerts sent by the notifier while the Moogsoft circuit was open");
    Meters.gauge(
        registry, "mutt.notifier.leader", leader, "1 on the node that sends notifications");
    Meters.gauge(
        registry,
        "mutt.notifier.last.sent.timestamp.seconds",
        lastSentSeconds,
        "when this node last sent a notification, epoch seconds");
  }

  Counter messages(String channel, String outcome) {
    return Counter.builder("mutt.notifier.messages")
        .tag("channel", channel)
        .tag("outcome", outcome)
        .description("notification messages, by channel and outcome")
        .register(registry);
  }
}
