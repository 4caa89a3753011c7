package io.mutt.pipeline.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.syslog.SyslogMessage.Format;
import io.mutt.pipeline.syslog.SyslogMessage.SdElement;
import io.mutt.pipeline.syslog.SyslogMessage.SdParam;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Conformance with the examples of RFC 5424 §6.5 and §6.2.3, RFC 3164 §5.4, and the Cisco IOS
 * shapes devices send.
 */
class SyslogParserTest {

  private static final String BOM = "\uFEFF";
  private final SyslogParser parser =
      new SyslogParser(
          Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC);

  @Test
  void rfc5424_example_1_no_structured_data_and_a_bom() {
    SyslogMessage m =
        parser.parse(
            "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - "
                + BOM
                + "'su root' failed for lonvick on /dev/pts/8");
    assertThat(m.format()).isEqualTo(Format.RFC5424);
    assertThat(m.facility()).isEqualTo(4);
    assertThat(m.severity()).isEqualTo(2);
    assertThat(m.timestamp()).isEqualTo("2003-10-11T22:14:15.003Z");
    assertThat(m.hostname()).isEqualTo("mymachine.example.com");
    assertThat(m.appName()).isEqualTo("su");
    assertThat(m.procId()).isNull();
    assertThat(m.msgId()).isEqualTo("ID47");
    assertThat(m.structuredData()).isEmpty();
    assertThat(m.message()).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
    assertThat(m.parseError()).isNull();
  }

  @Test
  void rfc5424_example_2_ip_address_host_and_microseconds() {
    SyslogMessage m =
        parser.parse(
            "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - -"
                + " %% It's time to make the do-nuts.");
    assertThat(m.facility()).isEqualTo(20);
    assertThat(m.severity()).isEqualTo(5);
    assertThat(m.timestamp()).isEqualTo("2003-08-24T05:14:15.000003-07:00");
    assertThat(m.hostname()).isEqualTo("192.0.2.1");
    assertThat(m.appName()).isEqualTo("myproc");
    assertThat(m.procId()).isEqualTo("8710");
    assertThat(m.msgId()).isNull();
    assertThat(m.message()).isEqualTo("%% It's time to make the do-nuts.");
    assertThat(m.parseError()).isNull();
  }

  @Test
  void rfc5424_example_3_structured_data_and_message() {
    SyslogMessage m =
        parser.parse(
            "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47"
                + " [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] "
                + BOM
                + "An application event log entry...");
    assertThat(m.structuredData())
        .containsExactly(
            new SdElement(
                "exampleSDID@32473",
                List.of(
                    new SdParam("iut", "3"),
                    new SdParam("eventSource", "Application"),
                    new SdParam("eventID", "1011"))));
    assertThat(m.message()).isEqualTo("An application event log entry...");
    assertThat(m.parseError()).isNull();
  }

  @Test
  void rfc5424_example_4_two_elements_and_no_message() {
    SyslogMessage m =
        parser.parse(
            "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47"
                + " [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]"
                + "[examplePriority@32473 class=\"high\"]");
    assertThat(m.structuredData())
        .extracting(SdElement::id)
        .containsExactly("exampleSDID@32473", "examplePriority@32473");
    assertThat(m.structuredData().get(1).params()).containsExactly(new SdParam("class", "high"));
    assertThat(m.message()).isEmpty();
    assertThat(m.parseError()).isNull();
  }

  @Test
  void rfc5424_param_value_escapes_are_undone() {
    SyslogMessage m =
        parser.parse("<13>1 - host app - - [x@1 a=\"q\\\"b\\\\s\\]e\" b=\"\\n\"] text");
    assertThat(m.structuredData().get(0).params())
        .containsExactly(new SdParam("a", "q\"b\\s]e"), new SdParam("b", "\\n"));
    assertThat(m.timestamp()).isNull();
    assertThat(m.message()).isEqualTo("text");
  }

  @Test
  void rfc5424_section_6_2_3_timestamps_valid_and_invalid() {
    for (String ok :
        List.of(
            "1985-04-12T23:20:50.52Z",
            "1985-04-12T19:20:50.52-04:00",
            "2003-10-11T22:14:15.003Z",
            "2003-08-24T05:14:15.000003-07:00")) {
      SyslogMessage m = parser.parse("<13>1 " + ok + " h a - - - m");
      assertThat(m.timestamp()).as(ok).isEqualTo(ok);
      assertThat(m.parseError()).as(ok).isNull();
    }
    for (String bad :
        List.of("2003-08-24T05:14:15.000000003-07:00", "2003-10-11 22:14:15Z", "yesterday")) {
      SyslogMessage m = parser.parse("<13>1 " + bad.replace(' ', '_') + " h a - - - m");
      assertThat(m.timestamp()).as(bad).isNull();
      assertThat(m.parseError()).as(bad).isEqualTo(ParseErrors.BAD_TIMESTAMP);
      assertThat(m.message()).isEqualTo("m");
    }
  }

