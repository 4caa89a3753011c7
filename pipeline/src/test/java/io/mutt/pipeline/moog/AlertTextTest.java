package io.mutt.pipeline.moog;

import static io.mutt.pipeline.moog.AlertTextReference.MAPPER;
import static io.mutt.pipeline.moog.AlertTextReference.NOW;
import static io.mutt.pipeline.moog.AlertTextReference.assertMatchesReference;
import static io.mutt.pipeline.moog.AlertTextReference.assertSameJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AlertText against the reference it replaces ({@link AlertTextReference}): worked examples,
 * refused text, and a randomized differential run over {@link AlertTextGenerator}'s alerts.
 */
class AlertTextTest {

  /** As the alerter writes it. */
  private static final String REAL =
      "{\"timestamp\":\"2026-12-04T14:50:18Z\",\"hostname\":\"router1.prod.example.com\","
          + "\"message_body\":\"%LINK-3-UPDOWN: ERROR on Gi0/1\",\"syslog_severity\":3,\"team_assignment\":\"NETO\","
          + "\"severity\":\"Warning\",\"handling\":\"Ticket_only\",\"rule_id\":2,"
          + "\"_correlation_id\":\"5f0c3c0e-6a3e-4b8b-9a43-1f6a1a2b3c4d\",\"_event_id\":\"a1b2c3-42\","
          + "\"raw_json\":{\"hostname\":\"router1.prod.example.com\",\"timestamp\":\"2026-12-04T14:50:18Z\","
          + "\"message\":\"%LINK-3-UPDOWN: ERROR on Gi0/1\",\"_correlation_id\":\"5f0c3c0e-6a3e-4b8b-9a43-1f6a1a2b3c4d\","
          + "\"_event_id\":\"a1b2c3-42\"}}";

  // ---------------------------------------------------------------- examples

  @Test
  void a_real_alert_becomes_the_moogsoft_body_with_its_values_spliced_in() {
    AlertText alert = AlertText.scan(REAL);

    assertThat(alert.moogBody(NOW))
        .isEqualTo(
            "{\"signature\":\"router1.prod.example.com\","
                + "\"source_id\":\"router1.prod.example.com\",\"external_id\":\"5f0c3c0e-6a3e-4b8b-9a43-1f6a1a2b3c4d\","
                + "\"manager\":\"MUTT\",\"source\":\"MUTT Alerter\",\"class\":\"NETO\",\"agent\":\"MUTT v2.5\","
                + "\"agent_location\":\"Alerter Service\",\"type\":\"Alert\",\"severity\":3,"
                + "\"description\":\"%LINK-3-UPDOWN: ERROR on Gi0/1\",\"agent_time\":1796395818,"
                + "\"custom_info\":{\"hostname\":\"router1.prod.example.com\",\"timestamp\":\"2026-12-04T14:50:18Z\","
                + "\"message\":\"%LINK-3-UPDOWN: ERROR on Gi0/1\",\"_correlation_id\":\"5f0c3c0e-6a3e-4b8b-9a43-1f6a1a2b3c4d\","
                + "\"_event_id\":\"a1b2c3-42\"}}");
    assertThat(alert.correlationId()).isEqualTo("5f0c3c0e-6a3e-4b8b-9a43-1f6a1a2b3c4d");
    assertThat(alert.hostnameOrNull()).isEqualTo("router1.prod.example.com");
    assertThat(alert.eventIdOrNull()).isEqualTo("a1b2c3-42");
    assertThat(alert.retryCount()).isZero();
    assertMatchesReference(REAL);
  }

  @Test
  void a_coalesced_update_carries_its_counts_in_custom_info_beside_the_event() {
    String update =
        "{\"_coalesced\":{\"count\":41,\"total\":42,\"first_seen\":1796395818},"
            + REAL.substring(1);
    AlertText alert = AlertText.scan(update);

    assertThat(alert.coalesced()).isTrue();
    assertThat(alert.moogBody(NOW))
        .endsWith(
            "\"custom_info\":{\"hostname\":\"router1.prod.example.com\",\"timestamp\":\"2026-12-04T14:50:18Z\","
                + "\"message\":\"%LINK-3-UPDOWN: ERROR on Gi0/1\",\"_correlation_id\":\"5f0c3c0e-6a3e-4b8b-9a43-1f6a1a2b3c4d\","
                + "\"_event_id\":\"a1b2c3-42\","
                + "\"mutt_coalesced\":{\"count\":41,\"total\":42,\"first_seen\":1796395818}}}");
    assertMatchesReference(update);
    assertThat(AlertText.scan(REAL).coalesced()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"_coalesced\":{\"count\":2},\"raw_json\":{}}",
        "{\"_coalesced\":{\"count\":2},\"raw_json\":{ }}",
        "{\"_coalesced\":{\"count\":2},\"raw_json\":\"plain text\"}",
        "{\"_coalesced\":{\"count\":2}}",
        "{\"_coalesced\":{\"count\":2},\"raw_json\":{\"mutt_coalesced\":1,\"a\":[1]}}",
        "{\"_coalesced\":null,\"raw_json\":{\"a\":1}}"
      })
  void a_coalesced_update_with_any_event_shape_matches_the_reference(String update) {
    assertMatchesReference(update);
  }

