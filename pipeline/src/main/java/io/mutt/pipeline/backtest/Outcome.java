package io.mutt.pipeline.backtest;

import io.mutt.pipeline.alerting.RuleSet;
import io.mutt.pipeline.noise.NoiseDecision;
import io.mutt.pipeline.noise.NoiseEngine;
import io.mutt.pipeline.noise.NoiseEvent;
import io.mutt.pipeline.routing.Routing;
import io.mutt.pipeline.routing.RoutingDecision;
import io.mutt.pipeline.rules.Rule;
import java.util.Set;

/**
 * What one configuration does with one event, as the alerter decides it: the winning rule (null:
 * unhandled), its team, whether an alert is forwarded, and the noise decision text (null: none).
 */
public record Outcome(Integer ruleId, String team, boolean forwarded, String noise) {

  public static final Outcome UNHANDLED = new Outcome(null, null, false, null);

  /** The alerter's decision (rules, routing, then silences and windows at {@code epochMillis}). */
  public static Outcome of(
      RuleSet rules,
      NoiseEngine noise,
      String hostname,
      String message,
      String trapOid,
      Object syslogSeverity,
      long epochMillis) {
    return of(
        rules.matcher().match(message, trapOid, syslogSeverity),
        rules.devHosts(),
        noise,
        hostname,
        message,
        epochMillis);
  }

  /**
   * The alerter's decision once matching has chosen {@code rule} (null: unhandled): routing, then
   * silences and windows at {@code epochMillis}.
   */
  public static Outcome of(
      Rule rule,
      Set<String> devHosts,
      NoiseEngine noise,
      String hostname,
      String message,
      long epochMillis) {
    if (rule == null) {
      return UNHANDLED;
    }
    RoutingDecision d = Routing.decide(rule, hostname, devHosts);
    NoiseDecision quiet =
        d.forward()
            ? noise.decide(new NoiseEvent(hostname, message, d.team(), rule.id()), epochMillis)
            : NoiseDecision.NONE;
    return new Outcome(rule.id(), d.team(), d.forward() && !quiet.suppressed(), quiet.audit());
  }

  public boolean handled() {
    return ruleId != null;
  }
}
