package io.mutt.pipeline.alerting;

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

  /** A rule matched: one audit row, and an alert when the decision forwards. */
  record Handled(RoutingDecision decision, OffsetDateTime timestamp, int retries)
      implements Verdict {}

  /** No rule matched: counted per host and message signature; not audited. */
  record Unhandled(String hostname, String message) implements Verdict {}
}