  @Test
  void missing_fields_take_moogpayloads_defaults_and_custom_info_is_left_out() {
    AlertText alert = AlertText.scan("{}");

    assertThat(alert.moogBody(0))
        .isEqualTo(
            "{\"signature\":\"unknown\",\"source_id\":\"unknown\","
                + "\"external_id\":\"unknown\",\"manager\":\"MUTT\",\"source\":\"MUTT Alerter\",\"class\":\"Unknown\","
                + "\"agent\":\"MUTT v2.5\",\"agent_location\":\"Alerter Service\",\"type\":\"Alert\",\"severity\":3,"
                + "\"description\":\"\",\"agent_time\":0}");
    assertThat(alert.correlationId()).isEqualTo("unknown");
    assertThat(alert.hostnameOrNull()).isNull();
    assertThat(alert.eventIdOrNull()).isNull();
    assertThat(alert.retryCount()).isZero();
    assertMatchesReference("{}");
    assertMatchesReference("{\"timestamp\":\"t\",\"rule_id\":7}");
  }

  @Test
  void null_fields_read_as_missing() {
    String text =
        "{\"hostname\":null,\"_correlation_id\":null,\"team_assignment\":null,\"severity\":null,"
            + "\"message_body\":null,\"raw_json\":null,\"_moog_retry_count\":null,\"_event_id\":null}";
    AlertText alert = scanned(text, null, "unknown");

    assertThat(alert.moogBody(5)).isEqualTo(AlertText.scan("{}").moogBody(5));
    assertThat(alert.retryCount()).isZero();
  }

  @Test
  void numbers_booleans_objects_and_arrays_are_spliced_as_values() {
    String text =
        "{\"hostname\":42,\"_correlation_id\":1.50,\"team_assignment\":{\"a\":[1,2]},"
            + "\"message_body\":[true,null],\"severity\":5,\"raw_json\":\"just text\",\"_moog_retry_count\":\"2\"}";
    // the correlation id as the decoded Double prints
    AlertText alert = scanned(text, "42", "1.5");

    assertThat(alert.moogBody(1))
        .isEqualTo(
            "{\"signature\":42,\"source_id\":42,\"external_id\":1.50,"
                + "\"manager\":\"MUTT\",\"source\":\"MUTT Alerter\",\"class\":{\"a\":[1,2]},\"agent\":\"MUTT v2.5\","
                + "\"agent_location\":\"Alerter Service\",\"type\":\"Alert\",\"severity\":3,"
                + "\"description\":[true,null],\"agent_time\":1,\"custom_info\":\"just text\"}");
    assertThat(alert.retryCount()).isEqualTo(2);
    for (String raw : List.of("0", "-7", "false", "[]", "{}", "\"\"", "12345678901234567890123")) {
      assertMatchesReference("{\"raw_json\":" + raw + "}");
    }
  }

  @Test
  void identifiers_print_as_vertx_prints_the_decoded_value() {
    assertThat(idOf("-0")).isEqualTo("0");
    assertThat(idOf("1e3")).isEqualTo("1000.0");
    assertThat(idOf("-2.5E-3")).isEqualTo("-0.0025");
    assertThat(idOf("12345678901234567890")).isEqualTo("12345678901234567890");
    assertThat(idOf("true")).isEqualTo("true");
    assertThat(idOf(" { \"a\" : [ 1 , 2.50 ,\"x\\u0041\" ] } "))
        .isEqualTo("{\"a\":[1,2.5,\"xA\"]}");
    assertThat(idOf("\"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00\""))
        .isEqualTo("a\"b\\c/d\né\uD83D\uDE00");
    for (String id :
        List.of(
            "-0",
            "1e3",
            "-2.5E-3",
            "12345678901234567890",
            "true",
            "{\"a\":[1,2.50]}",
            "[]",
            "\"a\\\"b\"")) {
      assertMatchesReference(
          "{\"_correlation_id\":" + id + ",\"hostname\":" + id + ",\"_event_id\":" + id + "}");
    }
  }

