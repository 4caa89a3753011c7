package io.mutt.pipeline.noise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void oneOffIsOpenFromStartInclusiveToEndExclusive() {
    Schedule s = new Schedule.OneOff(at("2026-05-01T10:00:00Z"), at("2026-05-01T12:00:00Z"));
    assertTimeline(
        s,
        "2026-05-01T09:59:59.999Z closed",
        "2026-05-01T10:00:00Z open",
        "2026-05-01T11:59:59.999Z open",
        "2026-05-01T12:00:00Z closed");
    assertThat(s.nextStart(at("2026-05-01T09:00:00Z"))).isEqualTo(at("2026-05-01T10:00:00Z"));
    assertThat(s.nextStart(at("2026-05-01T10:00:00Z"))).isNull();
    assertThat(s.currentEnd(at("2026-05-01T11:00:00Z"))).isEqualTo(at("2026-05-01T12:00:00Z"));
  }

  @Test
  void weeklyRangeIsReadInItsZone() {
    // Wednesdays 09:00-17:00 Paris time; 2026-06-03 is a Wednesday, Paris is UTC+2 in June
    Schedule s =
        new Schedule.Weekly(
            Set.of(DayOfWeek.WEDNESDAY), LocalTime.of(9, 0), LocalTime.of(17, 0), PARIS);
    assertTimeline(
        s,
        "2026-06-03T06:59:00Z closed",
        "2026-06-03T07:00:00Z open",
        "2026-06-03T14:59:00Z open",
        "2026-06-03T15:00:00Z closed",
        "2026-06-04T08:00:00Z closed"); // Thursday
    // in January Paris is UTC+1
    assertTimeline(s, "2026-01-07T07:30:00Z closed", "2026-01-07T08:00:00Z open");
    assertThat(s.nextStart(at("2026-06-01T00:00:00Z"))).isEqualTo(at("2026-06-03T07:00:00Z"));
    assertThat(s.currentEnd(at("2026-06-03T10:00:00Z"))).isEqualTo(at("2026-06-03T15:00:00Z"));
  }

  @Test
  void overnightRangeBelongsToTheDayItStarts() {
    // Saturdays 22:00 to 02:00 New York time: open Saturday night into Sunday, not Sunday night
    Schedule s =
        new Schedule.Weekly(
            Set.of(DayOfWeek.SATURDAY), LocalTime.of(22, 0), LocalTime.of(2, 0), NEW_YORK);
    // 2026-06-06 is a Saturday; New York is UTC-4 in June
    assertTimeline(
        s,
        "2026-06-07T01:59:00Z closed", // Sat 21:59
        "2026-06-07T02:00:00Z open", // Sat 22:00
        "2026-06-07T05:59:00Z open", // Sun 01:59
        "2026-06-07T06:00:00Z closed", // Sun 02:00
        "2026-06-08T03:00:00Z closed"); // Sun 23:00
    assertThat(s.currentEnd(at("2026-06-07T03:00:00Z"))).isEqualTo(at("2026-06-07T06:00:00Z"));
  }

  @Test
  void timeZoneBoundaryPutsTheWindowOnAnotherUtcDay() {
    // Mondays 00:00-06:00 Tokyo time (UTC+9) is Sunday 15:00-21:00 UTC
    Schedule s =
        new Schedule.Weekly(
            Set.of(DayOfWeek.MONDAY), LocalTime.of(0, 0), LocalTime.of(6, 0), TOKYO);
    assertTimeline(
        s,
        "2026-06-07T14:59:00Z closed", // Sunday UTC
        "2026-06-07T15:00:00Z open",
        "2026-06-07T20:59:00Z open",
        "2026-06-07T21:00:00Z closed",
        "2026-06-08T03:00:00Z closed"); // Monday UTC, noon in Tokyo
  }

  @Test
  void springForwardGapOpensTheWindowAtTheEndOfTheGap() {
    // Paris 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00Z). Sundays 02:30-04:00 local.
    Schedule.Weekly s =
        new Schedule.Weekly(
            Set.of(DayOfWeek.SUNDAY), LocalTime.of(2, 30), LocalTime.of(4, 0), PARIS);
    assertTimeline(
        s,
        "2026-03-29T00:59:00Z closed", // 01:59 CET
        "2026-03-29T01:00:00Z open", // 03:00 CEST
        "2026-03-29T01:59:00Z open", // 03:59 CEST
        "2026-03-29T02:00:00Z closed"); // 04:00 CEST
    assertThat(s.nextStart(at("2026-03-28T12:00:00Z"))).isEqualTo(at("2026-03-29T01:00:00Z"));
    // the next Sunday is a normal day: 02:30 CEST = 00:30Z
    assertThat(s.nextStart(at("2026-03-29T12:00:00Z"))).isEqualTo(at("2026-04-05T00:30:00Z"));
  }

  @Test
  void fallBackRepeatsTheWallClockHourAndTheWindowStaysOpenForBoth() {
    // Paris 2026-10-25: 03:00 CEST falls back to 02:00 CET (01:00Z). Daily 02:00-03:00 local
    // is open from 00:00Z (02:00 CEST) to 02:00Z (03:00 CET): two real hours.
    Schedule s =
        new Schedule.Weekly(
            EnumSet.allOf(DayOfWeek.class), LocalTime.of(2, 0), LocalTime.of(3, 0), PARIS);
    assertTimeline(
        s,
        "2026-10-24T23:59:00Z closed",
        "2026-10-25T00:00:00Z open",
        "2026-10-25T00:59:00Z open",
        "2026-10-25T01:30:00Z open", // 02:30 CET, second time
        "2026-10-25T02:00:00Z closed");
    assertThat(s.currentEnd(at("2026-10-25T01:30:00Z"))).isEqualTo(at("2026-10-25T02:00:00Z"));
  }

  @Test
  void cronWindowOpensAtEachFiringForItsDuration() {
    // 22:00 on Saturdays, Paris time, for 4 hours
    Schedule s = new Schedule.CronSchedule("0 22 * * 6", Duration.ofHours(4), PARIS);
    // 2026-06-06 is a Saturday, 22:00 CEST = 20:00Z
    assertTimeline(
        s,
        "2026-06-06T19:59:00Z closed",
        "2026-06-06T20:00:00Z open",
        "2026-06-06T23:59:00Z open",
        "2026-06-07T00:00:00Z closed");
    assertThat(s.nextStart(at("2026-06-01T00:00:00Z"))).isEqualTo(at("2026-06-06T20:00:00Z"));
    assertThat(s.currentEnd(at("2026-06-06T21:00:00Z"))).isEqualTo(at("2026-06-07T00:00:00Z"));
    // in winter the same local time is 21:00Z
    assertTimeline(s, "2026-01-10T21:00:00Z open", "2026-01-10T20:30:00Z closed");
  }

  @Test
  void cronWindowKeepsLocalTimeAcrossSpringForward() {
    // every day at 03:30 Paris for 30 minutes: 01:30Z on 2026-03-28 (CET), 01:30Z on the 29th
    // (03:30 CEST = 01:30Z) and 01:30Z after; the day of the change is still covered once
    Schedule s = new Schedule.CronSchedule("30 3 * * *", Duration.ofMinutes(30), PARIS);
    assertTimeline(
        s,
        "2026-03-28T02:30:00Z open", // 03:30 CET
        "2026-03-29T01:30:00Z open", // 03:30 CEST
        "2026-03-29T02:30:00Z closed", // 04:30 CEST
        "2026-03-30T01:45:00Z open");
  }

  @Test
  void minuteAlignmentTellsWhichSchedulesMayBeCachedPerMinute() {
    assertThat(new Schedule.OneOff(Instant.EPOCH, Instant.EPOCH.plusSeconds(5)).minuteAligned())
        .isFalse();
    assertThat(
            new Schedule.Weekly(Set.of(DayOfWeek.MONDAY), LocalTime.NOON, LocalTime.MIDNIGHT, PARIS)
                .minuteAligned())
        .isTrue();
    assertThat(new Schedule.CronSchedule("* * * * *", Duration.ofMinutes(1), PARIS).minuteAligned())
        .isTrue();
  }

  /**
   * Asserts each entry {@code "<instant> open"} or {@code "<instant> closed"}: whether {@code s} is
   * active at that instant.
   */
  private static void assertTimeline(Schedule s, String... entries) {
    for (String entry : entries) {
      String[] f = entry.split(" ");
      boolean open =
          switch (f[1]) {
            case "open" -> true;
            case "closed" -> false;
            default -> throw new IllegalArgumentException(entry);
          };
      assertThat(s.activeAt(at(f[0]))).as(entry).isEqualTo(open);
    }
  }
}
