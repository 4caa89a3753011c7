package io.mutt.alerter;

import io.mutt.pipeline.alerting.DeadLetters;
import io.mutt.pipeline.alerting.EventTriage;
import io.mutt.pipeline.alerting.PoisonPolicy;
import io.mutt.pipeline.alerting.RuleSet;
import io.mutt.pipeline.alerting.Verdict;
import io.mutt.pipeline.moog.AlertPayloads;
import io.mutt.pipeline.routing.UnhandledSignature;
import io.mutt.queue.QueueEntry;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one batch of ingest entries (SPEC.md §5.6–§5.8) and tells which entries may be
 * acknowledged: those whose successor is durable — the DLQ entry, the audit row (and the alert when
 * the decision forwards), the unhandled count (and its meta-alert when one was raised) — plus
 * discarded bad input. Entries whose write failed are left out; they stay pending and are
 * redelivered (ADR 0003 makes the redelivery idempotent). Never fails.
 */
final class BatchProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);

  private final MuttRuntime rt;
  private final RuleCache cache;
  private final AlerterSettings settings;
  private final AlerterMetrics metrics;
  private final LiveFeed live;
  private final EventTriage triage;
  private final AuditWriter audit;
  private final AlertPublisher alerts;
  private final UnhandledCounter unhandled;
  private final DeadLetterWriter dlq;
  private final Clock clock = Clock.systemUTC();

  BatchProcessor(MuttRuntime rt, RuleCache cache, AlerterSettings settings, LiveFeed live) {
    this.rt = rt;
    this.cache = cache;
    this.settings = settings;
    this.metrics = AlerterMetrics.of(rt.registry());
    this.live = live;
    this.triage =
        new EventTriage(
            new PoisonPolicy(settings.maxRetries()),
            clock,
            rt.config().atLeast("RULE_MATCH_MAX_CHARS", EventTriage.DEFAULT_MAX_MATCH_CHARS, 1));
    io.micrometer.core.instrument.FunctionCounter.builder(
            "mutt.alerter.match.truncated", triage, EventTriage::truncatedMessages)
        .description("messages whose tail past RULE_MATCH_MAX_CHARS was left out of rule matching")
        .register(rt.registry());
    this.audit = new AuditWriter(rt.pg(), metrics);
    this.alerts = new AlertPublisher(rt.redis(), rt.keys().alertQueue, settings.dedupeTtlSeconds());
    this.unhandled = new UnhandledCounter(rt.redis(), rt.keys().unhandledPrefix);
    this.dlq = new DeadLetterWriter(rt.redis(), rt.keys().alerterDlq, metrics);
  }

  /** Completes with the ids of the entries that may now be acknowledged. */
  Future<List<String>> process(List<QueueEntry> entries) {
    long start = System.nanoTime();
    Batch b = new Batch();
    RuleSet rules = cache.current();
    for (QueueEntry e : entries) {
      sort(e, rules, b);
    }
    Future<Void> dead = dlq.push(b.deadLetterJson);
    Future<Set<String>> audited = audit.write(b.handled.stream().map(Handled::row).toList());
    Future<List<Boolean>> counted =
        b.unhandled.isEmpty()
            ? Future.succeededFuture(List.of())
            : unhandled.count(
                b.unhandled.stream().map(Unhandled::sighting).toList(),
                settings.unhandledThreshold(rt.dynamic()),
                settings.unhandledExpirySeconds(rt.dynamic()));
    return Future.join(dead, audited, counted)
        .transform(ignored -> settle(b, dead, audited, counted))
        .onSuccess(acked -> recordLatency(b.succeeded, start));
  }

  private void sort(QueueEntry entry, RuleSet rules, Batch b) {
    JsonObject event = decode(entry.payload());
    Map<String, Object> map = event == null ? null : event.getMap();
    Verdict verdict = triage.triage(map, entry.deliveries(), rules);
    if (verdict instanceof Verdict.Discard d) {
      metrics.processed("error").increment();
      LOG.warn(
          "event {} discarded: {} [correlation_id={}]", entry.id(), d.reason(), correlationId(map));
      b.ack.add(entry.id());
      return;
    }
    boolean stamped = !(map.get("_event_id") instanceof String s) || s.isEmpty();
    if (stamped) {
      event.put("_event_id", entry.id());
    }
    String eventId = event.getString("_event_id");
    if (verdict instanceof Verdict.DeadLetter d) {
      b.deadLetterIds.add(entry.id());
      b.deadLetterJson.add(
          Json.encode(DeadLetters.failed(map, d.reason(), d.retries(), clock.instant())));
      b.deadLetterPoison.add(d.poison());
      LOG.warn(
          "event {} dead-lettered: {} [correlation_id={}]",
          eventId,
          d.reason(),
          correlationId(map));
    } else if (verdict instanceof Verdict.Handled h) {
      String raw = stamped ? event.encode() : entry.payload();
      AuditRow row =
          new AuditRow(
              h.timestamp(),
              EventTriage.text(map.get("hostname")),
              h.decision().rule().id(),
              h.decision().handling(),
              h.decision().forward(),
              raw,
              eventId,
              entry.deliveries() <= 1);
      AlertPublisher.Alert alert =
          h.decision().forward()
              ? new AlertPublisher.Alert(
                  eventId, AlertJson.matched(map, raw, h.decision(), eventId))
              : null;
      b.handled.add(new Handled(entry.id(), row, alert));
    } else if (verdict instanceof Verdict.Unhandled u) {
      b.unhandled.add(
          new Unhandled(
              entry.id(), map, new UnhandledCounter.Sighting(u.hostname(), u.message(), eventId)));
    }
  }

  private Future<List<String>> settle(
      Batch b, Future<Void> dead, Future<Set<String>> audited, Future<List<Boolean>> counted) {
    List<String> ack = b.ack;
    if (dead.succeeded()) {
      ack.addAll(b.deadLetterIds);
      b.deadLetterPoison.forEach(p -> metrics.processed(p ? "poison" : "error").increment());
    } else if (!b.deadLetterIds.isEmpty()) {
      LOG.error(
          "alerter DLQ write failed; {} events stay pending: {}",
          b.deadLetterIds.size(),
          dead.cause().getMessage());
    }
    List<AlertPublisher.Alert> toAppend = new ArrayList<>();
    List<String> waiting = new ArrayList<>();
    List<Boolean> isMeta = new ArrayList<>();
    if (audited.succeeded()) {
      for (Handled h : b.handled) {
        if (audited.result().contains(h.row().eventId())) {
          continue;
        }
        if (h.alert() == null) {
          ack.add(h.id());
          b.succeeded++;
          metrics.processed("handled").increment();
        } else {
          toAppend.add(h.alert());
          waiting.add(h.id());
          isMeta.add(false);
        }
      }
    } else if (!b.handled.isEmpty()) {
      LOG.error(
          "audit write failed; {} events stay pending for redelivery: {}",
          b.handled.size(),
          audited.cause().getMessage());
    }
    settleUnhandled(b, counted, ack, toAppend, waiting, isMeta);
    if (toAppend.isEmpty()) {
      return Future.succeededFuture(ack);
    }
    return alerts
        .publish(toAppend)
        .transform(
            ar -> {
              if (ar.failed()) {
                LOG.error(
                    "alert append failed; {} events stay pending for redelivery: {}",
                    waiting.size(),
                    ar.cause().getMessage());
                return Future.succeededFuture(ack);
              }
              ack.addAll(waiting);
              b.succeeded += waiting.size();
              countAppended(ar.result(), isMeta);
              return Future.succeededFuture(ack);
            });
  }

  private void settleUnhandled(
      Batch b,
      Future<List<Boolean>> counted,
      List<String> ack,
      List<AlertPublisher.Alert> toAppend,
      List<String> waiting,
      List<Boolean> isMeta) {
    if (b.unhandled.isEmpty()) {
      return;
    }
    metrics.processed("unhandled").increment(b.unhandled.size());
    if (counted.failed()) {
      LOG.warn(
          "unhandled-event counting failed for {} events (not retried): {}",
          b.unhandled.size(),
          counted.cause().getMessage());
      b.unhandled.forEach(u -> ack.add(u.id()));
      b.succeeded += b.unhandled.size();
      return;
    }
    long threshold = settings.unhandledThreshold(rt.dynamic());
    long expiry = settings.unhandledExpirySeconds(rt.dynamic());
    RuleSet rules = cache.current();
    for (int i = 0; i < b.unhandled.size(); i++) {
      Unhandled u = b.unhandled.get(i);
      if (!counted.result().get(i)) {
        ack.add(u.id());
        b.succeeded++;
        continue;
      }
      String host = u.sighting().hostname();
      Map<String, Object> payload =
          AlertPayloads.forUnhandled(
              u.event(),
              rules.teamFor(host, settings.defaultTeam()),
              UnhandledSignature.metaAlertMessage(threshold, expiry, host, u.sighting().message()));
      payload.put("_event_id", u.sighting().eventId());
      toAppend.add(
          new AlertPublisher.Alert(u.sighting().eventId() + ":meta", Json.encode(payload)));
      waiting.add(u.id());
      isMeta.add(true);
      LOG.info(
          "unhandled threshold reached for host {}; meta-alert raised [correlation_id={}]",
          host,
          correlationId(u.event()));
    }
  }

  private void countAppended(List<Boolean> appended, List<Boolean> isMeta) {
    long total = 0;
    for (int i = 0; i < appended.size(); i++) {
      if (!isMeta.get(i)) {
        metrics.processed("handled").increment();
      }
      if (appended.get(i)) {
        total++;
        if (isMeta.get(i)) {
          metrics.metaAlerts.increment();
        }
      }
    }
    metrics.alertsForwarded.increment(total);
    live.alerts(total);
  }

  private void recordLatency(int successful, long start) {
    long elapsed = System.nanoTime() - start;
    for (int i = 0; i < successful; i++) {
      metrics.processingLatency.record(elapsed, TimeUnit.NANOSECONDS);
    }
  }

  private static JsonObject decode(String payload) {
    try {
      Object v = Json.decodeValue(payload);
      return v instanceof JsonObject o ? o : null;
    } catch (DecodeException e) {
      return null;
    }
  }

  private static Object correlationId(Map<String, Object> event) {
    Object c = event == null ? null : event.get("_correlation_id");
    return c == null ? "unknown" : c;
  }

  private record Handled(String id, AuditRow row, AlertPublisher.Alert alert) {}

  private record Unhandled(
      String id, Map<String, Object> event, UnhandledCounter.Sighting sighting) {}

  /**
   * The entries of one batch, sorted by what has to become durable before they are acknowledged.
   */
  private static final class Batch {
    final List<String> ack = new ArrayList<>();
    final List<String> deadLetterIds = new ArrayList<>();
    final List<String> deadLetterJson = new ArrayList<>();
    final List<Boolean> deadLetterPoison = new ArrayList<>();
    final List<Handled> handled = new ArrayList<>();
    final List<Unhandled> unhandled = new ArrayList<>();
    int succeeded;
  }
}