  @Test
  void retry_count_reads_as_the_forwarder_reads_it() {
    assertThat(retriesOf("2")).isEqualTo(2);
    assertThat(retriesOf("-3")).isZero();
    assertThat(retriesOf("2.9")).isEqualTo(2);
    assertThat(retriesOf("1e2")).isEqualTo(100);
    assertThat(retriesOf("1e400")).isEqualTo(Integer.MAX_VALUE); // Double infinity, cast
    assertThat(retriesOf("3000000000")).isZero(); // Long.intValue() is negative
    assertThat(retriesOf("4294967298")).isEqualTo(2); // low 32 bits, as Long.intValue()
    assertThat(retriesOf("18446744073709551621"))
        .isEqualTo(5); // BigInteger.intValue(), low 32 bits
    assertThat(retriesOf("\" 7 \"")).isEqualTo(7);
    assertThat(retriesOf("\"+4\"")).isEqualTo(4);
    assertThat(retriesOf("\"\\u0038\"")).isEqualTo(8);
    assertThat(retriesOf("\"x\"")).isZero();
    assertThat(retriesOf("\"2.0\"")).isZero();
    assertThat(retriesOf("true")).isZero();
    assertThat(retriesOf("{\"n\":3}")).isZero();
    assertThat(retriesOf("[3]")).isZero();
  }

  @Test
  void a_repeated_key_counts_by_its_last_occurrence() {
    String text =
        "{\"hostname\":\"first\",\"raw_json\":{\"a\":1},\"severity\":\"Critical\",\"hostname\":\"last\","
            + "\"raw_json\":null,\"severity\":5,\"_moog_retry_count\":4,\"_moog_retry_count\":\"1\","
            + "\"_correlation_id\":null,\"_correlation_id\":\"c-2\"}";
    AlertText alert = scanned(text, "last", "c-2");

    assertThat(alert.retryCount()).isEqualTo(1);
    assertThat(alert.moogBody(0))
        .contains("\"signature\":\"last\"", "\"severity\":3")
        .doesNotContain("custom_info");
    assertMatchesReference("{\"hostname\":\"h\",\"hostname\":null}");
    // inside raw_json the duplicates travel as sent; they decode to the same tree (last wins, first
    // position)
    assertMatchesReference("{\"raw_json\":{\"a\":1,\"b\":{\"c\":1,\"c\":[2]},\"a\":3}}");
  }

  @Test
  void escapes_are_spliced_as_sent_and_decoded_where_a_value_is_read() {
    String text =
        "{\"host\\u006eame\":\"r\\u006Futer\\\"1\\\\\",\"severity\":\"Cr\\u0069tical\","
            + "\"message_body\":\"tab\\there\\r\\n\\b\\f\\/ \\u0000 \\u2028\",\"_correlation_id\":\"\\ud83d\\ude00\"}";
    AlertText alert = scanned(text, "router\"1\\", "\uD83D\uDE00");

    assertThat(alert.moogBody(0))
        .contains(
            "\"signature\":\"r\\u006Futer\\\"1\\\\\"",
            "\"severity\":5",
            "\"description\":\"tab\\there\\r\\n\\b\\f\\/ \\u0000 \\u2028\"");
  }

  @Test
  void unicode_outside_the_bmp_does_not_shift_the_spans() {
    String text =
        "{\"\uD83D\uDE00\":\"\uD83D\uDE00\uD834\uDD1E\",\"hostname\":\"h\u00e9\uD83D\uDE00st\","
            + "\"message_body\":\"\u4e2d\u6587 \uD834\uDD1E\",\"\uD834\uDD1E\":[\"\uD83D\uDE00\"],"
            + "\"_correlation_id\":\"\\uD834\\uDD1E\uD83D\uDE00\",\"raw_json\":{\"\uD83D\uDE00\":\"\uD83D\uDE00\"}}";
    AlertText alert = scanned(text, "h\u00e9\uD83D\uDE00st", "\uD834\uDD1E\uD83D\uDE00");

    assertThat(alert.moogBody(0))
        .contains(
            "\"description\":\"\u4e2d\u6587 \uD834\uDD1E\"",
            "\"custom_info\":{\"\uD83D\uDE00\":\"\uD83D\uDE00\"}}");
  }

