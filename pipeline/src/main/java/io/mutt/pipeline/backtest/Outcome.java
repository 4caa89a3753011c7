package io.mutt.pipeline.backtest;

import io.mutt.pipeline.alerting.RuleSet;
import io.mutt.pipeline.clearing.StateAction;
import io.mutt.pipeline.noise.NoiseDecision;
import io.mutt.pipeline.noise.NoiseEngine;
import io.mutt.pipeline.noise.NoiseEvent;
import io.mutt.pipeline.routing.Routing;
import io.mutt.pipeline.routing.RoutingDecision;
import io.mutt.pipeline.rules.Rule;
import java.util.Set;

/**
 * What one configuration does with one event, as the alerter decides it: the winning rule (null:
 * unhandled), its team, whether an alert is forwarded, the noise decision text (null: none), and
 * what the key's clearing and flapping state did with it (ADR 0038; null: the rule has no clearing
 * pattern, or the event is a problem event forwarded as it would be without one).
 */
public record Outcome(
    Integer ruleId, String team, boolean forwarded, String noise, StateAction state) {

  public static final Outcome UNHANDLED = new Outcome(null, null, false, null);

  /** An outcome the key state had no part in. */
  public Outcome(Integer ruleId, String team, boolean forwarded, String noise) {
    this(ruleId, team, forwarded, noise, null);
  }

  /**
   * This outcome once the key's state has decided (a {@link StateAction#PROBLEM} is forwarded as
   * without a state, and shows none).
   */
  public Outcome withState(StateAction action) {
    return new Outcome(
        ruleId, team, action.forwards(), noise, action == StateAction.PROBLEM ? null : action);
  }

  /**
   * How the event leaves: {@code forwarded}, {@code cleared} (forwarded with severity {@code
   * Clear}), {@code suppressed}, {@code suppressed (flapping)} or {@code suppressed (nothing to
   * clear)} (a clearing event with no open alert of its key).
   */
  public String delivery() {
    if (forwarded) {
      return state != null && state.clears() ? "cleared" : "forwarded";
    }
    if (state == StateAction.SUPPRESSED_FLAPPING) {
      return "suppressed (flapping)";
    }
    return state == StateAction.CLEAR_NOTHING_OPEN ? "suppressed (nothing to clear)" : "suppressed";
  }

  /**
   * The key state's part as text ({@code clear}, {@code nothing to clear}, {@code flapping}, {@code
   * suppressed flapping}, {@code final state problem}, {@code final state clear}), or null.
   */
  public String stateText() {
    if (state == null) {
      return null;
    }
    return switch (state) {
      case PROBLEM -> "problem";
      case CLEAR -> "clear";
      case CLEAR_NOTHING_OPEN -> "nothing to clear";
      case FLAPPING -> "flapping";
      case SUPPRESSED_FLAPPING -> "suppressed flapping";
      case SETTLED_PROBLEM -> "final state problem";
      case SETTLED_CLEAR -> "final state clear";
    };
  }

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
