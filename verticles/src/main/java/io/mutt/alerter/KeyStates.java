package io.mutt.alerter;

import io.mutt.contract.RedisKeys;
import io.mutt.pipeline.clearing.FlapPolicy;
import io.mutt.pipeline.clearing.FlapSettings;
import io.mutt.pipeline.clearing.KeyState;
import io.mutt.pipeline.routing.UnhandledSignature;
import io.mutt.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The clearing and flapping state of every key, in Redis, shared by all alerters (ADR 0038). Each
 * key is one hash: {@code v} (a version) and {@code j} (the stored JSON: the {@link KeyState}, and
 * the rule, host, key and limits it was last decided with). A decision reads the hash, asks {@link
 * FlapPolicy} in plain Java and writes the next state only if the version is unchanged
 * (compare-and-set script); when another alerter got there first the key's events are decided again
 * on the new state. A flapping key is kept on {@link RedisKeys#flapSettle}, scored by when it
 * counts as stable, for {@link FlapSettler}.
 */
final class KeyStates {

  /**
   * KEYS[1] = state hash, KEYS[2] = settle set; ARGV[1] = expected version ("0": none), ARGV[2] =
   * JSON, ARGV[3] = ttl ms, ARGV[4] = settle score ("" to remove), ARGV[5] = member. Answers 1 when
   * written, 0 when the version had moved.
   */
  static final LuaScript CAS =
      new LuaScript(
          """
      local v = redis.call('HGET', KEYS[1], 'v') or '0'
      if v ~= ARGV[1] then return 0 end
      redis.call('HSET', KEYS[1], 'v', tostring(tonumber(v) + 1), 'j', ARGV[2])
      redis.call('PEXPIRE', KEYS[1], ARGV[3])
      if ARGV[4] == '' then
        redis.call('ZREM', KEYS[2], ARGV[5])
      else
        redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5])
      end
      return 1
      """);

  /** Attempts per key before its events are left pending for redelivery. */
  private static final int ATTEMPTS = 8;

  /**
   * One event of a rule with a clearing pattern.
   *
   * @param alert the alert the event sends when forwarded as it is (kept while flapping)
   */
  record Pending(
      int ruleId,
      String hostname,
      String key,
      boolean clear,
      String eventId,
      String eventTime,
      String alert,
      FlapSettings limits) {}

  /** A stored key: its version, its state and what it was decided with. */
  record Stored(String version, KeyState state, JsonObject meta) {

    FlapSettings limits() {
      return new FlapSettings(
          meta.getInteger("flap_threshold", 0),
          meta.getInteger("flap_window_minutes", 1),
          meta.getInteger("flap_stable_minutes", 1));
    }
  }

  private final Redis redis;
  private final RedisKeys keys;
  private final long ttlMs;

  KeyStates(Redis redis, RedisKeys keys, long ttlMs) {
    this.redis = redis;
    this.keys = keys;
    this.ttlMs = ttlMs;
  }

  /** The hash of a key: {@code <flapState><rule id>:<hostname>:<sha1-16 of the captured key>}. */
  String keyOf(int ruleId, String hostname, String key) {
    return keys.flapState + ruleId + ":" + hostname + ":" + UnhandledSignature.of(key);
  }

  /**
   * Decides the events in order (events of one key one after the other); completes with one step
   * per event. Fails when a key could not be written (Redis down, or contended {@value #ATTEMPTS}
   * times); then no event is to be acknowledged.
   */
  Future<List<FlapPolicy.Step>> apply(List<Pending> events, long nowMs) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      Pending p = events.get(i);
      groups
          .computeIfAbsent(keyOf(p.ruleId(), p.hostname(), p.key()), k -> new ArrayList<>())
          .add(i);
    }
    FlapPolicy.Step[] out = new FlapPolicy.Step[events.size()];
    List<Future<Void>> all = new ArrayList<>(groups.size());
    groups.forEach((key, idx) -> all.add(applyGroup(key, idx, events, nowMs, out, 1)));
    return Future.all(all).map(v -> List.of(out));
  }

  private Future<Void> applyGroup(
      String key,
      List<Integer> idx,
      List<Pending> events,
      long nowMs,
      FlapPolicy.Step[] out,
      int attempt) {
    return read(key)
        .compose(
            stored -> {
              KeyState state = stored.state();
              boolean write = false;
              FlapPolicy.Step[] steps = new FlapPolicy.Step[idx.size()];
              for (int i = 0; i < idx.size(); i++) {
                Pending p = events.get(idx.get(i));
                FlapPolicy.Step step =
                    FlapPolicy.apply(
                        state, p.clear(), p.eventId(), p.eventTime(), p.alert(), nowMs, p.limits());
                steps[i] = step;
                state = step.next();
                write |= step.write();
              }
              if (!write) {
                fill(out, idx, steps);
                return Future.succeededFuture();
              }
              Pending last = events.get(idx.get(idx.size() - 1));
              return write(key, stored.version(), state, meta(last), last.limits())
                  .compose(
                      written -> {
                        if (written) {
                          fill(out, idx, steps);
                          return Future.succeededFuture();
                        }
                        if (attempt >= ATTEMPTS) {
                          return Future.failedFuture(
                              "clearing state of " + key + " contended " + attempt + " times");
                        }
                        return applyGroup(key, idx, events, nowMs, out, attempt + 1);
                      });
            });
  }

  private static void fill(FlapPolicy.Step[] out, List<Integer> idx, FlapPolicy.Step[] steps) {
    for (int i = 0; i < idx.size(); i++) {
      out[idx.get(i)] = steps[i];
    }
  }

  private static JsonObject meta(Pending p) {
    return new JsonObject()
        .put("rule_id", p.ruleId())
        .put("hostname", p.hostname())
        .put("key", p.key())
        .put("flap_threshold", p.limits().threshold())
        .put("flap_window_minutes", p.limits().windowMinutes())
        .put("flap_stable_minutes", p.limits().stableMinutes());
  }

  /** The stored key (version "0" and {@link KeyState#NEW} when absent). */
  Future<Stored> read(String key) {
    return redis
        .send(Request.cmd(Command.HMGET).arg(key).arg("v").arg("j"))
        .map(
            r -> {
              Response v = r == null ? null : r.get(0);
              Response j = r == null ? null : r.get(1);
              if (v == null || j == null) {
                return new Stored("0", KeyState.NEW, new JsonObject());
              }
              JsonObject stored = new JsonObject(j.toString());
              return new Stored(
                  v.toString(),
                  KeyState.fromMap(stored.getJsonObject("state").getMap()),
                  stored.copy().put("state", (Object) null));
            });
  }

  /**
   * Writes the next state if the key is still at {@code version}; completes with whether it was
   * written.
   */
  Future<Boolean> write(
      String key, String version, KeyState next, JsonObject meta, FlapSettings limits) {
    JsonObject json = meta.copy().put("state", new JsonObject(next.toMap()));
    String settle = next.flapping() ? Long.toString(next.stableAtMs(limits)) : "";
    return CAS.run(
            redis,
            List.of(key, keys.flapSettle),
            List.of(version, json.encode(), Long.toString(ttlMs), settle, key))
        .map(r -> r != null && r.toLong() == 1L);
  }
}