  @Test
  void whitespace_around_and_between_tokens_stays_out_of_the_spans() throws Exception {
    String pretty =
        MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(MAPPER.readTree(REAL));
    assertSameJson(AlertText.scan(pretty).moogBody(NOW), AlertText.scan(REAL).moogBody(NOW));
    assertMatchesReference(pretty);

    String spaced =
        " \r\n\t{ \"hostname\" \t:\n \"h\" \r\n, \"severity\" : \"Major\"\t,\"_correlation_id\"\n:\n"
            + "7\n,\"team_assignment\" : true ,\"message_body\":null , \"raw_json\" :\t[ 1 , { \"a\" : false } ]\n"
            + ",\"_moog_retry_count\" : 3 } \n\t ";
    AlertText alert = AlertText.scan(spaced);
    assertThat(alert.moogBody(0))
        .contains(
            "\"signature\":\"h\",",
            "\"external_id\":7,",
            "\"class\":true,",
            "\"severity\":4,",
            "\"custom_info\":[ 1 , { \"a\" : false } ]}");
    assertThat(alert.retryCount()).isEqualTo(3);
    assertMatchesReference(spaced);
  }

  @Test
  void deeply_nested_raw_json_is_spliced_whole() {
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      deep.append(i % 2 == 0 ? "{\"k\":[" : "[{\"x\":1},");
    }
    deep.append("\"bottom\"");
    for (int i = 299; i >= 0; i--) {
      deep.append(i % 2 == 0 ? "]}" : "]");
    }
    String text = "{\"raw_json\":" + deep + ",\"hostname\":\"h\",\"raw\":{\"json\":[[[[]]]]}}";

