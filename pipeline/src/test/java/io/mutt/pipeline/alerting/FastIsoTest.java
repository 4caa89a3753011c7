package io.mutt.pipeline.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mutt.pipeline.testing.Seeded;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FastIsoTest {

  @Test
  void the_fast_scanner_agrees_with_the_lenient_formatter() {
    Seeded.cases(
        2000,
        random -> {
          String text = timestamp(random);
          OffsetDateTime fast = FastIso.parse(text);
          OffsetDateTime slow;
          try {
            slow = EventTimestamps.parseLenient(text);
          } catch (IllegalArgumentException e) {
            slow = null;
          }
          if (fast != null) {
            assertThat(fast).as(text).isEqualTo(slow);
          }
        });
  }

  @Test
  void valid_answers_exactly_whether_parse_builds_a_time() {
    Seeded.cases(
        20_000,
        random -> {
          String text = timestamp(random);
          assertThat(FastIso.valid(text)).as(text).isEqualTo(FastIso.parse(text) != null);
        });
    for (String text :
        List.of(
            "2024-02-29T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2000-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2025-04-31T00:00:00Z",
            "2025-12-31T23:59:59.999999999+18:00",
            "2025-12-31T23:59:59-18:01",
            "0000-01-01T00:00:00Z")) {
      assertThat(FastIso.valid(text)).as(text).isEqualTo(FastIso.parse(text) != null);
    }
    assertThat(FastIso.valid("2024-02-29T00:00:00Z")).isTrue();
    assertThat(FastIso.valid("2023-02-29T00:00:00Z")).isFalse();
  }

  private static final List<String> OFFSETS =
      List.of(
          "", "Z", "z", "+00:00", "-05:30", "+0100", "-02", "+14:00", "+19:00", "Zjunk", "+1:00",
          " ");
  private static final List<String> SEPARATORS = List.of("T", " ", "t", "x");

  /** Mostly well-formed timestamps, with every field allowed one step out of range. */
  private static String timestamp(Random random) {
    String date =
        String.format(
            "%04d-%02d-%02d",
            Seeded.intBetween(random, 1990, 2100),
            Seeded.intBetween(random, 0, 13),
            Seeded.intBetween(random, 0, 32));
    String time =
        String.format(
            "%02d:%02d:%02d",
            Seeded.intBetween(random, 0, 24),
            Seeded.intBetween(random, 0, 60),
            Seeded.intBetween(random, 0, 60));
    String digits = Seeded.string(random, "0123456789", 0, 10);
    String fraction = digits.isEmpty() ? "" : "." + digits;
    return date
        + Seeded.oneOf(random, SEPARATORS)
        + time
        + fraction
        + Seeded.oneOf(random, OFFSETS);
  }

  @Test
  void shapes_the_scanner_does_not_know_fall_back_to_the_formatter() {
    assertThat(FastIso.parse("2025-11-10")).isNull();
    assertThat(FastIso.parse("2025-11-10T12:00")).isNull();
    assertThat(EventTimestamps.parse("2025-11-10T12:00").getHour()).isEqualTo(12);
    assertThat(FastIso.parse("2025-11-10T12:00:00.1234567890Z")).isNull();
    assertThatThrownBy(() -> EventTimestamps.parse("2025-11-10T12:00:00.1234567890Z"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_fixture_shape_with_seven_fraction_digits_is_read_exactly() {
    assertThat(FastIso.parse("2025-11-11T16:34:50.6449285Z").getNano()).isEqualTo(644_928_500);
    assertThat(FastIso.parse("2025-11-10 13:00:00+0100").getHour()).isEqualTo(12);
  }
}
