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

  /** One encoder for every event of a test, as a listener event loop has. */
  private final SyslogEvents reused = new SyslogEvents();

  @Test
  void an_encoder_reusing_its_buffer_gives_each_event_its_own_bytes() throws Exception {
    String small = "<13>1 2026-03-10T11:00:00Z h1 app - - - first";
    String large = "<13>1 2026-03-10T11:00:00Z h2 app - - - " + "x".repeat(10_000);
    byte[] first = reused.payload(parser.parse(small), small, "192.0.2.7", "t", "c1", "e1", true);
    byte[] second = reused.payload(parser.parse(large), large, "192.0.2.7", "t", "c2", "e2", true);
    byte[] third = reused.payload(parser.parse(small), small, "192.0.2.7", "t", "c3", "e3", false);
    assertThat(JSON.readTree(first).get("_event_id").asText()).isEqualTo("e1");
    assertThat(JSON.readTree(first).get("message").asText()).isEqualTo("first");
    assertThat(JSON.readTree(second).get("message").asText()).hasSize(10_000);
    assertThat(JSON.readTree(third).get("_event_id").asText()).isEqualTo("e3");
    assertThat(first).isNotSameAs(third);
  }

  @Test
  void a_plain_frame_gives_the_same_bytes_copied_as_escaped() {
    for (String line :
        new String[] {
          "<187>1 2026-12-07T05:12:01.123456Z edge-rtr-7.example.net ios 42 LINK - %LINK-3-UPDOWN:"
              + " Interface GigabitEthernet0/1, changed state to down",
          "<189>34: *Mar  1 18:46:11: %SYS-5-CONFIG_I: Configured from console by vty0 (10.0.0.1)",
          "<13>Mar 10 11:59:59 host1 cron[1]: job done",
          "<13>1 not-a-time host - - - bad timestamp kept raw",
          "no pri at all"
        }) {
      byte[] b = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(io.mutt.pipeline.event.EventJson.isPlain(b, 0, b.length)).as(line).isTrue();
      SyslogMessage m = parser.parse(line);
      assertThat(new String(reused.payload(m, line, "192.0.2.7", "t", "c", "e", true)))
          .as(line)
          .isEqualTo(new String(SyslogEvents.encode(m, line, "192.0.2.7", "t", "c", "e")));
    }
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
