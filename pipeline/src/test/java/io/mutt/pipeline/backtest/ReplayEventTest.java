package io.mutt.pipeline.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ReplayEventTest {

  @Test
  void the_four_fields_are_read_and_others_skipped() {
    ReplayEvent e =
        ReplayEvent.parse(
            "{\"hostname\":\"sw1\",\"nested\":{\"message\":\"no\",\"a\":[1,{\"b\":2}]},"
                + "\"message\":\"LINK down \\u00e9\",\"trap_oid\":\"1.3.6.1\",\"syslog_severity\":3,"
                + "\"_correlation_id\":\"c-1\",\"tail\":[\"x\"]}");
    assertThat(e).isEqualTo(new ReplayEvent("LINK down \u00e9", "1.3.6.1", 3, "c-1"));
  }

  @Test
  void values_are_typed_as_a_full_decode_types_them() {
    assertThat(ReplayEvent.parse("{\"syslog_severity\":\"Warning\"}").syslogSeverity())
        .isEqualTo("Warning");
    assertThat(ReplayEvent.parse("{\"syslog_severity\":4.0}").syslogSeverity()).isEqualTo(4.0);
    assertThat(ReplayEvent.parse("{\"syslog_severity\":5000000000}").syslogSeverity())
        .isEqualTo(5_000_000_000L);
    assertThat(ReplayEvent.parse("{\"syslog_severity\":99999999999999999999}").syslogSeverity())
        .isEqualTo(new BigInteger("99999999999999999999"));
    assertThat(ReplayEvent.parse("{\"message\":42,\"_correlation_id\":true}"))
        .isEqualTo(new ReplayEvent("42", null, null, "true"));
    assertThat(ReplayEvent.parse("{\"message\":null,\"trap_oid\":null}"))
        .isEqualTo(ReplayEvent.EMPTY);
  }

  @Test
  void a_field_given_twice_keeps_its_last_value() {
    assertThat(ReplayEvent.parse("{\"message\":\"a\",\"message\":\"b\"}").message()).isEqualTo("b");
  }

  @Test
  void text_that_is_not_one_json_object_has_no_fields() {
    assertThat(ReplayEvent.parse(null)).isEqualTo(ReplayEvent.EMPTY);
    assertThat(ReplayEvent.parse("not json")).isEqualTo(ReplayEvent.EMPTY);
    assertThat(ReplayEvent.parse("[1,2]")).isEqualTo(ReplayEvent.EMPTY);
    assertThat(ReplayEvent.parse("{\"message\":\"a\"")).isEqualTo(ReplayEvent.EMPTY);
    assertThat(ReplayEvent.parse("{\"message\":\"a\"} {}")).isEqualTo(ReplayEvent.EMPTY);
  }

  @Test
  void an_object_or_array_in_a_replayed_field_asks_for_a_full_decode() {
    assertThat(ReplayEvent.parse("{\"message\":{\"text\":\"a\"}}")).isNull();
    assertThat(ReplayEvent.parse("{\"trap_oid\":[1]}")).isNull();
  }
}
