package io.mutt.pipeline.routing;

import io.mutt.pipeline.rules.Rule;

/**
 * What to do with a matched event.
 *
 * @param rule the winning rule
 * @param environment the host's environment
 * @param handling the rule's {@code dev_handling} or {@code prod_handling}, as written
 * @param forward whether an alert goes to Moogsoft
 * @param team the rule's {@code team_assignment} ({@code device_teams} is not used here)
 */
public record RoutingDecision(
    Rule rule, Environment environment, String handling, boolean forward, String team) {}
