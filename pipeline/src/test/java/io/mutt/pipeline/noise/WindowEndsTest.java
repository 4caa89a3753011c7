package io.mutt.pipeline.noise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WindowEndsTest {

  static MaintenanceWindow window(long id, Schedule s) {
    return new MaintenanceWindow(
        id, "w" + id, s, List.of(Matcher.of("team", "NETO", "matchers[0]")), Effect.SUPPRESS, null);
  }

  @Test
  void a_one_off_window_ends_once_between_the_checks_around_its_end() {
    Instant start = Instant.parse("2026-03-01T10:00:00Z");
    Instant end = Instant.parse("2026-03-01T12:00:00Z");
    MaintenanceWindow w = window(1, new Schedule.OneOff(start, end));
    assertThat(WindowEnds.between(List.of(w), end.minusSeconds(20), end.minusSeconds(5))).isEmpty();
    assertThat(WindowEnds.between(List.of(w), end.minusSeconds(5), end.plusSeconds(10)))
        .containsExactly(new WindowEnds.Ended(w, start, end));
    assertThat(WindowEnds.between(List.of(w), end.plusSeconds(10), end.plusSeconds(25))).isEmpty();
  }

  @Test
  void a_weekly_window_across_midnight_and_a_dst_change_reports_its_own_wall_clock_occurrence() {
    // Saturday 22:00 to 02:00 in Paris, the night clocks go forward (2026-03-29, 02:00 → 03:00)
    MaintenanceWindow w =
        window(
            2,
            new Schedule.Weekly(
                Set.of(DayOfWeek.SATURDAY),
                LocalTime.of(22, 0),
                LocalTime.of(2, 0),
                ZoneId.of("Europe/Paris")));
    Instant saturday22 = Instant.parse("2026-03-28T21:00:00Z"); // 22:00 CET
    Instant end = w.schedule().currentEnd(saturday22.plus(Duration.ofHours(1)));
    List<WindowEnds.Ended> ended =
        WindowEnds.between(List.of(w), end.minusSeconds(30), end.plusSeconds(30));
    assertThat(ended).hasSize(1);
    assertThat(ended.get(0).start()).isEqualTo(saturday22);
    assertThat(ended.get(0).end()).isEqualTo(end);
  }
}
