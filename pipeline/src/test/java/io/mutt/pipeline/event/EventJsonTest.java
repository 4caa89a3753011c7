package io.mutt.pipeline.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The byte-level event writer gives JSON any parser reads back to the same values. */
class EventJsonTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void plain_bytes_are_printable_ascii_without_a_quote_or_a_backslash() {
    assertThat(plain("<13>1 2026-01-01T00:00:00Z host app - - - %LINK-3-UPDOWN: Gi0/1 {x} ~\u007f"))
        .isTrue();
    assertThat(plain("")).isTrue();
    for (String s : new String[] {"a\"b", "a\\b", "a\tb", "a\nb", "a\u0000b", "caf\u00e9"}) {
      assertThat(plain(s)).as(s).isFalse();
    }
    byte[] b = "xx\"plain\\yy".getBytes(StandardCharsets.UTF_8);
    assertThat(EventJson.isPlain(b, 3, 5)).as("only the range counts").isTrue();
    assertThat(EventJson.isPlain(b, 2, 5)).isFalse();
  }

  private static boolean plain(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return EventJson.isPlain(b, 0, b.length);
  }

  @Test
  void every_kind_of_character_reads_back_unchanged() throws Exception {
    String[] values = {
      "",
      "plain ascii %LINK-3-UPDOWN: Gi0/1",
      "quote \" backslash \\ slash /",
      "controls \n\r\t\b\f \u0000 \u001f end",
      "latin é ß, greek λ, cjk 日本語, emoji \uD83D\uDE00 and \uD834\uDD1E",
      "line separators \u2028\u2029 bom \uFEFF max \uFFFF",
      "x".repeat(5000) + "é".repeat(3000)
    };
    EventJson j = new EventJson(8);
    for (int i = 0; i < values.length; i++) {
      j.field("f" + i, values[i]);
    }
    j.field("n", -42L).field("t", true).object("sd").field("k", "v\"").array("a");
    j.item("one").item("tw\u00f6").endArray().end();
    JsonNode back = JSON.readTree(j.toBytes());
    for (int i = 0; i < values.length; i++) {
      assertThat(back.get("f" + i).asText()).isEqualTo(values[i]);
    }
    assertThat(back.get("n").asLong()).isEqualTo(-42);
    assertThat(back.get("t").asBoolean()).isTrue();
    assertThat(back.get("sd").get("k").asText()).isEqualTo("v\"");
    assertThat(back.get("sd").get("a").get(1).asText()).isEqualTo("tw\u00f6");
  }

  @Test
  void a_lone_surrogate_becomes_the_replacement_character_and_null_fields_are_left_out() {
    byte[] out = new EventJson(16).field("a", "x\uD800y").field("b", (String) null).toBytes();
    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"x\uFFFDy\"}");
  }

  @Test
  void the_output_is_the_same_as_the_jdk_encoder_gives_for_valid_text() {
    String s = "h\u00e9llo \u65e5\u672c \uD83D\uDE00";
    byte[] out = new EventJson(4).field("m", s).toBytes();
    assertThat(out).isEqualTo(("{\"m\":\"" + s + "\"}").getBytes(StandardCharsets.UTF_8));
  }
}
