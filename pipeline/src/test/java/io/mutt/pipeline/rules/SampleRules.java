package io.mutt.pipeline.rules;

import static io.mutt.pipeline.rules.TestRules.rule;

import java.util.List;

/**
 * The five {@code alert_rules} rows shipped with the core schema (docs/reference/sql-tables.md).
 */
public final class SampleRules {

  public static final Rule CRITICAL =
      rule(1)
          .contains("CRITICAL")
          .priority(10)
          .handling("Page_and_ticket", "Ticket_only")
          .team("NETO")
          .build();
  public static final Rule ERROR =
      rule(2).contains("ERROR").priority(20).handling("Ticket_only", "Ignore").team("NETO").build();
  public static final Rule LINK_DOWN =
      rule(3)
          .contains("LINK-DOWN")
          .priority(5)
          .handling("Page_and_ticket", "Ticket_only")
          .team("NetOps")
          .build();
  public static final Rule DOT1X =
      rule(4)
          .contains("DOT1X-FIRMWARE-RUNNING")
          .priority(50)
          .handling("Ticket_only", "Ignore")
          .team("Security")
          .build();
  public static final Rule CISCO_SYSLOG_TRAP =
      rule(5)
          .oidPrefix(".1.3.6.1.4.1.9.9.41.2")
          .priority(15)
          .handling("Page_and_ticket", "Ignore")
          .team("NetOps")
          .build();

  public static final List<Rule> ALL =
      List.of(CRITICAL, ERROR, LINK_DOWN, DOT1X, CISCO_SYSLOG_TRAP);

  private SampleRules() {}
}
