package io.mutt.pipeline.routing;

import io.mutt.pipeline.rules.Rule;
import java.util.Locale;
import java.util.Set;

/** Handling decision for a matched event. */
public final class Routing {

  private static final Set<String> FORWARDED =
      Set.of("page_and_ticket", "page_only", "ticket_only");

  private Routing() {}

  /**
   * Whether a handling decision sends an alert to Moogsoft: its lower case is one of {@code
   * page_and_ticket}, {@code page_only}, {@code ticket_only}. Null is not forwarded.
   */
  public static boolean isForwarded(String handling) {
    return handling != null && FORWARDED.contains(handling.toLowerCase(Locale.ROOT));
  }

  /**
   * @param hostname the event's hostname, compared exactly with the dev-host set
   * @param devHosts hostnames from {@code development_hosts}
   */
  public static RoutingDecision decide(Rule rule, String hostname, Set<String> devHosts) {
    Environment environment =
        hostname != null && devHosts.contains(hostname) ? Environment.DEV : Environment.PROD;
    String handling = environment == Environment.DEV ? rule.devHandling() : rule.prodHandling();
    return new RoutingDecision(
        rule, environment, handling, isForwarded(handling), rule.teamAssignment());
  }
}
