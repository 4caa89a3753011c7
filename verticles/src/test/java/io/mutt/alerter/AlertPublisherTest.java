package io.mutt.alerter;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.alerter.AlertPublisher.Alert;
import io.mutt.alerter.AlertPublisher.Outcome;
import io.mutt.contract.RedisKeys;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The publish script's time buckets on real Redis (ADR 0003, ADR 0016): seen marks are found for at
 * least {@code ALERTER_DEDUPE_TTL} across bucket boundaries and forgotten after; a window opened in
 * one window length is still found in the next, moves to a key of its own at its first repeat, and
 * a key whose window has ended opens a new one.
 */
class AlertPublisherTest {

  @RegisterExtension static final AlerterTestKit kit = AlerterTestKit.perClass("ingest", Map.of());

  private final RedisKeys.AlertSlot slot = kit.rt.keys().alertPartitions.get(0);

  @Test
  void a_seen_mark_is_found_in_the_two_buckets_after_its_own_and_forgotten_in_the_third()
      throws InterruptedException {
    // ALERTER_DEDUPE_TTL 2 s: buckets of 1 s, a mark is found for 2-3 s
    AlertPublisher publisher = new AlertPublisher(kit.rt.redis(), kit.rt.keys(), 2);
    String id = "bucket-" + UUID.randomUUID();
    Alert alert = new Alert(id, "{\"_event_id\":\"" + id + "\"}", id, null);
    long start = startOfNextSecond();
    assertThat(kinds(publisher.publish(List.of(alert), 0).await()))
        .containsExactly(Outcome.Kind.APPENDED);
    sleepUntil(start + 1_100);
    assertThat(kinds(publisher.publish(List.of(alert), 0).await()))
        .as("one bucket later")
        .containsExactly(Outcome.Kind.REPEAT);
    sleepUntil(start + 2_100);
    assertThat(kinds(publisher.publish(List.of(alert), 0).await()))
        .as("two buckets later")
        .containsExactly(Outcome.Kind.REPEAT);
    sleepUntil(start + 3_100);
    assertThat(kinds(publisher.publish(List.of(alert), 0).await()))
        .as("three buckets later the mark has expired")
        .containsExactly(Outcome.Kind.APPENDED);
    assertThat(ttl(slot.seenBucket(1, start / 1000))).as("the first bucket expired").isEqualTo(-2);
  }

  @Test
  void a_window_opened_as_a_hash_field_is_found_across_a_window_boundary_and_moves_to_its_own_key()
      throws InterruptedException {
    AlertPublisher publisher = new AlertPublisher(kit.rt.redis(), kit.rt.keys(), 600);
    long windowMs = 1_000;
    String key = UUID.randomUUID().toString().replace("-", "");
    long start = startOfNextSecond();
    sleepUntil(start + 700); // opened late in its window length, so it is still open in the next
    Alert first = alert("w1-" + key, key);
    assertThat(publisher.publish(List.of(first), windowMs).await())
        .containsExactly(new Outcome(Outcome.Kind.APPENDED, null));
    String opened = slot.openWindows(windowMs, start / windowMs);
    assertThat(hget(opened, slot.coalescePrefix() + key))
        .startsWith(start / 1000 + "")
        .contains("|w1-");
    assertThat(exists(slot.coalescePrefix() + key)).as("no key of its own yet").isFalse();

    sleepUntil(start + 1_300);
    Alert repeat = alert("w2-" + key, key);
    assertThat(publisher.publish(List.of(repeat), windowMs).await())
        .as("the window is still open in the next window length")
        .containsExactly(new Outcome(Outcome.Kind.COALESCED, first.eventId()));
    assertThat(exists(slot.coalescePrefix() + key)).isTrue();
    assertThat(ttl(slot.coalescePrefix() + key))
        .as("kept until the flusher closes it")
        .isEqualTo(-1);
    assertThat(score(slot.coalesceDue(), slot.coalescePrefix() + key)).isNotNull();
    assertThat(publisher.publish(List.of(repeat), windowMs).await())
        .as("the repeat redelivered")
        .containsExactly(new Outcome(Outcome.Kind.REPEAT, first.eventId()));

    String other = UUID.randomUUID().toString().replace("-", "");
    Alert lone = alert("w3-" + other, other);
    assertThat(publisher.publish(List.of(lone), windowMs).await())
        .containsExactly(new Outcome(Outcome.Kind.APPENDED, null));
    sleepUntil(System.currentTimeMillis() + windowMs + 100);
    Alert later = alert("w4-" + other, other);
    assertThat(publisher.publish(List.of(later), windowMs).await())
        .as("the window ended without repeats: a new first alert")
        .containsExactly(new Outcome(Outcome.Kind.APPENDED, null));
  }

