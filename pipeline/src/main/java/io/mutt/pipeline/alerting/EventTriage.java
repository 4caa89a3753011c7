package io.mutt.pipeline.alerting;

import io.mutt.pipeline.clearing.ClearingRule;
import io.mutt.pipeline.clearing.ClearingRules;
import io.mutt.pipeline.routing.Routing;
import io.mutt.pipeline.routing.RoutingDecision;
import io.mutt.pipeline.rules.Rule;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Decides the fate of one event in this order: not a JSON object → discard; retries exhausted → DLQ
 * (poison); {@code hostname}, {@code timestamp} or {@code message} missing or empty → discard; then
 * the clearing patterns (an event one of them finds is that rule's clearing event, ADR 0038), rule
 * matching and routing. A matched event whose timestamp cannot be audited (unparsable, absurdly old
 * or far in the future) or whose hostname does not fit the audit column goes to the DLQ with the
 * reason.
 */
public final class EventTriage {

  /** {@code event_audit_log.hostname} is VARCHAR(255). */
  public static final int MAX_HOSTNAME = 255;

  private static final String[] REQUIRED = {"hostname", "timestamp", "message"};

  /** Default of {@code RULE_MATCH_MAX_CHARS}: rules see at most the first 64 Ki characters. */
  public static final int DEFAULT_MAX_MATCH_CHARS = 65_536;

  private final PoisonPolicy poison;
  private final Clock clock;
  private final int maxMatchChars;
  private final java.util.concurrent.atomic.LongAdder truncated =
      new java.util.concurrent.atomic.LongAdder();

  public EventTriage(PoisonPolicy poison, Clock clock) {
    this(poison, clock, DEFAULT_MAX_MATCH_CHARS);
  }

  /**
   * @param maxMatchChars rules are matched against at most this many leading characters of the
   *     message, so that a costly pattern on a huge message cannot hold the thread for long; the
   *     event itself (audit, alert) keeps its whole message
   */
  public EventTriage(PoisonPolicy poison, Clock clock, int maxMatchChars) {
    if (maxMatchChars < 1) {
      throw new IllegalArgumentException("RULE_MATCH_MAX_CHARS must be >= 1");
    }
    this.poison = poison;
    this.clock = clock;
    this.maxMatchChars = maxMatchChars;
  }

  /** Messages whose tail was left out of rule matching since this triage was built. */
  public long truncatedMessages() {
    return truncated.sum();
  }

  /** The part of a message rules are matched against. */
  public String matchedText(String message) {
    if (message.length() <= maxMatchChars) {
      return message;
    }
    truncated.increment();
    int end = maxMatchChars;
    if (Character.isHighSurrogate(message.charAt(end - 1))) {
      end--;
    }
    return message.substring(0, end);
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
    String matched = matchedText(message);
    ClearingRules clearing = rules.clearing();
    ClearingRule clears = clearing.isEmpty() ? null : clearing.clearedBy(matched);
    Match m =
        classify(
            clearing,
            clears,
            clears != null
                ? null
                : rules
                    .matcher()
                    .match(matched, oid == null ? null : text(oid), event.get("syslog_severity")),
            matched);
    Rule rule = m.rule();
    if (rule == null) {
      return new Verdict.Unhandled(hostname, message);
    }
    Verdict.Signal signal = m.signal();
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
    return new Verdict.Handled(decision, ts, retries, signal);
  }

  /**
   * The rule an event belongs to and its part in its rule's clearing (ADR 0038).
   *
   * @param rule null: unhandled
   * @param signal null when the rule has no clearing pattern
   */
  public record Match(Rule rule, Verdict.Signal signal) {}

  /**
   * Which rule an event belongs to: the rule whose clearing pattern finds it ({@code clears}, a
   * clearing event), else the rule matching chose ({@code matched}, a problem event when that rule
   * has a clearing pattern).
   *
   * @param clears {@link ClearingRules#clearedBy} of the matched text, or null
   * @param matched the rule matching chose (unused when {@code clears} is set), or null
   * @param matchedText the text rules are matched against (keys are captured from it)
   */
  public static Match classify(
      ClearingRules clearing, ClearingRule clears, Rule matched, String matchedText) {
    if (clears != null) {
      return new Match(clears.rule(), new Verdict.Signal(clears, clears.key(matchedText), true));
    }
    if (matched == null) {
      return new Match(null, null);
    }
    ClearingRule own = clearing.of(matched.id());
    return new Match(
        matched, own == null ? null : new Verdict.Signal(own, own.key(matchedText), false));
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