    assertThat(AlertText.scan(text).moogBody(0)).endsWith(",\"custom_info\":" + deep + "}");
    assertMatchesReference(text);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Critical:5",
        "Major:4",
        "Warning:3",
        "Minor:2",
        "Info:1",
        "Clear:0",
        "critical:3",
        "CLEAR:3",
        "Informational:3",
        ":3",
        "Critical :3"
      })
  void severity_names_map_exactly_by_case(String nameAndSeverity) {
    String[] parts = nameAndSeverity.split(":");
    String text = "{\"severity\":\"" + parts[0] + "\"}";
    assertThat(AlertText.scan(text).moogBody(0)).contains("\"severity\":" + parts[1] + ",");
    assertMatchesReference(text);
  }

  @Test
  void long_alerts_read_through_the_parsers_buffer_refills_keep_exact_spans() {
    // Over 32K chars Jackson reads the String through a Reader in small chunks: sweep every value
    // across an edge.
    String members =
        ",\"_moog_retry_count\":12345,\"severity\":\"Minor\",\"team_assignment\":false,"
            + "\"_correlation_id\":-0.25e1,\"hostname\":\"h\uD83D\uDE00\\\"x\",\"_event_id\":null,"
            + "\"message_body\":[ 1 ,\"m\" ] ,\"raw_json\":"
            + REAL
            + "}";
    String expected = AlertText.scan("{\"pad\":\"\"" + members).moogBody(NOW);
    assertThat(expected)
        .contains(
            "\"external_id\":-0.25e1,",
            "\"class\":false,",
            "\"severity\":2,",
            "\"description\":[ 1 ,\"m\" ],",
            "\"custom_info\":" + REAL + "}");
    for (int pad = 0; pad < 4200; pad++) {
      String text = "{\"pad\":\"" + "p".repeat(33_000 + pad) + "\"" + members;
      AlertText alert = AlertText.scan(text);
      assertNotNull(alert, "pad " + pad);
      assertThat(alert.moogBody(NOW)).as("pad %d", pad).isEqualTo(expected);
      assertThat(alert.retryCount()).isEqualTo(12345);
      assertThat(alert.hostnameOrNull()).isEqualTo("h\uD83D\uDE00\"x");
      assertThat(alert.correlationId()).isEqualTo("-2.5");
      if (pad % 97 == 0) {
        assertMatchesReference(text);
      }
    }
  }

  // ---------------------------------------------------------------- invalid text

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "",
        " ",
        "{",
        "}",
        "{\"a\":1",
        "{\"a\":",
        "{\"a\"",
        "{\"a",
        "[]",
        "[{\"hostname\":\"h\"}]",
        "42",
        "\"text\"",
        "null",
        "true",
        "{}garbage",
        "{} {}",
        "{}}",
        "{\"a\":1}]",
        "{\"a\":1,}",
        "{,\"a\":1}",
        "{a:1}",
        "{'a':1}",
        "{\"a\":'x'}",
        "{\"a\" 1}",
        "{\"a\":1 \"b\":2}",
        "{\"a\":1,,\"b\":2}",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12G4\"}",
        "{\"a\":\"\\u12\"}",
        "{\"a\":\"tab\there\"}",
        "{\"a\":\"line\nbreak\"}",
        "{\"a\":\"nul\u0000\"}",
        "{\"a\":01}",
        "{\"a\":-01}",
        "{\"a\":1.}",
        "{\"a\":.5}",
        "{\"a\":+1}",
        "{\"a\":-}",
        "{\"a\":1e}",
        "{\"a\":1e+}",
        "{\"a\":NaN}",
        "{\"a\":Infinity}",
        "{\"a\":-Infinity}",
        "{\"a\":tru}",
        "{\"a\":truex}",
        "{\"a\":nul}",
        "{\"a\":True}",
        "{\"a\":undefined}",
        "{\"a\":[1,2}",
        "{\"a\":{\"b\":1]}",
        "{\"raw_json\":{\"x\":[1,]}}",
        "{\"raw_json\":{\"deep\":[\"\\q\"]}}",
        "{\"hostname\":\"unterminated}",
        "{\"hostname\":\"h\"} // comment",
        "{/* comment */\"a\":1}",
        "{# hash\n\"a\":1}",
        "\uFEFF{}",
        "{\u00A0\"a\":1}",
        "{\"a\":1}\u0000",
        "{\"a\":0x10}",
        "{\"a\":1_000}",
        "{\"severity\":\"Critical\"",
        "{\"raw_json\":[[[[[]]]]]"
      })
  void text_that_is_not_one_valid_json_object_is_refused(String text) {
    assertThat(AlertText.scan(text)).isNull();
  }

  @Test
  void null_text_and_nesting_beyond_jacksons_limit_are_refused() {
    assertThat(AlertText.scan(null)).isNull();
    String tooDeep = "{\"raw_json\":" + "[".repeat(1001) + "]".repeat(1001) + "}";
    assertThat(AlertText.scan(tooDeep)).isNull();
    String deepEnough = "{\"raw_json\":" + "[".repeat(900) + "]".repeat(900) + "}";
    assertThat(AlertText.scan(deepEnough)).isNotNull();
  }

  @Test
  void every_proper_prefix_of_an_alert_is_refused() throws Exception {
    Random random = new Random(7);
    List<String> alerts =
        new ArrayList<>(
            List.of(
                REAL,
                MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(MAPPER.readTree(REAL)),
                " {\"hostname\" : \"h\\u00e9\\\"\uD83D\uDE00\" , \"raw_json\":[1.5e-3,-0,{\"a\":[true,false,null]}],"
                    + "\"_moog_retry_count\":12,\"severity\":\"\\u0043lear\"}"));
    for (int i = 0; i < 20; i++) {
      alerts.add(new AlertTextGenerator(random, false).alert().strip());
    }
    for (String alert : alerts) {
      assertNotNull(AlertText.scan(alert), alert);
      for (int n = 0; n < alert.length(); n++) {
        String prefix = alert.substring(0, n);
        assertThat(AlertText.scan(prefix)).as("prefix %s", prefix).isNull();
      }
    }
  }

  // ---------------------------------------------------------------- differential, randomized

  @Test
  void generated_alerts_give_the_same_body_and_fields_as_the_reference() throws Exception {
    Random random = new Random(20_261_204L);
    for (int i = 0; i < 6_000; i++) {
      String text = new AlertTextGenerator(random, true).alert();
      try {
        assertMatchesReference(text);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("case " + i + ": " + text, e);
      }
    }
  }

  /**
   * The scan of {@code text}, after checking the hostname and correlation id it reads and that it
   * agrees with the reference decoder.
   */
  private static AlertText scanned(String text, String hostname, String correlationId) {
    AlertText alert = AlertText.scan(text);
    assertThat(alert.hostnameOrNull()).isEqualTo(hostname);
    assertThat(alert.correlationId()).isEqualTo(correlationId);
    assertMatchesReference(text);
    return alert;
  }

  private static String idOf(String value) {
    return AlertText.scan("{\"_correlation_id\":" + value + "}").correlationId();
  }

  private static int retriesOf(String value) {
    return AlertText.scan("{\"_moog_retry_count\":" + value + "}").retryCount();
  }
}
