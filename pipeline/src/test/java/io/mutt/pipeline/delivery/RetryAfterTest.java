package io.mutt.pipeline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  @Test
  void seconds_become_milliseconds() {
    assertThat(RetryAfter.parseMs("120", 0)).isEqualTo(120_000);
    assertThat(RetryAfter.parseMs(" 0 ", 0)).isZero();
  }

  @Test
  void an_http_date_gives_the_time_until_then_and_never_less_than_zero() {
    ZonedDateTime at = ZonedDateTime.of(2025, 11, 10, 12, 0, 30, 0, ZoneOffset.UTC);
    String header = DateTimeFormatter.RFC_1123_DATE_TIME.format(at);
    long now = at.minusSeconds(30).toInstant().toEpochMilli();
    assertThat(RetryAfter.parseMs(header, now)).isEqualTo(30_000);
    assertThat(RetryAfter.parseMs(header, now + 60_000)).isZero();
  }

  @Test
  void absent_or_garbage_means_no_wish() {
    assertThat(RetryAfter.parseMs(null, 0)).isEqualTo(-1);
    assertThat(RetryAfter.parseMs("", 0)).isEqualTo(-1);
    assertThat(RetryAfter.parseMs("soon", 0)).isEqualTo(-1);
    assertThat(RetryAfter.parseMs("-5", 0)).isEqualTo(-1);
  }
}
