package io.mutt.pipeline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeverityTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "emerg,0", "Emergency,0", "ALERT,1", "crit,2", "Critical,2", "err,3", "Error,3",
    "warn,4", "Warning,4", "notice,5", "Notice,5", "info,6", "Informational,6", "DEBUG,7",
    "' warning ',4", "3,3", "' 7 ',7", "+5,5", "-1,-1", "12,12"
  })
  void syslog_names_and_numeric_strings_are_coerced(String raw, int expected) {
    assertThat(Severity.coerce(raw)).isEqualTo(expected);
  }

  @Test
  void integral_numbers_of_any_java_type_are_coerced() {
    assertThat(Severity.coerce(3)).isEqualTo(3);
    assertThat(Severity.coerce(4L)).isEqualTo(4);
    assertThat(Severity.coerce((short) 5)).isEqualTo(5);
    assertThat(Severity.coerce((byte) 6)).isEqualTo(6);
    assertThat(Severity.coerce(2.0)).isEqualTo(2);
    assertThat(Severity.coerce(1.0f)).isEqualTo(1);
    assertThat(Severity.coerce(BigInteger.valueOf(7))).isEqualTo(7);
    assertThat(Severity.coerce(new BigDecimal("3.00"))).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "  ",
        "warnings",
        "3.0",
        "0x3",
        "three",
        "emergencyy",
        "99999999999",
        "\u0131nfo",
        "+",
        "-"
      })
  void unknown_text_is_not_a_severity(String raw) {
    assertThat(Severity.coerce(raw)).isNull();
  }

  @Test
  void fractions_huge_numbers_booleans_and_null_are_not_severities() {
    assertThat(Severity.coerce(3.5)).isNull();
    assertThat(Severity.coerce(Double.NaN)).isNull();
    assertThat(Severity.coerce(Double.POSITIVE_INFINITY)).isNull();
    assertThat(Severity.coerce(new BigDecimal("2.5"))).isNull();
    assertThat(Severity.coerce(Long.MAX_VALUE)).isNull();
    assertThat(Severity.coerce(BigInteger.TEN.pow(20))).isNull();
    assertThat(Severity.coerce(true)).isNull();
    assertThat(Severity.coerce(null)).isNull();
  }
}
