package io.mutt.pipeline.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestCoverageTest {

  static final Instant NOW = Instant.parse("2026-06-10T12:20:00Z");

  @Test
  void a_recent_range_reads_hour_counters_weighted_by_overlap() {
    List<IngestCoverage.Bucket> b =
        IngestCoverage.buckets(
            Instant.parse("2026-06-10T09:30:00Z"), Instant.parse("2026-06-10T12:15:00Z"), NOW);
    assertThat(b)
        .extracting(IngestCoverage.Bucket::start)
        .containsExactly(
            Instant.parse("2026-06-10T09:00:00Z"),
            Instant.parse("2026-06-10T10:00:00Z"),
            Instant.parse("2026-06-10T11:00:00Z"),
            Instant.parse("2026-06-10T12:00:00Z"));
    assertThat(b).allMatch(IngestCoverage.Bucket::hourly);
    assertThat(b.get(0).weight()).isEqualTo(0.5);
    assertThat(b.get(1).weight()).isEqualTo(1.0);
    // the 12:00 counter has counted 20 minutes so far (NOW is 12:20): 15 of them are in the range
    assertThat(b.get(3).weight()).isEqualTo(0.75);
  }

  @Test
  void a_range_ending_now_takes_the_running_hour_whole() {
    List<IngestCoverage.Bucket> b =
        IngestCoverage.buckets(Instant.parse("2026-06-10T11:20:00Z"), NOW, NOW);
    assertThat(b)
        .extracting(IngestCoverage.Bucket::start, IngestCoverage.Bucket::weight)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-06-10T11:00:00Z"), 40 / 60.0),
            org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-06-10T12:00:00Z"), 1.0));
  }

  @Test
  void a_range_past_now_counts_nothing_beyond_now() {
    List<IngestCoverage.Bucket> b =
        IngestCoverage.buckets(
            Instant.parse("2026-06-10T12:00:00Z"), Instant.parse("2026-06-10T14:00:00Z"), NOW);
    assertThat(b).hasSize(1);
    assertThat(b.get(0).start()).isEqualTo(Instant.parse("2026-06-10T12:00:00Z"));
    assertThat(b.get(0).weight()).isEqualTo(1.0);
  }

  @Test
  void an_older_range_reads_day_counters_until_the_hour_counters_begin() {
    Instant since = Instant.parse("2026-06-05T06:00:00Z");
    List<IngestCoverage.Bucket> b = IngestCoverage.buckets(since, NOW, NOW);
    assertThat(b.get(0).hourly()).isFalse();
    assertThat(b.get(0).start()).isEqualTo(Instant.parse("2026-06-05T00:00:00Z"));
    assertThat(b.get(0).weight()).isEqualTo(0.75);
    // the hour counters begin 47 h back, at 2026-06-08T13:00Z; the day of 2026-06-08 counts to
    // there
    IngestCoverage.Bucket lastDay = b.stream().filter(x -> !x.hourly()).reduce((x, y) -> y).get();
    assertThat(lastDay.start()).isEqualTo(Instant.parse("2026-06-08T00:00:00Z"));
    assertThat(lastDay.weight()).isCloseTo(13 / 24.0, within(1e-9));
    assertThat(b.stream().filter(IngestCoverage.Bucket::hourly).findFirst().get().start())
        .isEqualTo(Instant.parse("2026-06-08T13:00:00Z"));
    // the weights add up to the range's length, the running hour (12:00, 20 minutes so far) whole
    IngestCoverage.Bucket running = b.get(b.size() - 1);
    assertThat(running.start()).isEqualTo(Instant.parse("2026-06-10T12:00:00Z"));
    assertThat(running.weight()).isEqualTo(1.0);
    double hours =
        b.subList(0, b.size() - 1).stream()
            .mapToDouble(x -> x.weight() * (x.hourly() ? 1 : 24))
            .sum();
    assertThat(hours + 1 / 3.0).isCloseTo(126.0 + 1 / 3.0, within(1e-6));
  }

  @Test
  void a_range_older_than_the_day_counters_cannot_be_estimated() {
    assertThat(IngestCoverage.buckets(NOW.minusSeconds(40L * 86400), NOW, NOW)).isNull();
  }

  @Test
  void the_share_is_capped_at_one_and_unknown_without_accepted_events() {
    assertThat(IngestCoverage.share(50, 200)).isEqualTo(0.25);
    assertThat(IngestCoverage.share(210, 200)).isEqualTo(1.0);
    assertThat(IngestCoverage.share(3, 0)).isNull();
  }
}
