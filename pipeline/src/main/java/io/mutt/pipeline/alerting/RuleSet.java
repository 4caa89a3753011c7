package io.mutt.pipeline.alerting;

import io.mutt.pipeline.clearing.ClearingRules;
import io.mutt.pipeline.rules.RuleMatcher;
import java.util.Map;
import java.util.Set;

/**
 * One immutable snapshot of the alerter's rule cache: the compiled active rules, the development
 * host set and the hostname → team map. The cache swaps whole snapshots, so an event is always
 * routed with one consistent view. {@code clearing} holds the rules' clearing patterns (ADR 0038).
 */
public record RuleSet(
    RuleMatcher matcher, Set<String> devHosts, Map<String, String> teams, ClearingRules clearing) {

  public RuleSet {
    devHosts = Set.copyOf(devHosts);
    teams = Map.copyOf(teams);
    clearing = clearing == null ? ClearingRules.none() : clearing;
  }

  /** A snapshot whose rules have no clearing patterns. */
  public RuleSet(RuleMatcher matcher, Set<String> devHosts, Map<String, String> teams) {
    this(matcher, devHosts, teams, ClearingRules.none());
  }

  /**
   * The team of an unhandled-event meta-alert: {@code device_teams[hostname]}, else the default
   * team.
   */
  public String teamFor(String hostname, String defaultTeam) {
    String team = hostname == null ? null : teams.get(hostname);
    return team == null ? defaultTeam : team;
  }
}
