package io.mutt.pipeline.alerting;

import io.mutt.pipeline.clearing.ClearingRule;
import io.mutt.pipeline.routing.RoutingDecision;
import java.time.OffsetDateTime;

/** What the alerter does with one event. */
public sealed interface Verdict {

  /**
   * Unusable input (not a JSON object, required field missing or empty): counted {@code error},
   * acknowledged.
   */
  record Discard(String reason) implements Verdict {}

  /**
   * Moved to the alerter DLQ with a reason, then acknowledged: retries exhausted ({@code poison}),
   * or input that can never be audited, such as an unparsable timestamp (counted {@code error};
   * never silently dropped).
   */
  record DeadLetter(String reason, int retries, boolean poison) implements Verdict {}

  /**
   * A rule matched, or the event is a rule's clearing event: one audit row, and an alert when the
   * decision forwards.
   *
   * @param signal for a rule with a clearing pattern (ADR 0038): the key and whether the event is a
   *     problem or a clear; null otherwise
   */
  record Handled(RoutingDecision decision, OffsetDateTime timestamp, int retries, Signal signal)
      implements Verdict {

    public Handled(RoutingDecision decision, OffsetDateTime timestamp, int retries) {
      this(decision, timestamp, retries, null);
    }
  }

  /**
   * The event's part in its rule's clearing and flapping (ADR 0038).
   *
   * @param rule the clearing part of the rule
   * @param key the captured key ("" when the rule captures none)
   * @param clear true for a clearing event, false for a problem event
   */
  record Signal(ClearingRule rule, String key, boolean clear) {}

  /** No rule matched: counted per host and message signature; not audited. */
  record Unhandled(String hostname, String message) implements Verdict {}
}