  @Test
  void rfc5424_broken_structured_data_keeps_the_rest_as_message() {
    SyslogMessage m = parser.parse("<13>1 - h a - - [x@1 a=\"unterminated] msg");
    assertThat(m.parseError()).isEqualTo(ParseErrors.BAD_STRUCTURED_DATA);
    assertThat(m.message()).isEqualTo("[x@1 a=\"unterminated] msg");
  }

  @Test
  void rfc5424_truncated_header_is_a_bad_header() {
    SyslogMessage m = parser.parse("<13>1 2003-10-11T22:14:15.003Z host");
    assertThat(m.parseError()).isEqualTo(ParseErrors.BAD_HEADER);
    assertThat(m.message()).isEqualTo("2003-10-11T22:14:15.003Z host");
  }

  @Test
  void rfc3164_example_1() {
    SyslogMessage m =
        parser.parse(
            "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8");
    assertThat(m.format()).isEqualTo(Format.RFC3164);
    assertThat(m.facility()).isEqualTo(4);
    assertThat(m.severity()).isEqualTo(2);
    assertThat(m.timestamp()).isEqualTo("2025-10-11T22:14:15Z"); // October is ahead of March 2026
    assertThat(m.hostname()).isEqualTo("mymachine");
    assertThat(m.appName()).isEqualTo("su");
    assertThat(m.message()).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
    assertThat(m.parseError()).isNull();
  }

  @Test
  void rfc3164_example_2_no_pri_is_user_notice_with_a_marker() {
    SyslogMessage m = parser.parse("Use the BFG!");
    assertThat(m.facility()).isEqualTo(1);
    assertThat(m.severity()).isEqualTo(5);
    assertThat(m.message()).isEqualTo("Use the BFG!");
    assertThat(m.parseError()).isEqualTo(ParseErrors.NO_PRI);
  }

  @Test
  void rfc3164_example_3_zone_and_year_after_the_time() {
    SyslogMessage m =
        parser.parse(
            "<165>Aug 24 05:34:00 CST 1987 mymachine myproc[10]: %% It's time to make the do-nuts."
                + "  %%  Ingredients: Mix=OK, Jelly=OK # Devices: Mixer=OK");
    assertThat(m.timestamp()).isEqualTo("1987-08-24T05:34:00Z");
    assertThat(m.hostname()).isEqualTo("mymachine");
    assertThat(m.appName()).isEqualTo("myproc");
    assertThat(m.procId()).isEqualTo("10");
    assertThat(m.message()).startsWith("%% It's time to make the do-nuts.");
    assertThat(m.parseError()).isNull();
  }

  @Test
  void rfc3164_example_4_unrecognised_timestamp_leaves_everything_in_the_message() {
    String rest =
        "1990 Oct 22 10:52:01 TZ-6 scapegoat.dmz.example.org 10.1.2.3 sched[0]: That's All Folks!";
    SyslogMessage m = parser.parse("<0>" + rest);
    assertThat(m.facility()).isZero();
    assertThat(m.severity()).isZero();
    assertThat(m.timestamp()).isNull();
    assertThat(m.hostname()).isNull();
    assertThat(m.message()).isEqualTo(rest);
    assertThat(m.parseError()).isNull();
  }

  @Test
  void rfc3164_without_hostname_the_tag_follows_the_time() {
    SyslogMessage m = parser.parse("<13>Mar  9 08:00:01 cron[42]: job done");
    assertThat(m.hostname()).isNull();
    assertThat(m.appName()).isEqualTo("cron");
    assertThat(m.procId()).isEqualTo("42");
    assertThat(m.timestamp()).isEqualTo("2026-03-09T08:00:01Z");
    assertThat(m.message()).isEqualTo("job done");
  }

  @Test
  void rfc3164_with_rfc3339_timestamp_as_rsyslog_forwards() {
    SyslogMessage m =
        parser.parse("<14>2026-03-10T11:59:58.123456+01:00 web01 nginx[77]: GET / 200");
    assertThat(m.timestamp()).isEqualTo("2026-03-10T11:59:58.123456+01:00");
    assertThat(m.hostname()).isEqualTo("web01");
    assertThat(m.appName()).isEqualTo("nginx");
    assertThat(m.message()).isEqualTo("GET / 200");
  }

