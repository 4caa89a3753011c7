package io.mutt.pipeline.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleTest {

  @Test
  void a_database_row_becomes_a_rule_using_the_sql_column_names() {
    Map<String, Object> row = new HashMap<>();
    row.put("id", 5);
    row.put("match_string", null);
    row.put("trap_oid", ".1.3.6.1.4.1.9.9.41.2");
    row.put("syslog_severity", null);
    row.put("match_type", "oid_prefix");
    row.put("priority", 15);
    row.put("prod_handling", "Page_and_ticket");
    row.put("dev_handling", "Ignore");
    row.put("team_assignment", "NetOps");
    row.put("is_active", true);

    assertThat(Rule.fromMap(row)).isEqualTo(SampleRules.CISCO_SYSLOG_TRAP);
  }

  @Test
  void to_map_gives_the_ten_columns_in_ddl_order_and_round_trips() {
    Rule rule = TestRules.rule(7).regex("^%LINK-3-UPDOWN").severity(3).priority(12).build();

    Map<String, Object> row = rule.toMap();

    assertThat(row).isInstanceOf(LinkedHashMap.class);
    assertThat(row.keySet())
        .containsExactly(
            "id",
            "match_string",
            "trap_oid",
            "syslog_severity",
            "match_type",
            "priority",
            "prod_handling",
            "dev_handling",
            "team_assignment",
            "is_active");
    assertThat(row).containsEntry("syslog_severity", 3).containsEntry("is_active", true);
    assertThat(Rule.fromMap(row)).isEqualTo(rule);
  }

  @Test
  void missing_columns_take_the_schema_defaults() {
    Rule rule =
        Rule.fromMap(
            Map.of(
                "id",
                9,
                "match_string",
                "ERROR",
                "prod_handling",
                "Log_only",
                "dev_handling",
                "Ignore",
                "team_assignment",
                "NETO"));

    assertThat(rule.matchType()).isEqualTo(Rule.CONTAINS);
    assertThat(rule.priority()).isEqualTo(100);
    assertThat(rule.active()).isTrue();
    assertThat(rule.syslogSeverity()).isNull();
  }

  @Test
  void numbers_and_booleans_are_accepted_in_the_shapes_drivers_and_json_produce() {
    Rule rule =
        Rule.fromMap(
            Map.of(
                "id",
                3L,
                "priority",
                new BigDecimal("20"),
                "syslog_severity",
                "4",
                "is_active",
                "f",
                "match_string",
                "x"));

    assertThat(rule.id()).isEqualTo(3);
    assertThat(rule.priority()).isEqualTo(20);
    assertThat(rule.syslogSeverity()).isEqualTo(4);
    assertThat(rule.active()).isFalse();
  }

  @Test
  void a_value_of_the_wrong_type_is_reported_with_its_column() {
    assertThatThrownBy(() -> Rule.fromMap(Map.of("id", 1, "priority", "high")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("priority");
    assertThatThrownBy(() -> Rule.fromMap(Map.of("id", 1, "is_active", "maybe")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is_active");
  }
}
