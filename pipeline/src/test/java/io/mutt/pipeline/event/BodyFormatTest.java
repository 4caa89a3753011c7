package io.mutt.pipeline.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyFormatTest {

  @Test
  void json_is_parsed_whatever_the_content_type_says() {
    assertThat(BodyFormat.of(null)).isEqualTo(BodyFormat.JSON);
    assertThat(BodyFormat.of("application/json; charset=utf-8")).isEqualTo(BodyFormat.JSON);
    assertThat(BodyFormat.of("text/plain")).isEqualTo(BodyFormat.JSON);
    assertThat(BodyFormat.of("application/octet-stream")).isEqualTo(BodyFormat.JSON);
  }

  @Test
  void ndjson_and_json_lines_types_select_one_event_per_line() {
    assertThat(BodyFormat.of("application/x-ndjson")).isEqualTo(BodyFormat.NDJSON);
    assertThat(BodyFormat.of(" Application/X-NDJSON ; charset=UTF-8")).isEqualTo(BodyFormat.NDJSON);
    assertThat(BodyFormat.of("application/jsonl")).isEqualTo(BodyFormat.NDJSON);
  }

  @Test
  void clearly_wrong_types_are_unsupported() {
    assertThat(BodyFormat.of("multipart/form-data; boundary=x")).isEqualTo(BodyFormat.UNSUPPORTED);
    assertThat(BodyFormat.of("application/x-www-form-urlencoded"))
        .isEqualTo(BodyFormat.UNSUPPORTED);
    assertThat(BodyFormat.of("image/png")).isEqualTo(BodyFormat.UNSUPPORTED);
  }

  @Test
  void gzip_is_the_only_content_coding_besides_identity() {
    assertThat(BodyEncoding.of(null)).isEqualTo(BodyEncoding.IDENTITY);
    assertThat(BodyEncoding.of("identity")).isEqualTo(BodyEncoding.IDENTITY);
    assertThat(BodyEncoding.of("GZIP")).isEqualTo(BodyEncoding.GZIP);
    assertThat(BodyEncoding.of("x-gzip")).isEqualTo(BodyEncoding.GZIP);
    assertThat(BodyEncoding.of("br")).isEqualTo(BodyEncoding.UNSUPPORTED);
    assertThat(BodyEncoding.of("gzip, deflate")).isEqualTo(BodyEncoding.UNSUPPORTED);
  }

  @Test
  void limits_refuse_nonsense_with_the_setting_name() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IngestLimits(0, 4096, 64, 10))
        .hasMessageContaining("INGEST_MAX_BATCH_EVENTS");
    assertThat(IngestLimits.DEFAULTS.bodyTooLarge(10L * 1024 * 1024 + 1)).isTrue();
    assertThat(IngestLimits.DEFAULTS.bodyTooLarge(10L * 1024 * 1024)).isFalse();
  }
}
