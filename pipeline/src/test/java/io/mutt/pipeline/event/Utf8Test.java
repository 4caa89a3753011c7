package io.mutt.pipeline.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

  private static int check(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return Utf8.invalidAt(b, b.length);
  }

  @Test
  void text_in_every_script_is_valid() {
    byte[] b = "{\"m\":\"Störung ✓ 🚨 日本語 \\u00e9\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8.invalidAt(b, b.length)).isEqualTo(-1);
  }

  @Test
  void malformed_sequences_are_found_at_their_first_byte() {
    assertThat(check('a', 0x80)).as("stray continuation").isEqualTo(1);
    assertThat(check(0xC3)).as("truncated").isEqualTo(0);
    assertThat(check(0xC3, 'a')).as("missing continuation").isEqualTo(0);
    assertThat(check(0xC0, 0x80)).as("overlong NUL").isEqualTo(0);
    assertThat(check(0xE0, 0x80, 0x80)).as("overlong 3-byte").isEqualTo(0);
    assertThat(check(0xED, 0xA0, 0x80)).as("UTF-16 surrogate").isEqualTo(0);
    assertThat(check(0xF4, 0x90, 0x80, 0x80)).as("above U+10FFFF").isEqualTo(0);
    assertThat(check(0xFF)).isEqualTo(0);
  }

  @Test
  void agrees_with_the_jdk_strict_decoder_on_random_bytes() {
    Random r = new Random(42);
    for (int n = 0; n < 20_000; n++) {
      byte[] b = new byte[r.nextInt(12)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (r.nextBoolean() ? 0x80 + r.nextInt(0x80) : r.nextInt(0x80));
      }
      boolean jdk;
      try {
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(b));
        jdk = true;
      } catch (CharacterCodingException e) {
        jdk = false;
      }
      assertThat(Utf8.invalidAt(b, b.length) < 0)
          .as("%s", java.util.HexFormat.of().formatHex(b))
          .isEqualTo(jdk);
    }
  }
}
