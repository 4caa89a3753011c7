package io.mutt.pipeline.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The syslog parser's RFC 3339 check (a scanner) against a reference built from the RFC's grammar
 * and {@link OffsetDateTime#parse}: the same answer for the RFC's own examples, for valid times of
 * random fields (days past the month's end, hours past 23, offsets past 18 h included) and for
 * random one-character mutations of them.
 */
class Rfc3339CheckTest {

  /** RFC 5424 section 6.2.3: FULL-DATE "T" FULL-TIME, at most six fraction digits. */
  private static final Pattern SHAPE =
      Pattern.compile(
          "\\d{4}-\\d\\d-\\d\\d[Tt]\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?([Zz]|[+-]\\d\\d:\\d\\d)");

  private static boolean reference(String t) {
    if (!SHAPE.matcher(t).matches()) {
      return false;
    }
    try {
      OffsetDateTime.parse(t.toUpperCase(Locale.ROOT));
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  @Test
  void the_rfcs_examples_are_told_apart_as_the_rfcs_say() {
    for (String valid :
        new String[] {
          "1985-04-12T23:20:50.52Z",
          "1985-04-12T19:20:50.52-04:00",
          "2003-10-11T22:14:15.003Z",
          "2003-08-24T05:14:15.000003-07:00",
          "1996-12-19T16:39:57-08:00",
          "1990-12-31T23:59:59Z"
        }) {
      assertThat(Rfc5424Parser.isRfc3339(valid)).as(valid).isTrue();
    }
    for (String invalid :
        new String[] {
          "2003-08-24T05:14:15.000000003-07:00", // RFC 5424: at most six fraction digits
          "2003-10-11T22:14:15",
          "2003-10-11 22:14:15Z",
          "2003-10-11T22:14Z",
          "2003-02-29T00:00:00Z",
          "1990-12-31T23:59:60Z",
          "2003-10-11T22:14:15.Z",
          "2003-10-11T22:14:15+0100",
          "2003-10-11T22:14:15+01:60",
          "2003-10-11T22:14:15+19:00",
          "2003-10-11T22:14:15.1"
        }) {
      assertThat(Rfc5424Parser.isRfc3339(invalid)).as(invalid).isFalse();
    }
  }

  @Test
  void random_times_and_their_mutations_get_the_references_answer() {
    Random r = new Random(5424);
    String alphabet = "0123456789-:+.TtZz x";
    int accepted = 0;
    for (int i = 0; i < 200_000; i++) {
      String t = randomTime(r);
      if (r.nextBoolean()) {
        char[] c = t.toCharArray();
        c[r.nextInt(c.length)] = alphabet.charAt(r.nextInt(alphabet.length()));
        t = new String(c);
      }
      boolean expected = reference(t);
      assertThat(Rfc5424Parser.isRfc3339(t)).as(t).isEqualTo(expected);
      accepted += expected ? 1 : 0;
    }
    assertThat(accepted).as("both answers are exercised").isBetween(20_000, 180_000);
  }

  private static String randomTime(Random r) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%04d-%02d-%02d%c%02d:%02d:%02d",
                1900 + r.nextInt(200),
                1 + r.nextInt(13),
                1 + r.nextInt(31),
                r.nextInt(10) == 0 ? 't' : 'T',
                r.nextInt(25),
                r.nextInt(61),
                r.nextInt(61)));
    int fraction = r.nextInt(9);
    if (fraction > 0) {
      b.append('.');
      for (int k = 0; k < fraction; k++) {
        b.append((char) ('0' + r.nextInt(10)));
      }
    }
    switch (r.nextInt(4)) {
      case 0 -> b.append(r.nextBoolean() ? 'Z' : 'z');
      case 1 ->
          b.append(
              String.format(
                  Locale.ROOT,
                  "%c%02d:%02d",
                  r.nextBoolean() ? '+' : '-',
                  r.nextInt(20),
                  r.nextInt(61)));
      case 2 -> b.append(String.format(Locale.ROOT, "+%02d%02d", r.nextInt(19), r.nextInt(60)));
      default -> {}
    }
    return b.toString();
  }
}
