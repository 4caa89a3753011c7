package io.mutt.alerter;

import io.mutt.pipeline.alerting.EventTimestamps;
import io.mutt.pipeline.alerting.EventTriage;
import io.mutt.pipeline.alerting.RuleSet;
import io.mutt.pipeline.moog.AlertPayloads;
import io.mutt.pipeline.routing.UnhandledSignature;
import io.mutt.queue.QueueEntry;
import io.mutt.runtime.DynamicConfig;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events that matched no rule: their audit row when {@code AUDIT_UNHANDLED} asks for one (ADR
 * 0039), their sightings counted per host and message ({@link UnhandledCounter}), and the
 * meta-alert of a sighting that crossed {@code UNHANDLED_THRESHOLD}.
 */
final class UnhandledEvents {

  private static final Logger LOG = LoggerFactory.getLogger(UnhandledEvents.class);

  /** {@code handling_decision} of an unmatched event audited with {@code AUDIT_UNHANDLED}. */
  static final String UNHANDLED = "unhandled";

  /** An unmatched event of a batch: its entry, the event, and what is counted of it. */
  record Event(String id, Map<String, Object> event, UnhandledCounter.Sighting sighting) {}

  /**
   * What counting decided for a batch's unmatched events.
   *
   * @param done entries that may be acknowledged now
   * @param metaAlerts the meta-alerts to publish
   * @param waiting entries acknowledged only once their meta-alert is published
   */
  record Settled(List<String> done, List<AlertPublisher.Alert> metaAlerts, List<String> waiting) {}

  private final UnhandledCounter counter;
  private final AlerterSettings settings;
  private final DynamicConfig dynamic;
  private final RuleCache cache;
  private final AlerterMetrics metrics;
  private final Clock clock;

  UnhandledEvents(
      UnhandledCounter counter,
      AlerterSettings settings,
      DynamicConfig dynamic,
      RuleCache cache,
      AlerterMetrics metrics,
      Clock clock) {
    this.counter = counter;
    this.settings = settings;
    this.dynamic = dynamic;
    this.cache = cache;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * The audit row of an unmatched event: no rule, handling {@code unhandled}, not forwarded; null
   * when its timestamp or hostname cannot be audited (it is still counted).
   */
  AuditRow row(Map<String, Object> map, String raw, String eventId, QueueEntry entry) {
    String hostname = EventTriage.text(map.get("hostname"));
    try {
      OffsetDateTime ts = EventTimestamps.parse(map.get("timestamp"));
      if (EventTimestamps.rangeProblem(ts, clock.instant()) != null
          || hostname.codePointCount(0, hostname.length()) > EventTriage.MAX_HOSTNAME) {
        return null;
      }
      return new AuditRow(
          ts, hostname, null, UNHANDLED, false, raw, eventId, entry.deliveries() <= 1, null, null);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Counts the events' sightings; per event whether it crossed the threshold. */
  Future<List<Boolean>> count(List<Event> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return counter.count(
        events.stream().map(Event::sighting).toList(),
        settings.unhandledThreshold(dynamic),
        settings.unhandledExpirySeconds(dynamic));
  }

  /**
   * Sorts the events by what their acknowledgement waits for: nothing more (counted, or counting
   * failed — not retried), or the meta-alert their sighting raised.
   */
  Settled settle(List<Event> events, Future<List<Boolean>> counted) {
    List<String> done = new ArrayList<>();
    List<AlertPublisher.Alert> metaAlerts = new ArrayList<>();
    List<String> waiting = new ArrayList<>();
    if (events.isEmpty()) {
      return new Settled(done, metaAlerts, waiting);
    }
    metrics.processed("unhandled").increment(events.size());
    if (counted.failed()) {
      LOG.warn(
          "unhandled-event counting failed for {} events (not retried): {}",
          events.size(),
          counted.cause().getMessage());
      events.forEach(u -> done.add(u.id()));
      return new Settled(done, metaAlerts, waiting);
    }
    long threshold = settings.unhandledThreshold(dynamic);
    long expiry = settings.unhandledExpirySeconds(dynamic);
    RuleSet rules = cache.current();
    for (int i = 0; i < events.size(); i++) {
      Event u = events.get(i);
      if (!counted.result().get(i)) {
        done.add(u.id());
        continue;
      }
      String host = u.sighting().hostname();
      Map<String, Object> payload =
          AlertPayloads.forUnhandled(
              u.event(),
              rules.teamFor(host, settings.defaultTeam()),
              UnhandledSignature.metaAlertMessage(threshold, expiry, host, u.sighting().message()));
      payload.put("_event_id", u.sighting().eventId());
      metaAlerts.add(
          new AlertPublisher.Alert(
              u.sighting().eventId() + ":meta",
              Json.encode(payload),
              u.sighting().eventId(),
              null,
              host));
      waiting.add(u.id());
      LOG.info(
          "unhandled threshold reached for host {}; meta-alert raised [correlation_id={}]",
          host,
          BatchProcessor.correlationId(u.event()));
    }
    return new Settled(done, metaAlerts, waiting);
  }
}
