package io.mutt.pipeline.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The event a syslog message becomes: the ingest model's fields, valid JSON, nothing lost. */
class SyslogEventsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SyslogParser parser =
      new SyslogParser(
          Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC);

  private JsonNode event(String line) throws Exception {
    byte[] b =
        SyslogEvents.encode(
            parser.parse(line), line, "192.0.2.7", "2026-03-10T12:00:00.5Z", "cid-1", "eid-1");
    return JSON.readTree(b);
  }

  @Test
  void rfc5424_with_structured_data() throws Exception {
    JsonNode e =
        event(
            "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 99 ID47"
                + " [exampleSDID@32473 iut=\"3\" eventSource=\"App \\\"x\\\"\"][a@1 k=\"1\" k=\"2\"]"
                + " An \"application\" entry\twith tab");
    assertThat(e.get("hostname").asText()).isEqualTo("mymachine.example.com");
    assertThat(e.get("timestamp").asText()).isEqualTo("2003-10-11T22:14:15.003Z");
    assertThat(e.get("message").asText()).isEqualTo("An \"application\" entry\twith tab");
    assertThat(e.get("syslog_severity").asInt()).isEqualTo(5);
    assertThat(e.get("severity").asText()).isEqualTo("notice");
    assertThat(e.get("facility").asText()).isEqualTo("local4");
    assertThat(e.get("program").asText()).isEqualTo("evntslog");
    assertThat(e.get("procid").asText()).isEqualTo("99");
    assertThat(e.get("msgid").asText()).isEqualTo("ID47");
    assertThat(e.get("source_ip").asText()).isEqualTo("192.0.2.7");
    assertThat(e.get("source").asText()).isEqualTo("syslog");
    assertThat(e.get("syslog_format").asText()).isEqualTo("rfc5424");
    assertThat(e.at("/structured_data/exampleSDID@32473/eventSource").asText())
        .isEqualTo("App \"x\"");
    assertThat(e.at("/structured_data/a@1/k").toString()).isEqualTo("[\"1\",\"2\"]");
    assertThat(e.get("_correlation_id").asText()).isEqualTo("cid-1");
    assertThat(e.get("_event_id").asText()).isEqualTo("eid-1");
    assertThat(e.has("parse_error")).isFalse();
    assertThat(e.has("raw")).isFalse();
  }

  @Test
  void missing_hostname_and_time_come_from_the_peer_and_the_arrival() throws Exception {
    JsonNode e = event("<13>cron[1]: no header at all");
    assertThat(e.get("hostname").asText()).isEqualTo("192.0.2.7");
    assertThat(e.get("timestamp").asText()).isEqualTo("2026-03-10T12:00:00.5Z");
  }

  @Test
  void malformed_lines_carry_raw_text_and_a_marker() throws Exception {
    JsonNode e = event("garbage \u0001 line");
    assertThat(e.get("parse_error").asText()).isEqualTo(ParseErrors.NO_PRI);
    assertThat(e.get("raw").asText()).isEqualTo("garbage \u0001 line");
    assertThat(e.get("message").asText()).isEqualTo("garbage \u0001 line");
    assertThat(e.get("hostname").asText()).isEqualTo("192.0.2.7");
    assertThat(e.get("syslog_severity").asInt()).isEqualTo(5);
  }

  @Test
  void cisco_fields() throws Exception {
    JsonNode e = event("<189>123: *Mar  1 00:01:02.345 UTC: %SYS-5-CONFIG_I: Configured");
    assertThat(e.get("cisco_sequence").asText()).isEqualTo("123");
    assertThat(e.get("cisco_mnemonic").asText()).isEqualTo("SYS-5-CONFIG_I");
    assertThat(e.get("message").asText()).isEqualTo("%SYS-5-CONFIG_I: Configured");
  }
}
