package io.mutt.alerter;

import io.mutt.pipeline.alerting.EventTriage;
import io.mutt.pipeline.alerting.Verdict;
import io.mutt.pipeline.clearing.FlapPolicy;
import io.mutt.pipeline.clearing.FlapSettings;
import io.mutt.pipeline.clearing.StateAction;
import io.mutt.pipeline.noise.NoiseDecision;
import io.mutt.runtime.DynamicConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the events of rules with a clearing pattern on their keys' shared state (ADR 0038): the
 * step of each event (forward, clear, suppress, flapping) is taken for its key in Redis ({@link
 * KeyStates}), then turned into the event's audit row and, when the step forwards, its alert — as
 * it came, a clear (severity {@code Clear}, {@code _clearing}) or a flapping alert ({@code
 * _flapping}).
 */
final class ClearingDecisions {

  private static final Logger LOG = LoggerFactory.getLogger(ClearingDecisions.class);

  /** Moogsoft's clear severity (docs/reference/moogsoft-payload.md: {@code Clear} is 0). */
  static final String CLEAR = "Clear";

  /** {@code event_audit_log.noise_decision} is VARCHAR(200). */
  static final int NOISE_TEXT = 200;

  /** An event of a rule with a clearing pattern, waiting for its key's state. */
  record Event(
      String id,
      String eventId,
      Map<String, Object> event,
      String raw,
      Verdict.Handled verdict,
      NoiseDecision quiet,
      String hostname,
      boolean firstDelivery,
      boolean coalescing) {}

  private final KeyStates states;
  private final ClearingSettings clearing;
  private final DynamicConfig dynamic;
  private final AlerterMetrics metrics;
  private final AlerterSettings settings;
  private final Clock clock;

  ClearingDecisions(
      KeyStates states,
      ClearingSettings clearing,
      DynamicConfig dynamic,
      AlerterMetrics metrics,
      AlerterSettings settings,
      Clock clock) {
    this.states = states;
    this.clearing = clearing;
    this.dynamic = dynamic;
    this.metrics = metrics;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Completes with each event's audit row and alert, in order; with none when the state cannot be
   * read or written: the events then stay pending and are redelivered. Never fails.
   */
  Future<List<BatchProcessor.Handled>> decide(List<Event> events) {
    List<KeyStates.Pending> pending = new ArrayList<>(events.size());
    List<FlapSettings> limits = new ArrayList<>(events.size());
    FlapSettings defaults = clearing.defaults(dynamic);
    for (Event s : events) {
      Verdict.Signal signal = s.verdict().signal();
      FlapSettings l = signal.rule().flapSettings(defaults);
      limits.add(l);
      pending.add(
          new KeyStates.Pending(
              s.verdict().decision().rule().id(),
              s.hostname(),
              signal.key(),
              signal.clear(),
              s.eventId(),
              s.verdict().timestamp().toString(),
              signal.clear() ? clearAlert(s) : plainAlert(s),
              l));
    }
    return states
        .apply(pending, clock.millis())
        .map(
            steps -> {
              List<BatchProcessor.Handled> out = new ArrayList<>(steps.size());
              for (int i = 0; i < steps.size(); i++) {
                out.add(decided(events.get(i), steps.get(i), limits.get(i)));
              }
              return out;
            })
        .recover(
            err -> {
              LOG.error(
                  "clearing state unavailable; {} events stay pending for redelivery: {}",
                  events.size(),
                  err.getMessage());
              return Future.succeededFuture(List.of());
            });
  }

  /** The audit row and alert of an event decided on its key's state. */
  private BatchProcessor.Handled decided(Event s, FlapPolicy.Step step, FlapSettings limits) {
    Verdict.Signal signal = s.verdict().signal();
    StateAction action = step.action();
    metrics.clearing(action.name().toLowerCase(java.util.Locale.ROOT)).increment();
    String state = FlapPolicy.audit(action, signal.key(), step.changes(), limits);
    String quiet = s.quiet().audit();
    String text = quiet == null ? state : quiet + "; " + state;
    if (text.length() > NOISE_TEXT) {
      text = text.substring(0, NOISE_TEXT);
    }
    AuditRow row =
        new AuditRow(
            s.verdict().timestamp(),
            s.hostname(),
            s.verdict().decision().rule().id(),
            s.verdict().decision().handling(),
            action.forwards(),
            s.raw(),
            s.eventId(),
            s.firstDelivery(),
            null,
            text);
    if (!action.forwards()) {
      return new BatchProcessor.Handled(s.id(), row, null);
    }
    String severity;
    String json;
    switch (action) {
      case CLEAR -> {
        severity = CLEAR;
        json = clearAlert(s);
      }
      case FLAPPING -> {
        severity = s.quiet().downgraded() ? s.quiet().severity() : AlertJson.SEVERITY;
        json =
            AlertJson.marked(
                s.event(),
                s.verdict().decision(),
                s.eventId(),
                severity,
                s.quiet(),
                Map.of(
                    "_flapping",
                    marker(s)
                        .put("changes", step.changes())
                        .put("window_minutes", limits.windowMinutes())
                        .put("stable_minutes", limits.stableMinutes())));
      }
      default -> {
        severity = s.quiet().downgraded() ? s.quiet().severity() : AlertJson.SEVERITY;
        json = plainAlert(s);
      }
    }
    return new BatchProcessor.Handled(
        s.id(),
        row,
        new AlertPublisher.Alert(
            s.eventId(),
            json,
            s.eventId(),
            s.coalescing()
                ? settings
                    .coalescingKey()
                    .of(
                        s.hostname(),
                        s.verdict().decision().team(),
                        severity,
                        EventTriage.text(s.event().get("message")))
                : null,
            s.hostname()));
  }

  private static JsonObject marker(Event s) {
    return new JsonObject()
        .put("rule_id", s.verdict().decision().rule().id())
        .put("key", s.verdict().signal().key());
  }

  /** The alert the event sends as it came (downgraded when a window says so). */
  private static String plainAlert(Event s) {
    return s.quiet().downgraded()
        ? AlertJson.downgraded(s.event(), s.verdict().decision(), s.eventId(), s.quiet())
        : AlertJson.matched(s.event(), s.raw(), s.verdict().decision(), s.eventId());
  }

  /** The clear a clearing event sends: severity {@code Clear}, {@code _clearing} in raw_json. */
  private static String clearAlert(Event s) {
    return AlertJson.marked(
        s.event(),
        s.verdict().decision(),
        s.eventId(),
        CLEAR,
        s.quiet(),
        Map.of("_clearing", marker(s)));
  }
}
