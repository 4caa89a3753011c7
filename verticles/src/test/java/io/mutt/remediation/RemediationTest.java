package io.mutt.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.runtime.MuttRuntime;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.StandIn;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Remediation against real Redis and the stand-in: health-gated replay, poison, single leader. */
class RemediationTest {

  static final Duration WITHIN = Duration.ofSeconds(10);
  static final Map<String, String> FAST =
      Map.of(
          "REMEDIATION_INTERVAL",
          "0.2",
          "MOOG_HEALTH_CACHE_SECONDS",
          "0",
          "MOOG_HEALTH_TIMEOUT",
          "1",
          "REMEDIATION_LEADER_LEASE",
          "1.2",
          "MAX_POISON_RETRIES",
          "3");
  @RegisterExtension final RemediationApps apps = new RemediationApps(FAST);

  @Test
  void dlq_entries_stay_while_the_probe_fails_and_are_replayed_once_it_passes() {
    MuttTestApp app = apps.start(Map.of());
    StandIn moog = apps.closeAfter(app.standIn());
    moog.faults(new JsonObject().put("mode", "status").put("status", 503));
    MuttRuntime rt = app.app.runtime();
    // a probe already on its way before the fault was switched on may still pass: wait for one that
    // failed
    Eventually.until(
        WITHIN,
        "an unhealthy probe",
        () ->
            moog.stats().getLong("faulted") >= 1
                && metric(rt, "mutt_remediation_moog_health") == 0);
    double loopsBefore = metric(rt, "mutt_remediation_loops_total");
    for (int i = 0; i < 3; i++) {
      lpush(
          rt,
          rt.keys().moogDlq,
          new JsonObject()
              .put("hostname", "h" + i)
              .put("_correlation_id", "m" + i)
              .put("_moog_retry_count", 6)
              .put("dlq_reason", "retry_exhausted")
              .put("last_status", 503)
              .put("failed_at", "2025-11-10T12:00:00Z"));
    }
    for (int i = 0; i < 2; i++) {
      lpush(
          rt,
          rt.keys().alerterDlq,
          new JsonObject()
              .put("hostname", "a" + i)
              .put("message", "x")
              .put("timestamp", "2025-11-10T12:00:00Z")
              .put("_retry_count", 4));
    }
    Eventually.until(
        WITHIN,
        "three unhealthy loops",
        () -> metric(rt, "mutt_remediation_loops_total") >= loopsBefore + 3);
    assertThat(metric(rt, "mutt_remediation_moog_health")).isZero();
    assertThat(llen(rt, rt.keys().moogDlq)).isEqualTo(3);
    assertThat(llen(rt, rt.keys().alerterDlq)).isEqualTo(2);
    assertThat(xlen(rt, rt.keys().alertQueue)).isZero();

    moog.healthy();
    Eventually.until(
        WITHIN,
        "both DLQs drained",
        () -> llen(rt, rt.keys().moogDlq) == 0 && llen(rt, rt.keys().alerterDlq) == 0);
    assertThat(metric(rt, "mutt_remediation_moog_health")).isEqualTo(1);
    List<JsonObject> alerts = stream(rt, rt.keys().alertQueue);
    assertThat(alerts)
        .extracting(a -> a.getString("_correlation_id"))
        .containsExactly("m0", "m1", "m2");
    assertThat(alerts)
        .allSatisfy(
            a -> {
              assertThat(a.getInteger("_replay_count")).isEqualTo(1);
              assertThat(a.getInteger("_moog_retry_count")).isZero();
              assertThat(a.containsKey("dlq_reason")).isFalse();
            });
    List<JsonObject> events = stream(rt, rt.keys().ingestQueue);
    assertThat(events).extracting(e -> e.getString("hostname")).containsExactly("a0", "a1");
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.getInteger("_replay_count")).isEqualTo(1);
              assertThat(e.getInteger("_retry_count")).isZero();
            });
    // the counters move in the callback after the Redis script, a moment after the lists changed
    Eventually.until(
        WITHIN,
        "5 replays counted",
        () -> metric(rt, "mutt_remediation_replay_success_total") == 5);
    assertThat(moog.stats().getLong("health_checks")).isPositive();
    assertThat(moog.stats().getLong("count")).isZero();
  }

  @Test
  void entries_replayed_max_poison_retries_times_go_to_the_dead_list_unchanged() {
    MuttTestApp app = apps.start(Map.of());
    MuttRuntime rt = app.app.runtime();
    JsonObject replayedEnough =
        new JsonObject().put("hostname", "p1").put("message", "x").put("_replay_count", 3);
    JsonObject moogExhausted =
        new JsonObject().put("hostname", "p2").put("message", "x").put("_moog_retry_count", 3);
    JsonObject moogReplayedEnough =
        new JsonObject().put("hostname", "p3").put("_correlation_id", "p3").put("_replay_count", 3);
    JsonObject fine =
        new JsonObject().put("hostname", "ok").put("message", "x").put("_replay_count", 2);
    lpush(rt, rt.keys().alerterDlq, replayedEnough);
    lpush(rt, rt.keys().alerterDlq, moogExhausted);
    lpush(rt, rt.keys().alerterDlq, fine);
    lpush(rt, rt.keys().moogDlq, moogReplayedEnough);
    Eventually.until(
        WITHIN,
        "DLQs drained",
        () -> llen(rt, rt.keys().alerterDlq) == 0 && llen(rt, rt.keys().moogDlq) == 0);
    List<String> dead = list(rt, rt.keys().deadLetters);
    assertThat(dead)
        .containsExactlyInAnyOrder(
            replayedEnough.encode(), moogExhausted.encode(), moogReplayedEnough.encode());
    assertThat(stream(rt, rt.keys().ingestQueue))
        .extracting(e -> e.getInteger("_replay_count"))
        .containsExactly(3);
    Eventually.until(
        WITHIN,
        "3 poison, 1 replay counted",
        () ->
            metric(rt, "mutt_remediation_poison_messages_total") == 3
                && metric(rt, "mutt_remediation_replay_success_total") == 1);
  }

  @Test
  void a_second_instance_stays_passive_until_the_leader_stops_and_then_takes_over() {
    MuttTestApp first = apps.start(Map.of());
    MuttRuntime rt1 = first.app.runtime();
    Eventually.until(WITHIN, "first leads", () -> metric(rt1, "mutt_remediation_leader") == 1);
    MuttTestApp second =
        apps.start(
            Map.of(
                "MUTT_KEY_PREFIX",
                first.settings.get("MUTT_KEY_PREFIX"),
                "MOOG_WEBHOOK_URL",
                first.moogUrl() + "/events"));
    MuttRuntime rt2 = second.app.runtime();
    Eventually.pause(800);
    Eventually.pause(800);
    assertThat(metric(rt2, "mutt_remediation_leader")).isZero();
    assertThat(metric(rt2, "mutt_remediation_loops_total")).isZero();
    assertThat(metric(rt1, "mutt_remediation_loops_total")).isGreaterThanOrEqualTo(3);

    apps.closeNow(first);
    long stoppedAt = System.nanoTime();
    Eventually.until(WITHIN, "second leads", () -> metric(rt2, "mutt_remediation_leader") == 1);
    Eventually.until(
        WITHIN, "second loops", () -> metric(rt2, "mutt_remediation_loops_total") >= 1);
    System.out.printf(
        "leader hand-over after a clean stop: %d ms%n",
        (System.nanoTime() - stoppedAt) / 1_000_000);
  }

  @Test
  void a_lease_left_by_a_killed_leader_is_taken_over_once_it_expires() {
    Map<String, String> redis = io.mutt.testsupport.TestServices.redis();
    String prefix = redis.get("MUTT_KEY_PREFIX");
    MuttTestApp app = apps.start(Map.of("MUTT_KEY_PREFIX", prefix));
    MuttRuntime rt = app.app.runtime();
    Eventually.until(WITHIN, "leads", () -> metric(rt, "mutt_remediation_leader") == 1);
    // simulate a kill -9: the lease now belongs to a node that will never renew or release it
    rt.redis()
        .send(
            Request.cmd(Command.SET)
                .arg(rt.keys().remediationLeader)
                .arg("killed-node")
                .arg("PX")
                .arg(1200))
        .await();
    long killedAt = System.nanoTime();
    Eventually.until(
        WITHIN,
        "renew refused, leadership dropped",
        () -> metric(rt, "mutt_remediation_leader") == 0);
    Eventually.until(
        WITHIN, "lease taken back after expiry", () -> metric(rt, "mutt_remediation_leader") == 1);
    long ms = (System.nanoTime() - killedAt) / 1_000_000;
    System.out.printf("lease of a killed leader taken over after %d ms (lease 1200 ms)%n", ms);
    assertThat(ms).isGreaterThanOrEqualTo(1000);
  }

  static void lpush(MuttRuntime rt, String key, JsonObject v) {
    rt.redis().send(Request.cmd(Command.LPUSH).arg(key).arg(v.encode())).await();
  }

  static long llen(MuttRuntime rt, String key) {
    return rt.redis().send(Request.cmd(Command.LLEN).arg(key)).await().toLong();
  }

  static long xlen(MuttRuntime rt, String key) {
    return rt.redis().send(Request.cmd(Command.XLEN).arg(key)).await().toLong();
  }

  static List<String> list(MuttRuntime rt, String key) {
    List<String> out = new ArrayList<>();
    for (Response r :
        rt.redis().send(Request.cmd(Command.LRANGE).arg(key).arg(0).arg(-1)).await()) {
      out.add(r.toString());
    }
    return out;
  }

  static List<JsonObject> stream(MuttRuntime rt, String key) {
    List<JsonObject> out = new ArrayList<>();
    Response r = rt.redis().send(Request.cmd(Command.XRANGE).arg(key).arg("-").arg("+")).await();
    for (Response e : r) {
      out.add(new JsonObject(e.get(1).get(1).toString()));
    }
    return out;
  }

  static double metric(MuttRuntime rt, String name) {
    double sum = 0;
    for (String line : rt.registry().scrape().split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }
}
