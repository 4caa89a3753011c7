package io.mutt.alerter;

import io.mutt.db.DatabaseBreaker;
import io.mutt.pipeline.alerting.DeadLetters;
import io.mutt.pipeline.alerting.EventTriage;
import io.mutt.pipeline.alerting.PoisonPolicy;
import io.mutt.pipeline.alerting.RuleSet;
import io.mutt.pipeline.alerting.Verdict;
import io.mutt.pipeline.noise.NoiseDecision;
import io.mutt.queue.QueueEntry;
import io.mutt.runtime.CoalescingWindow;
import io.mutt.runtime.DynamicConfig;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one batch of ingest entries and tells which entries may be acknowledged: those whose
 * successor is durable — the DLQ entry, the audit row (and the alert when the decision forwards),
 * the unhandled count (and its meta-alert when one was raised) — plus discarded bad input. Entries
 * whose write failed are left out; they stay pending and are redelivered (ADR 0003 makes the
 * redelivery idempotent). Never fails.
 */
final class BatchProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);

  private final DynamicConfig dynamic;
  private final RuleCache cache;
  private final AlerterSettings settings;
  private final AlerterMetrics metrics;
  private final LiveFeed live;
  private final EventTriage triage;
  private final AuditWriter audit;
  private final AlertPublisher alerts;
  private final UnhandledEvents unhandled;
  private final DeadLetterWriter dlq;
  private final CoalescingWindow window;
  private final NoiseState noise;
  private final ClearingDecisions clearing;
  private final Clock clock = Clock.systemUTC();

  private final DatabaseBreaker breaker;

  /**
   * @param breaker (null: none) a failed audit write that means PostgreSQL is unreachable opens it
   *     (logged once there) instead of being logged for each batch
   */
  BatchProcessor(
      DynamicConfig dynamic,
      RuleCache cache,
      AlerterSettings settings,
      AlerterMetrics metrics,
      AuditWriter audit,
      AlertPublisher alerts,
      UnhandledCounter unhandled,
      DeadLetterWriter dlq,
      CoalescingWindow window,
      LiveFeed live,
      DatabaseBreaker breaker,
      NoiseState noise,
      KeyStates states,
      ClearingSettings clearing) {
    this.breaker = breaker;
    this.noise = noise;
    this.clearing =
        states == null
            ? null
            : new ClearingDecisions(states, clearing, dynamic, metrics, settings, clock);
    this.dynamic = dynamic;
    this.cache = cache;
    this.settings = settings;
    this.metrics = metrics;
    this.live = live;
    this.triage =
        new EventTriage(new PoisonPolicy(settings.maxRetries()), clock, settings.maxMatchChars());
    metrics.matchTruncations(triage::truncatedMessages);
    this.audit = audit;
    this.alerts = alerts;
    this.unhandled = new UnhandledEvents(unhandled, settings, dynamic, cache, metrics, clock);
    this.dlq = dlq;
    this.window = window;
  }

  /** Completes with the ids of the entries that may now be acknowledged. */
  Future<List<String>> process(List<QueueEntry> entries) {
    long start = System.nanoTime();
    Batch b = new Batch();
    b.auditUnhandled = settings.auditUnhandled(dynamic);
    RuleSet rules = cache.current();
    long windowMs = window.ms();
    for (QueueEntry e : entries) {
      sort(e, rules, windowMs > 0, b);
    }
    Future<Void> dead = dlq.push(b.deadLetterJson);
    // Events of rules with a clearing pattern are decided on their key's shared state first.
    Future<Void> stated =
        b.stateful.isEmpty()
            ? Future.succeededFuture()
            : clearing.decide(b.stateful).map(decided -> b.handled.addAll(decided)).mapEmpty();
    // The audit rows name the alert an event will be coalesced into, so that is looked up first.
    Future<List<String>> previewed =
        stated.compose(
            v ->
                alerts.preview(
                    b.handled.stream().map(Handled::alert).filter(Objects::nonNull).toList(),
                    windowMs));
    Future<Set<String>> audited =
        previewed.transform(ar -> audit.write(auditRows(b, ar.succeeded() ? ar.result() : null)));
    Future<List<Boolean>> counted = unhandled.count(b.unhandled);
    return Future.join(dead, audited, counted)
        .transform(ignored -> settle(b, dead, audited, counted, windowMs))
        .onSuccess(acked -> recordLatency(b.succeeded, start));
  }

  /**
   * The rows to write: every handled event that raises no alert, and — when the preview answered —
   * every one that does, naming the alert it is to be coalesced into. The others stay pending.
   */
  private static List<AuditRow> auditRows(Batch b, List<String> coalescedInto) {
    List<AuditRow> rows = new ArrayList<>(b.handled.size() + b.unhandledRows.size());
    rows.addAll(b.unhandledRows);
    int i = 0;
    for (Handled h : b.handled) {
      if (h.alert() == null) {
        rows.add(h.row());
      } else if (coalescedInto != null) {
        Handled audited = h.coalescedInto(coalescedInto.get(i++));
        b.audited.add(audited);
        rows.add(audited.row());
      }
    }
    return rows;
  }

  /**
   * @param coalescing whether alerts get a coalescing key (no digest is computed when off)
   */
  private void sort(QueueEntry entry, RuleSet rules, boolean coalescing, Batch b) {
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
      String hostname = EventTriage.text(map.get("hostname"));
      NoiseDecision quiet =
          noise == null || !h.decision().forward()
              ? NoiseDecision.NONE
              : noise.decide(hostname, EventTriage.text(map.get("message")), h.decision());
      boolean forward = h.decision().forward() && !quiet.suppressed();
      if (forward && h.signal() != null && clearing != null) {
        b.stateful.add(
            new ClearingDecisions.Event(
                entry.id(),
                eventId,
                map,
                raw,
                h,
                quiet,
                hostname,
                entry.deliveries() <= 1,
                coalescing));
        return;
      }
      AuditRow row =
          new AuditRow(
              h.timestamp(),
              hostname,
              h.decision().rule().id(),
              h.decision().handling(),
              forward,
              raw,
              eventId,
              entry.deliveries() <= 1,
              null,
              quiet.audit());
      AlertPublisher.Alert alert =
          forward
              ? new AlertPublisher.Alert(
                  eventId,
                  quiet.downgraded()
                      ? AlertJson.downgraded(map, h.decision(), eventId, quiet)
                      : AlertJson.matched(map, raw, h.decision(), eventId),
                  eventId,
                  coalescing
                      ? settings
                          .coalescingKey()
                          .of(
                              EventTriage.text(map.get("hostname")),
                              h.decision().team(),
                              quiet.downgraded() ? quiet.severity() : AlertJson.SEVERITY,
                              EventTriage.text(map.get("message")))
                      : null,
                  hostname)
              : null;
      b.handled.add(new Handled(entry.id(), row, alert));
    } else if (verdict instanceof Verdict.Unhandled u) {
      if (b.auditUnhandled) {
        AuditRow row =
            unhandled.row(map, stamped ? event.encode() : entry.payload(), eventId, entry);
        if (row != null) {
          b.unhandledRows.add(row);
        }
      }
      b.unhandled.add(
          new UnhandledEvents.Event(
              entry.id(), map, new UnhandledCounter.Sighting(u.hostname(), u.message(), eventId)));
    }
  }

  private Future<List<String>> settle(
      Batch b,
      Future<Void> dead,
      Future<Set<String>> audited,
      Future<List<Boolean>> counted,
      long windowMs) {
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
    List<AuditRow> expected = new ArrayList<>();
    if (audited.succeeded()) {
      for (Handled h : b.handled) {
        if (h.alert() == null && !audited.result().contains(h.row().eventId())) {
          ack.add(h.id());
          b.succeeded++;
          metrics.processed("handled").increment();
        }
      }
      for (Handled h : b.audited) {
        if (!audited.result().contains(h.row().eventId())) {
          toAppend.add(h.alert());
          waiting.add(h.id());
          expected.add(h.row());
        }
      }
    } else if (!b.unhandledRows.isEmpty() && b.handled.isEmpty()) {
      LOG.warn(
          "audit rows of {} unmatched events not written (AUDIT_UNHANDLED is best effort): {}",
          b.unhandledRows.size(),
          audited.cause().getMessage());
    } else if (!b.handled.isEmpty() && (breaker == null || !breaker.failed(audited.cause()))) {
      LOG.error(
          "audit write failed; {} events stay pending for redelivery: {}",
          b.handled.size(),
          audited.cause().getMessage());
    }
    UnhandledEvents.Settled unmatched = unhandled.settle(b.unhandled, counted);
    ack.addAll(unmatched.done());
    b.succeeded += unmatched.done().size();
    toAppend.addAll(unmatched.metaAlerts());
    waiting.addAll(unmatched.waiting());
    if (toAppend.isEmpty()) {
      return Future.succeededFuture(ack);
    }
    return alerts
        .publish(toAppend, windowMs)
        .compose(outcomes -> reconcile(expected, outcomes).map(outcomes))
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
              countPublished(ar.result(), expected.size(), expected);
              return Future.succeededFuture(ack);
            });
  }

  /**
   * Corrects the audit rows whose previewed coalescing decision a window closing or opening in
   * between has changed (rare: a window's end fell between preview and publish).
   */
  private Future<Void> reconcile(List<AuditRow> rows, List<AlertPublisher.Outcome> outcomes) {
    List<AuditRow> changed = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String actual = outcomes.get(i).coalescedInto();
      if (!Objects.equals(actual, rows.get(i).coalescedInto())) {
        changed.add(rows.get(i).coalescedInto(actual));
      }
    }
    if (changed.isEmpty()) {
      return Future.succeededFuture();
    }
    return audit
        .updateCoalescedInto(changed)
        .recover(
            err -> {
              LOG.warn(
                  "{} audit rows keep a stale coalescing decision: {}",
                  changed.size(),
                  err.getMessage());
              return Future.succeededFuture();
            });
  }

  /**
   * Counts what one publish did; the first {@code handled} outcomes are matched events' alerts, the
   * rest meta-alerts.
   */
  private void countPublished(
      List<AlertPublisher.Outcome> outcomes, int handled, List<AuditRow> rows) {
    long appended = 0;
    AuditRow latest = null;
    for (int i = 0; i < outcomes.size(); i++) {
      AlertPublisher.Outcome o = outcomes.get(i);
      if (i < handled) {
        metrics.processed("handled").increment();
      }
      switch (o.kind()) {
        case APPENDED -> {
          appended++;
          if (i < handled) {
            latest = rows.get(i);
          }
          if (i >= handled) {
            metrics.metaAlerts.increment();
          }
        }
        case COALESCED -> metrics.alertsCoalesced.increment();
        case REPEAT -> {}
      }
    }
    metrics.alertsForwarded.increment(appended);
    live.alerts(appended, latest == null ? null : sample(latest));
  }

  /** The live feed's sample of an alert: its host, message and correlation id. */
  private static JsonObject sample(AuditRow row) {
    JsonObject event = decode(row.rawMessage());
    Object message = event == null ? null : event.getValue("message");
    Object cid = event == null ? null : event.getValue("_correlation_id");
    return new JsonObject()
        .put("hostname", row.hostname())
        .put("message", message == null ? "" : message.toString())
        .put("correlation_id", cid == null ? null : cid.toString());
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

  static Object correlationId(Map<String, Object> event) {
    Object c = event == null ? null : event.get("_correlation_id");
    return c == null ? "unknown" : c;
  }

  /** An event that matched a rule, with its audit row and its alert (null: it raises none). */
  record Handled(String id, AuditRow row, AlertPublisher.Alert alert) {

    Handled coalescedInto(String firstEventId) {
      return new Handled(id, row.coalescedInto(firstEventId), alert);
    }
  }

  /**
   * The entries of one batch, sorted by what has to become durable before they are acknowledged.
   */
  private static final class Batch {
    final List<String> ack = new ArrayList<>();
    final List<String> deadLetterIds = new ArrayList<>();
    final List<String> deadLetterJson = new ArrayList<>();
    final List<Boolean> deadLetterPoison = new ArrayList<>();
    final List<Handled> handled = new ArrayList<>();

    /** The handled events with an alert whose audit rows were written, in order. */
    final List<Handled> audited = new ArrayList<>();

    final List<UnhandledEvents.Event> unhandled = new ArrayList<>();

    /** Audit rows of unmatched events ({@code AUDIT_UNHANDLED}); best effort, not waited for. */
    final List<AuditRow> unhandledRows = new ArrayList<>();

    boolean auditUnhandled;

    /** Events of rules with a clearing pattern, decided on their keys' state before auditing. */
    final List<ClearingDecisions.Event> stateful = new ArrayList<>();

    int succeeded;
  }
}
