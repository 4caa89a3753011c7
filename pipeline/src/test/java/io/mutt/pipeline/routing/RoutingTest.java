package io.mutt.pipeline.routing;

import static io.mutt.pipeline.rules.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.rules.Rule;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutingTest {

  private static final Set<String> DEV_HOSTS = Set.of("dev-router1", "test-switch1");
  private final Rule rule =
      rule(1)
          .contains("CRITICAL")
          .handling("Page_and_ticket", "Ticket_only")
          .team("NetOps")
          .build();

  @Test
  void a_production_host_gets_the_prod_handling_and_the_rules_team() {
    RoutingDecision decision = Routing.decide(rule, "router1.prod.example.com", DEV_HOSTS);

    assertThat(decision)
        .isEqualTo(new RoutingDecision(rule, Environment.PROD, "Page_and_ticket", true, "NetOps"));
  }

  @Test
  void a_dev_host_gets_the_dev_handling() {
    RoutingDecision decision = Routing.decide(rule, "dev-router1", DEV_HOSTS);

    assertThat(decision.environment()).isEqualTo(Environment.DEV);
    assertThat(decision.handling()).isEqualTo("Ticket_only");
    assertThat(decision.forward()).isTrue();
  }

  @Test
  void an_event_for_a_dev_host_with_an_ignore_rule_is_not_forwarded() {
    Rule ignoredInDev = rule(2).contains("ERROR").handling("Ticket_only", "Ignore").build();

    RoutingDecision decision = Routing.decide(ignoredInDev, "test-switch1", DEV_HOSTS);

    assertThat(decision.handling()).isEqualTo("Ignore");
    assertThat(decision.forward()).isFalse();
  }

  @Test
  void dev_host_lookup_is_exact() {
    assertThat(Routing.decide(rule, "DEV-ROUTER1", DEV_HOSTS).environment())
        .isEqualTo(Environment.PROD);
    assertThat(Routing.decide(rule, null, DEV_HOSTS).environment()).isEqualTo(Environment.PROD);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Page_and_ticket", "Page_only", "Ticket_only", "PAGE_ONLY", "ticket_only"})
  void paging_and_ticketing_decisions_are_forwarded_in_any_case(String handling) {
    assertThat(Routing.isForwarded(handling)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Email_only", "Log_only", "Suppress", "Ignore", "", " Page_only", "page"})
  void other_decisions_are_not_forwarded(String handling) {
    assertThat(Routing.isForwarded(handling)).isFalse();
  }

  @Test
  void a_missing_decision_is_not_forwarded() {
    assertThat(Routing.isForwarded(null)).isFalse();
  }

  @Test
  void environments_have_lower_case_labels() {
    assertThat(Environment.PROD.label()).isEqualTo("prod");
    assertThat(Environment.DEV.label()).isEqualTo("dev");
  }
}
