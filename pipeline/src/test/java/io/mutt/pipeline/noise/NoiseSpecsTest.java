package io.mutt.pipeline.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.validation.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoiseSpecsTest {

  private static final Instant NOW = Instant.parse("2026-06-03T10:00:00Z");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readValue(text, Map.class);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String field(Runnable r) {
    try {
      r.run();
    } catch (InvalidInput e) {
      return e.field() + ": " + e.getMessage();
    }
    return "accepted";
  }

  private static final String MATCHERS = "\"matchers\":[{\"kind\":\"hostname\",\"value\":\"h\"}]";

  @Test
  void windowsRoundTripThroughTheirJsonForm() {
    MaintenanceWindow w =
        NoiseSpecs.window(
            3,
            json(
                "{\"name\":\"patch\","
                    + MATCHERS
                    + ",\"effect\":\"downgrade\",\"severity\":\"Minor\",\"schedule\":{\"type\":\"weekly\","
                    + "\"days\":[\"sat\",\"sunday\"],\"from\":\"22:00\",\"to\":\"02:00\",\"time_zone\":\"Europe/Paris\"}}"));
    assertThat(w.effect()).isEqualTo(Effect.DOWNGRADE);
    assertThat(w.severity()).isEqualTo("Minor");
    Map<String, Object> schedule = NoiseSpecs.scheduleJson(w.schedule());
    assertThat(schedule)
        .containsEntry("days", java.util.List.of("sat", "sun"))
        .containsEntry("from", "22:00")
        .containsEntry("time_zone", "Europe/Paris");
    assertThat(NoiseSpecs.schedule(schedule)).isEqualTo(w.schedule());
    Schedule cron =
        NoiseSpecs.schedule(
            json(
                "{\"type\":\"cron\",\"cron\":\"0 2 * * 0\",\"duration_minutes\":90,\"time_zone\":\"UTC\"}"));
    assertThat(NoiseSpecs.schedule(NoiseSpecs.scheduleJson(cron))).isEqualTo(cron);
  }

  @Test
  void badWindowsNameTheField() {
    String sched =
        ",\"schedule\":{\"type\":\"once\",\"start\":\"2026-01-01T00:00:00Z\",\"end\":\"2026-01-02T00:00:00Z\"}";
    assertThat(field(() -> NoiseSpecs.window(0, json("{" + MATCHERS + sched + "}"))))
        .startsWith("name:");
    assertThat(field(() -> NoiseSpecs.window(0, json("{\"name\":\"x\"" + sched + "}"))))
        .startsWith("matchers:");
    assertThat(
            field(
                () ->
                    NoiseSpecs.window(
                        0,
                        json(
                            "{\"name\":\"x\",\"matchers\":[{\"kind\":\"host\",\"value\":\"h\"}]"
                                + sched
                                + "}"))))
        .startsWith("matchers[0].kind:");
    assertThat(
            field(
                () ->
                    NoiseSpecs.window(
                        0,
                        json(
                            "{\"name\":\"x\",\"matchers\":[{\"kind\":\"hostname\",\"value\":\"h\"},"
                                + "{\"kind\":\"hostname_regex\",\"value\":\"(a\"}]"
                                + sched
                                + "}"))))
        .startsWith("matchers[1].value:");
    assertThat(
            field(
                () ->
                    NoiseSpecs.window(
                        0,
                        json(
                            "{\"name\":\"x\"," + MATCHERS + ",\"effect\":\"mute\"" + sched + "}"))))
        .startsWith("effect:");
    assertThat(
            field(
                () ->
                    NoiseSpecs.window(
                        0,
                        json(
                            "{\"name\":\"x\","
                                + MATCHERS
                                + ",\"effect\":\"downgrade\",\"severity\":\"Critical\""
                                + sched
                                + "}"))))
        .startsWith("severity:");
    assertThat(
            field(
                () ->
                    NoiseSpecs.schedule(
                        json(
                            "{\"type\":\"once\",\"start\":\"2026-01-02T00:00:00Z\",\"end\":\"2026-01-01T00:00:00Z\"}"))))
        .startsWith("schedule.end:");
    assertThat(
            field(
                () ->
                    NoiseSpecs.schedule(
                        json(
                            "{\"type\":\"weekly\",\"days\":[\"mon\"],\"from\":\"25:00\",\"to\":\"02:00\",\"time_zone\":\"UTC\"}"))))
        .startsWith("schedule.from:");
    assertThat(
            field(
                () ->
                    NoiseSpecs.schedule(
                        json(
                            "{\"type\":\"weekly\",\"days\":[\"mon\"],\"from\":\"01:00\",\"to\":\"02:00\",\"time_zone\":\"Mars/Base\"}"))))
        .startsWith("schedule.time_zone:");
    assertThat(
            field(
                () ->
                    NoiseSpecs.schedule(
                        json(
                            "{\"type\":\"weekly\",\"days\":[\"funday\"],\"from\":\"01:00\",\"to\":\"02:00\",\"time_zone\":\"UTC\"}"))))
        .startsWith("schedule.days:");
    assertThat(
            field(
                () ->
                    NoiseSpecs.schedule(
                        json(
                            "{\"type\":\"cron\",\"cron\":\"61 * * * *\",\"duration_minutes\":5,\"time_zone\":\"UTC\"}"))))
        .startsWith("schedule.cron:");
    assertThat(
            field(
                () ->
                    NoiseSpecs.schedule(
                        json(
                            "{\"type\":\"cron\",\"cron\":\"0 * * * *\",\"duration_minutes\":0.5,\"time_zone\":\"UTC\"}"))))
        .startsWith("schedule.duration_minutes:");
    assertThat(field(() -> NoiseSpecs.schedule(json("{\"type\":\"daily\"}"))))
        .startsWith("schedule.type:");
  }

  @Test
  void silencesNeedAnExpiryWithinTheMaximum() {
    Duration max = Duration.ofDays(7);
    Silence s =
        NoiseSpecs.silence(
            0,
            json(
                "{"
                    + MATCHERS
                    + ",\"author\":\"ann\",\"comment\":\"reboot\",\"expires_at\":\"2026-06-03T12:00:00Z\"}"),
            NOW,
            max,
            true);
    assertThat(s.start()).isEqualTo(NOW);
    assertThat(s.expiry()).isEqualTo(Instant.parse("2026-06-03T12:00:00Z"));
    String base = "{" + MATCHERS + ",\"author\":\"ann\",\"comment\":\"c\"";
    assertThat(field(() -> NoiseSpecs.silence(0, json(base + "}"), NOW, max, true)))
        .startsWith("expires_at:");
    assertThat(
            field(
                () ->
                    NoiseSpecs.silence(
                        0,
                        json(base + ",\"expires_at\":\"2026-07-03T12:00:00Z\"}"),
                        NOW,
                        max,
                        true)))
        .isEqualTo("expires_at: expires_at must be at most 168 hours after starts_at");
    assertThat(
            field(
                () ->
                    NoiseSpecs.silence(
                        0, json(base + ",\"expires_at\":\"yesterday\"}"), NOW, max, true)))
        .startsWith("expires_at:");
    assertThat(
            field(
                () ->
                    NoiseSpecs.silence(
                        0,
                        json(
                            "{"
                                + MATCHERS
                                + ",\"comment\":\"c\",\"expires_at\":\"2026-06-03T12:00:00Z\"}"),
                        NOW,
                        max,
                        true)))
        .startsWith("author:");
    assertThat(NoiseSpecs.matchersJson(s.matchers()).get(0)).containsEntry("kind", "hostname");
  }
}
