package io.mutt.pipeline.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 6587 framing: octet counting and LF-terminated, detected per connection, in any chunking. */
class SyslogFramerTest {

  record Frame(String text, String error) {}

  private static List<Frame> run(SyslogFramer f, String stream, int chunk) {
    List<Frame> out = new ArrayList<>();
    byte[] b = stream.getBytes(StandardCharsets.UTF_8);
    SyslogFramer.Sink sink =
        (buf, off, len, err) ->
            out.add(new Frame(new String(buf, off, len, StandardCharsets.UTF_8), err));
    for (int i = 0; i < b.length; i += chunk) {
      f.feed(b, i, Math.min(chunk, b.length - i), sink);
    }
    f.end(sink);
    return out;
  }

  @Test
  void octet_counting_is_detected_from_a_leading_digit() {
    SyslogFramer f = new SyslogFramer(1024);
    List<Frame> frames = run(f, "11 <13>1 - a b13 <13>1 - c\nd e", 1000);
    assertThat(f.framing()).isEqualTo(SyslogFramer.Framing.OCTET_COUNTING);
    assertThat(frames)
        .containsExactly(new Frame("<13>1 - a b", null), new Frame("<13>1 - c\nd e", null));
  }

  @Test
  void lf_framing_is_detected_from_a_leading_pri_and_crlf_is_accepted() {
    SyslogFramer f = new SyslogFramer(1024);
    List<Frame> frames = run(f, "<13>one\r\n<13>two\n<13>three", 1000);
    assertThat(f.framing()).isEqualTo(SyslogFramer.Framing.NON_TRANSPARENT);
    assertThat(frames)
        .containsExactly(
            new Frame("<13>one", null), new Frame("<13>two", null), new Frame("<13>three", null));
  }

  @ParameterizedTest(name = "chunks of {0} bytes")
  @MethodSource("chunksUpTo40")
  void any_chunking_gives_the_same_frames(int chunk) {
    String counted = "5 <1>ab7 <2>cdef3 <3>\n10 <4>x y z w";
    assertThat(run(new SyslogFramer(1024), counted, chunk))
        .containsExactly(
            new Frame("<1>ab", null),
            new Frame("<2>cdef", null),
            new Frame("<3>", null),
            new Frame("<4>x y z w", null));
    String lines = "<1>ab\n<2>cdef\r\n<3>\n<4>x y z w\n";
    assertThat(run(new SyslogFramer(1024), lines, chunk))
        .containsExactly(
            new Frame("<1>ab", null),
            new Frame("<2>cdef", null),
            new Frame("<3>", null),
            new Frame("<4>x y z w", null));
  }

  @ParameterizedTest(name = "chunks of {0} bytes")
  @MethodSource("chunksUpTo40")
  void over_long_frames_are_cut_and_marked(int chunk) {
    assertThat(run(new SyslogFramer(8), "<1>abcdefghij\n<2>ok\n", chunk))
        .containsExactly(new Frame("<1>abcde", ParseErrors.TOO_LONG), new Frame("<2>ok", null));
    assertThat(run(new SyslogFramer(8), "13 <1>abcdefghij5 <2>ok", chunk))
        .containsExactly(new Frame("<1>abcde", ParseErrors.TOO_LONG), new Frame("<2>ok", null));
  }

  @Test
  void a_bad_octet_count_turns_the_line_into_a_marked_frame() {
    assertThat(run(new SyslogFramer(100), "5 <1>ab12x <2>oops\n4 <3>c", 100))
        .containsExactly(
            new Frame("<1>ab", null),
            new Frame("12x <2>oops", ParseErrors.BAD_OCTET_COUNT),
            new Frame("<3>c", null));
  }

  @Test
  void a_connection_closed_inside_a_counted_frame_hands_out_what_arrived() {
    assertThat(run(new SyslogFramer(100), "20 <1>only part", 100))
        .containsExactly(new Frame("<1>only part", ParseErrors.TRUNCATED));
  }

  @Test
  void empty_lines_are_reported_as_empty() {
    assertThat(run(new SyslogFramer(100), "<1>a\n\n<2>b\n", 100))
        .containsExactly(
            new Frame("<1>a", null), new Frame("", ParseErrors.EMPTY), new Frame("<2>b", null));
  }

  /** Every chunk size from one byte up: each way the input can be cut is tried. */
  static IntStream chunksUpTo40() {
    return IntStream.rangeClosed(1, 40);
  }
}
