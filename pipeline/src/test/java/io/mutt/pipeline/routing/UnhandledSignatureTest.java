package io.mutt.pipeline.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnhandledSignatureTest {

  @Test
  void the_signature_is_the_first_16_hex_chars_of_sha1_over_utf8() {
    // sha1("hello") = aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d
    assertThat(UnhandledSignature.of("hello")).isEqualTo("aaf4c61ddcc5e8a2");
    // sha1("") = da39a3ee5e6b4b0d3255bfef95601890afd80709
    assertThat(UnhandledSignature.of("")).isEqualTo("da39a3ee5e6b4b0d");
  }

  @Test
  void non_ascii_messages_are_hashed_as_utf8() {
    // python3: hashlib.sha1("é".encode()).hexdigest()[:16]
    assertThat(UnhandledSignature.of("é")).isEqualTo("bf15be717ac1b080");
  }

  @Test
  void the_counter_key_is_prefix_hostname_and_signature() {
    assertThat(UnhandledSignature.counterKey("mutt:unhandled", "router1", "hello"))
        .isEqualTo("mutt:unhandled:router1:aaf4c61ddcc5e8a2");
  }

  @Test
  void the_meta_alert_text_names_count_window_host_and_a_sample() {
    assertThat(UnhandledSignature.metaAlertMessage(100, 86400, "router1", "fan failure"))
        .isEqualTo(
            "[MUTT] Detected 100 unhandled messages in 86400s from 'router1'. "
                + "Sample message: fan failure");
  }

  @Test
  void the_sample_is_cut_at_200_code_points_never_inside_a_surrogate_pair() {
    String emoji = "\uD83D\uDE00";
    String message = "x".repeat(199) + emoji + "tail";

    String text = UnhandledSignature.metaAlertMessage(2, 60, "h", message);

    assertThat(text).endsWith("Sample message: " + "x".repeat(199) + emoji);
  }
}
