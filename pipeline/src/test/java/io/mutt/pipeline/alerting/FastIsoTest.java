package io.mutt.pipeline.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class FastIsoTest {

  @Property(tries = 2000)
  void the_fast_scanner_agrees_with_the_lenient_formatter(@ForAll("timestamps") String text) {
    OffsetDateTime fast = FastIso.parse(text);
    OffsetDateTime slow;
    try {
      slow = EventTimestamps.parseLenient(text);
    } catch (IllegalArgumentException e) {
      slow = null;
    }
    if (fast != null) {
      assertThat(fast).isEqualTo(slow);
    }
  }

  @Provide
  Arbitrary<String> timestamps() {
    Arbitrary<String> date =
        Combinators.combine(
                Arbitraries.integers().between(1990, 2100),
                Arbitraries.integers().between(0, 13),
                Arbitraries.integers().between(0, 32))
            .as((y, m, d) -> String.format("%04d-%02d-%02d", y, m, d));
    Arbitrary<String> time =
        Combinators.combine(
                Arbitraries.integers().between(0, 24),
                Arbitraries.integers().between(0, 60),
                Arbitraries.integers().between(0, 60))
            .as((h, mi, s) -> String.format("%02d:%02d:%02d", h, mi, s));
    Arbitrary<String> fraction =
        Arbitraries.strings()
            .numeric()
            .ofMinLength(0)
            .ofMaxLength(10)
            .map(f -> f.isEmpty() ? "" : "." + f);
    Arbitrary<String> offset =
        Arbitraries.of(
            "", "Z", "z", "+00:00", "-05:30", "+0100", "-02", "+14:00", "+19:00", "Zjunk", "+1:00",
            " ");
    Arbitrary<String> sep = Arbitraries.of("T", " ", "t", "x");
    return Combinators.combine(date, sep, time, fraction, offset)
        .as((d, s, t, f, o) -> d + s + t + f + o);
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