  @Test
  void one_call_decides_repeats_of_its_own_alerts_and_batches_past_the_read_chunk() {
    AlertPublisher publisher = new AlertPublisher(kit.rt.redis(), kit.rt.keys(), 600);
    String key = UUID.randomUUID().toString().replace("-", "");
    Alert a = alert("b1-" + key, key);
    List<Outcome> out =
        publisher
            .publish(List.of(a, alert("b2-" + key, key), alert("b3-" + key, key), a), 60_000)
            .await();
    assertThat(out)
        .containsExactly(
            new Outcome(Outcome.Kind.APPENDED, null),
            new Outcome(Outcome.Kind.COALESCED, a.eventId()),
            new Outcome(Outcome.Kind.COALESCED, a.eventId()),
            new Outcome(Outcome.Kind.REPEAT, null));

    List<Alert> many =
        java.util.stream.IntStream.range(0, 2_500)
            .mapToObj(i -> alert("many-" + i + "-" + key, "k" + i + key))
            .toList();
    assertThat(kinds(publisher.publish(many, 60_000).await()))
        .hasSize(2_500)
        .containsOnly(Outcome.Kind.APPENDED);
    assertThat(kinds(publisher.publish(many, 60_000).await()))
        .hasSize(2_500)
        .containsOnly(Outcome.Kind.REPEAT);
  }

  @Test
  void the_preview_reads_windows_only_once_this_publisher_has_coalesced_within_a_window_length() {
    AlertPublisher publisher = new AlertPublisher(kit.rt.redis(), kit.rt.keys(), 600);
    String key = UUID.randomUUID().toString().replace("-", "");
    Alert first = alert("p1-" + key, key);
    publisher.publish(List.of(first), 60_000).await();
    assertThat(publisher.preview(List.of(alert("p2-" + key, key)), 60_000).await())
        .as("nothing coalesced yet: every alert expected appended, no read")
        .containsExactly((String) null);
    assertThat(publisher.publish(List.of(alert("p2-" + key, key)), 60_000).await())
        .containsExactly(new Outcome(Outcome.Kind.COALESCED, first.eventId()));
    assertThat(publisher.preview(List.of(alert("p3-" + key, key)), 60_000).await())
        .as("after a coalesced publish the preview reads the window")
        .containsExactly(first.eventId());
  }

  private static Alert alert(String id, String key) {
    return new Alert(id, "{\"_event_id\":\"" + id + "\",\"message_body\":\"m\"}", id, key);
  }

  private static List<Outcome.Kind> kinds(List<Outcome> outcomes) {
    return outcomes.stream().map(Outcome::kind).toList();
  }

  /** Waits for the next second to begin, so a test's steps fall well inside their buckets. */
  private static long startOfNextSecond() throws InterruptedException {
    long next = (System.currentTimeMillis() / 1000 + 1) * 1000;
    sleepUntil(next + 20);
    return next;
  }

  private static void sleepUntil(long ms) throws InterruptedException {
    long wait = ms - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }

  private static Response send(Request r) {
    return kit.rt.redis().send(r).await();
  }

  private static long ttl(String key) {
    return send(Request.cmd(Command.TTL).arg(key)).toLong();
  }

  private static boolean exists(String key) {
    return send(Request.cmd(Command.EXISTS).arg(key)).toLong() == 1;
  }

  private static String hget(String key, String field) {
    Response r = send(Request.cmd(Command.HGET).arg(key).arg(field));
    return r == null ? null : r.toString();
  }

  private static Response score(String key, String member) {
    return send(Request.cmd(Command.ZSCORE).arg(key).arg(member));
  }
}
