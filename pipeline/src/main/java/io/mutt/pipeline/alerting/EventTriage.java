package io.mutt.pipeline.alerting;

import io.mutt.pipeline.routing.Routing;
import io.mutt.pipeline.routing.RoutingDecision;
import io.mutt.pipeline.rules.Rule;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Decides the fate of one event in this order: not a JSON object → discard; retries exhausted → DLQ
 * (poison); {@code hostname}, {@code timestamp} or {@code message} missing or empty → discard; then
 * rule matching and routing. A matched event whose timestamp cannot be audited (unparsable,
 * absurdly old or far in the future) or whose hostname does not fit the audit column goes to the
 * DLQ with the reason.
 */
public final class EventTriage {

  /** {@code event_audit_log.hostname} is VARCHAR(255). */
  public static final int MAX_HOSTNAME = 255;

  private static final String[] REQUIRED = {"hostname", "timestamp", "message"};

  private final PoisonPolicy poison;
  private final Clock clock;

  public EventTriage(PoisonPolicy poison, Clock clock) {
    this.poison = poison;
    this.clock = clock;
  }

  /**
   * @param event the decoded event, or null when the payload was not a JSON object
   * @param deliveries the queue's delivery count of this entry (1 = first attempt)
   */
  public Verdict triage(Map<String, Object> event, long deliveries, RuleSet rules) {
    if (event == null) {
      return new Verdict.Discard("payload is not a JSON object");
    }
    int retries = poison.retries(deliveries, event.get("_retry_count"));
    if (poison.exhausted(retries)) {
      return new Verdict.DeadLetter(
          "retries exhausted: "
              + retries
              + " failed attempts (ALERTER_MAX_RETRIES="
              + poison.maxRetries()
              + ")",
          retries,
          true);
    }
    String problem = requiredProblem(event);
    if (problem != null) {
      return new Verdict.Discard(problem);
    }
    String hostname = text(event.get("hostname"));
    String message = text(event.get("message"));
    Object oid = event.get("trap_oid");
    Rule rule =
        rules
            .matcher()
            .match(message, oid == null ? null : text(oid), event.get("syslog_severity"));
    if (rule == null) {
      return new Verdict.Unhandled(hostname, message);
    }
    RoutingDecision decision = Routing.decide(rule, hostname, rules.devHosts());
    OffsetDateTime ts;
    try {
      ts = EventTimestamps.parse(event.get("timestamp"));
    } catch (IllegalArgumentException e) {
      return new Verdict.DeadLetter(e.getMessage(), retries, false);
    }
    String range = EventTimestamps.rangeProblem(ts, clock.instant());
    if (range != null) {
      return new Verdict.DeadLetter(range, retries, false);
    }
    if (hostname.codePointCount(0, hostname.length()) > MAX_HOSTNAME) {
      return new Verdict.DeadLetter(
          "hostname is longer than " + MAX_HOSTNAME + " characters", retries, false);
    }
    return new Verdict.Handled(decision, ts, retries);
  }

  /**
   * The first of hostname, timestamp, message that is absent, empty, or not a scalar; null when all
   * are usable.
   */
  static String requiredProblem(Map<String, Object> event) {
    for (String field : REQUIRED) {
      Object v = event.get(field);
      if (v == null) {
        return "missing required field: " + field;
      }
      if (v instanceof Map || v instanceof Iterable) {
        return "required field "
            + field
            + " must be text, not a JSON "
            + (v instanceof Map ? "object" : "array");
      }
      if (v.toString().isEmpty()) {
        return "required field " + field + " is empty";
      }
    }
    return null;
  }

  /** A scalar as text (numbers and booleans as JSON writes them). */
  public static String text(Object v) {
    return v == null ? "" : v.toString();
  }
}