  @Test
  void december_read_in_january_is_last_year() {
    SyslogParser january =
        new SyslogParser(
            Clock.fixed(Instant.parse("2026-01-01T00:00:30Z"), ZoneOffset.UTC), ZoneOffset.UTC);
    assertThat(january.parse("<13>Dec 31 23:59:59 h t: m").timestamp())
        .isEqualTo("2025-12-31T23:59:59Z");
    assertThat(january.parse("<13>Jan  1 00:00:10 h t: m").timestamp())
        .isEqualTo("2026-01-01T00:00:10Z");
  }

  @Test
  void cisco_ios_sequence_number_unsynchronised_clock_and_mnemonic() {
    SyslogMessage m =
        parser.parse(
            "<189>123: *Mar  1 00:01:02.345 UTC: %SYS-5-CONFIG_I: Configured from console by"
                + " vty0 (192.168.1.100)");
    assertThat(m.facility()).isEqualTo(23);
    assertThat(m.severity()).isEqualTo(5);
    assertThat(m.sequence()).isEqualTo("123");
    assertThat(m.timestamp()).isEqualTo("2026-03-01T00:01:02.345Z");
    assertThat(m.hostname()).isNull();
    assertThat(m.appName()).isNull();
    assertThat(m.mnemonic()).isEqualTo("SYS-5-CONFIG_I");
    assertThat(m.message())
        .isEqualTo("%SYS-5-CONFIG_I: Configured from console by vty0 (192.168.1.100)");
  }

  @Test
  void cisco_ios_origin_id_hostname_and_year() {
    SyslogMessage m =
        parser.parse(
            "<187>000052: core-rtr-01: Oct 19 2025 10:11:12.123 UTC: %LINK-3-UPDOWN: Interface"
                + " GigabitEthernet0/1, changed state to down");
    assertThat(m.sequence()).isEqualTo("000052");
    assertThat(m.hostname()).isEqualTo("core-rtr-01");
    assertThat(m.timestamp()).isEqualTo("2025-10-19T10:11:12.123Z");
    assertThat(m.mnemonic()).isEqualTo("LINK-3-UPDOWN");
    assertThat(m.message()).startsWith("%LINK-3-UPDOWN: Interface GigabitEthernet0/1");
  }

  @Test
  void cisco_ios_relayed_with_a_header_then_sequence_and_device_time() {
    SyslogMessage m =
        parser.parse(
            "<189>Mar 10 11:00:00 10.1.1.1 4711: .Mar 10 10:59:59.999: %LINEPROTO-5-UPDOWN: Line"
                + " protocol on Interface Vlan10, changed state to up");
    assertThat(m.hostname()).isEqualTo("10.1.1.1");
    assertThat(m.sequence()).isEqualTo("4711");
    assertThat(m.timestamp()).isEqualTo("2026-03-10T10:59:59.999Z");
    assertThat(m.mnemonic()).isEqualTo("LINEPROTO-5-UPDOWN");
  }

  @Test
  void cisco_without_timestamps_configured() {
    SyslogMessage m = parser.parse("<188>17: %SYS-4-CONFIG_RESOLVE_FAILURE: System config parse");
    assertThat(m.sequence()).isEqualTo("17");
    assertThat(m.timestamp()).isNull();
    assertThat(m.mnemonic()).isEqualTo("SYS-4-CONFIG_RESOLVE_FAILURE");
    assertThat(m.message()).isEqualTo("%SYS-4-CONFIG_RESOLVE_FAILURE: System config parse");
  }

  @Test
  void bad_pri_is_marked() {
    assertThat(parser.parse("<999>Oct 11 22:14:15 h t: m").parseError())
        .isEqualTo(ParseErrors.BAD_PRI);
    assertThat(parser.parse("<x>Oct 11 22:14:15 h t: m").parseError())
        .isEqualTo(ParseErrors.NO_PRI);
  }

  @Test
  void unknown_version_is_a_bad_header() {
    SyslogMessage m = parser.parse("<13>2 2003-10-11T22:14:15.003Z h a - - - m");
    assertThat(m.parseError()).isEqualTo(ParseErrors.BAD_HEADER);
  }

  @Test
  void trailing_line_ends_and_nul_are_removed() {
    assertThat(parser.parse("<13>1 - h a - - - text\r\n\0").message()).isEqualTo("text");
  }
}
