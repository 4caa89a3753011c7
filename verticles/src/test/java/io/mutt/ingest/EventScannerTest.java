package io.mutt.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.event.BodyFormat;
import io.mutt.pipeline.event.EventValidator;
import io.mutt.pipeline.event.IngestLimits;
import io.mutt.pipeline.event.RequiredFields;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventScannerTest {

  static final String EVENT =
      "{\"hostname\":\"r1\",\"message\":\"ERROR x\",\"timestamp\":\"2025-11-10T12:00:00Z\"}";
  private final EventScanner scanner =
      new EventScanner(
          new EventValidator(RequiredFields.parse("hostname,message,timestamp")),
          new IngestLimits(3, 4096, 8, 100));

  private EventScan scan(String body, BodyFormat format) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return scanner.scan(b, b.length, format);
  }

  private EventScan scan(String body) {
    return scan(body, BodyFormat.JSON);
  }

  @Test
  void a_single_event_is_found_with_the_offsets_of_its_braces() {
    String body = "  \n" + EVENT + " \n";
    EventScan.Parsed p = (EventScan.Parsed) scan(body);
    assertThat(p.single()).isTrue();
    assertThat(p.problems()).isEmpty();
    ScannedEvent e = p.events().get(0);
    assertThat(body.charAt(e.open())).isEqualTo('{');
    assertThat(body.charAt(e.close())).isEqualTo('}');
    assertThat(e.fields()).isEqualTo(3);
  }

  @Test
  void offsets_count_bytes_across_multibyte_text_and_a_byte_order_mark() {
    String body = "\uFEFF[" + EVENT.replace("ERROR x", "Störung ✓ 🚨") + "," + EVENT + "]";
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    EventScan.Parsed p = (EventScan.Parsed) scanner.scan(b, b.length, BodyFormat.JSON);
    assertThat(p.events()).hasSize(2);
    for (ScannedEvent e : p.events()) {
      String text = new String(b, e.open(), e.close() + 1 - e.open(), StandardCharsets.UTF_8);
      assertThat(new JsonObject(text).getString("hostname")).isEqualTo("r1");
    }
  }

  @Test
  void an_array_reports_each_bad_item_by_index_and_field() {
    EventScan.Parsed p =
        (EventScan.Parsed)
            scan("[" + EVENT + ",{\"hostname\":1,\"message\":\"m\",\"timestamp\":\"t\"}," + "42]");
    assertThat(p.single()).isFalse();
    assertThat(p.count()).isEqualTo(3);
    assertThat(p.events()).hasSize(1);
    assertThat(p.problems())
        .extracting(x -> x.index() + ":" + x.field() + ":" + x.error())
        .containsExactly(
            "1:hostname:must be a string, got number", "2:null:not a JSON object (got number)");
  }

  @Test
  void ndjson_records_are_events_in_line_order() {
    EventScan.Parsed p =
        (EventScan.Parsed)
            scan(EVENT + "\n\n" + EVENT + "\r\n{\"message\":\"m\"}\n", BodyFormat.NDJSON);
    assertThat(p.count()).isEqualTo(3);
    assertThat(p.problems())
        .extracting(x -> x.index() + ":" + x.field())
        .containsExactly("2:hostname", "2:timestamp");
  }

  @Test
  void more_events_than_the_limit_are_refused_before_the_rest_is_read() {
    assertThat(scan("[" + EVENT + "," + EVENT + "," + EVENT + "," + EVENT + ","))
        .isInstanceOf(EventScan.TooManyEvents.class);
    assertThat(scan(EVENT + "\n" + EVENT + "\n" + EVENT + "\n" + EVENT, BodyFormat.NDJSON))
        .isInstanceOf(EventScan.TooManyEvents.class);
  }

  @Test
  void shapes_that_are_not_events_are_malformed_with_a_reason() {
    assertThat(((EventScan.Malformed) scan("")).detail()).isEqualTo("empty body");
    assertThat(((EventScan.Malformed) scan("   ")).detail()).isEqualTo("empty body");
    assertThat(((EventScan.Malformed) scan("null")).detail()).contains("got null");
    assertThat(((EventScan.Malformed) scan("\"x\"")).detail()).contains("got string");
    assertThat(((EventScan.Malformed) scan("[]")).detail()).contains("empty array");
    assertThat(((EventScan.Malformed) scan(EVENT + EVENT)).detail())
        .contains("application/x-ndjson");
    assertThat(((EventScan.Malformed) scan("{\"hostname\":")).detail()).contains("line 1");
    assertThat(((EventScan.Malformed) scan("{'a':1}")).detail()).isNotBlank();
  }

  @Test
  void nesting_beyond_the_limit_is_malformed_even_inside_a_skipped_value() {
    String deep = "[".repeat(20) + "]".repeat(20);
    assertThat(((EventScan.Malformed) scan(EVENT.replace("}", ",\"x\":" + deep + "}"))).detail())
        .contains("nesting");
  }

  @Test
  void invalid_utf8_is_malformed_even_inside_a_skipped_value() {
    byte[] good = EVENT.replace("}", ",\"other\":\"abc\"}").getBytes(StandardCharsets.UTF_8);
    for (byte bad : new byte[] {(byte) 0x80, (byte) 0xC3, (byte) 0xFF, (byte) 0xF8}) {
      byte[] b = good.clone();
      int at = new String(good, StandardCharsets.UTF_8).indexOf("abc") + 1;
      b[at] = bad;
      assertThat(scanner.scan(b, b.length, BodyFormat.JSON))
          .as("byte %02x", bad)
          .isInstanceOf(EventScan.Malformed.class);
    }
  }

  @Test
  void utf16_bodies_are_refused_as_not_utf8() {
    byte[] le = EVENT.getBytes(StandardCharsets.UTF_16LE);
    assertThat(((EventScan.Malformed) scanner.scan(le, le.length, BodyFormat.JSON)).detail())
        .contains("UTF-8");
    byte[] bom = EVENT.getBytes(StandardCharsets.UTF_16);
    assertThat(((EventScan.Malformed) scanner.scan(bom, bom.length, BodyFormat.JSON)).detail())
        .contains("UTF-8");
  }

  @Test
  void client_ids_are_noticed_so_they_can_be_overwritten() {
    EventScan.Parsed p =
        (EventScan.Parsed) scan(EVENT.replace("}", ",\"_correlation_id\":\"mine\"}"));
    assertThat(p.events().get(0).carriesIds()).isTrue();
    assertThat(((EventScan.Parsed) scan(EVENT)).events().get(0).carriesIds()).isFalse();
  }
}
