package io.mutt.web.backtest;

import io.mutt.pipeline.alerting.EventTriage;
import io.mutt.pipeline.alerting.Verdict;
import io.mutt.pipeline.backtest.BacktestDiff;
import io.mutt.pipeline.backtest.DraftMatcher;
import io.mutt.pipeline.backtest.Outcome;
import io.mutt.pipeline.backtest.ReplayEvent;
import io.mutt.pipeline.backtest.StateReplay;
import io.mutt.pipeline.clearing.ClearingRule;
import io.mutt.web.Http;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One chunk of audit rows decided on both sides: the diff of the events no key state decides, and,
 * in time order, those that clearing or flap state decides on either side (for {@link StateReplay},
 * which needs them one after the other). Pure CPU work for a worker thread.
 *
 * @param diff the stateless events' changes
 * @param stateful the events left to the key states
 */
record AuditChunk(BacktestDiff diff, List<StateReplay.Event> stateful) {

  /**
   * The audit query's columns, in order: {@code event_timestamp}, {@code hostname}, {@code
   * raw_message}, and whether the row recorded an unmatched event.
   */
  static final String COLUMNS = "event_timestamp, hostname, raw_message, matched_rule_id IS NULL";

  /** Decides {@code rows} (of {@link #COLUMNS}) with both sides into {@code diff}. */
  static AuditChunk decide(Iterable<Row> rows, Sides c, BacktestDiff diff) {
    List<StateReplay.Event> stateful = new ArrayList<>();
    for (Row row : rows) {
      if (Boolean.TRUE.equals(row.getBoolean(3))) {
        diff.unmatchedRecorded();
      }
      OffsetDateTime ts = row.getOffsetDateTime(0);
      String host = row.getString(1);
      ReplayEvent event = event(row.getString(2));
      long t = ts.toInstant().toEpochMilli();
      String message = event.message();
      ClearingRule clears = c.clearing().isEmpty() ? null : c.clearing().clearedBy(message);
      ClearingRule draftClears =
          c.draftClearing().isEmpty() ? null : c.draftClearing().clearedBy(message);
      DraftMatcher.Winners w =
          clears != null && draftClears != null
              ? new DraftMatcher.Winners(null, null)
              : c.matcher().match(message, event.trapOid(), event.syslogSeverity());
      EventTriage.Match now = EventTriage.classify(c.clearing(), clears, w.current(), message);
      EventTriage.Match then =
          EventTriage.classify(c.draftClearing(), draftClears, w.draft(), message);
      Outcome before = Outcome.of(now.rule(), c.devHosts(), c.noise(), host, message, t);
      Outcome after = Outcome.of(then.rule(), c.devHosts(), c.draftNoise(), host, message, t);
      Verdict.Signal beforeSignal = before.forwarded() ? now.signal() : null;
      Verdict.Signal afterSignal = after.forwarded() ? then.signal() : null;
      if (beforeSignal != null || afterSignal != null) {
        stateful.add(
            new StateReplay.Event(
                event.correlationId(),
                Http.iso(ts),
                host,
                t,
                before,
                beforeSignal,
                after,
                afterSignal));
      } else if (before.equals(after)) {
        diff.unchanged();
      } else {
        diff.add(event.correlationId(), Http.iso(ts), host, before, after);
      }
    }
    return new AuditChunk(diff, stateful);
  }

  /**
   * The replayed fields of an audit row's raw JSON; an event whose fields hold objects or arrays is
   * decoded in full (their text is the JSON encoding), text that is no JSON object has no fields.
   */
  static ReplayEvent event(String raw) {
    ReplayEvent fast = ReplayEvent.parse(raw);
    if (fast != null) {
      return fast;
    }
    JsonObject json;
    try {
      json = new JsonObject(raw);
    } catch (DecodeException e) {
      return ReplayEvent.EMPTY;
    }
    Object message = json.getValue("message");
    Object oid = json.getValue("trap_oid");
    Object cid = json.getValue("_correlation_id");
    return new ReplayEvent(
        message == null ? "" : message.toString(),
        oid == null ? null : oid.toString(),
        json.getValue("syslog_severity"),
        cid == null ? null : cid.toString());
  }
}
