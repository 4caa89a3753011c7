package io.mutt.pipeline.alerting;

import io.mutt.pipeline.rules.RuleMatcher;
import java.util.Map;
import java.util.Set;

/**
 * One immutable snapshot of the alerter's rule cache: the compiled active rules, the development
 * host set and the hostname → team map. The cache swaps whole snapshots, so an event is always
 * routed with one consistent view.
 */
public record RuleSet(RuleMatcher matcher, Set<String> devHosts, Map<String, String> teams) {

  public RuleSet {
    devHosts = Set.copyOf(devHosts);
    teams = Map.copyOf(teams);
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
