package io.mutt.alerter;

import io.mutt.pipeline.routing.UnhandledSignature;
import io.mutt.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * The unhandled-event counter (docs/reference/redis-keys.md), one atomic script per event, all
 * events of a batch in one pipelined round trip. Counts per {@code
 * <UNHANDLED_PREFIX>:<hostname>:<sha1-16>} in a window fixed at the first occurrence; at the
 * threshold the counter is renamed to {@code …:triggered} and the script answers 1 (raise a
 * meta-alert). The id of the triggering event is kept beside it ({@code …:trigger}, same TTL) so
 * that a redelivery of that event after a failed alert append raises the meta-alert again instead
 * of losing it; the alert append deduplicates it (ADR 0003).
 */
final class UnhandledCounter {

  /** KEYS: counter, triggered, trigger-event; ARGV: threshold, expiry seconds, event id. */
  static final LuaScript COUNT =
      new LuaScript(
          """
      if redis.call('EXISTS', KEYS[2]) == 1 then
        if redis.call('GET', KEYS[3]) == ARGV[3] then return 1 end
        return 0
      end
      local c = redis.call('INCR', KEYS[1])
      if c == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
      if c == tonumber(ARGV[1]) then
        redis.call('RENAME', KEYS[1], KEYS[2])
        redis.call('EXPIRE', KEYS[2], ARGV[2])
        redis.call('SET', KEYS[3], ARGV[3], 'EX', ARGV[2])
        return 1
      end
      return 0
      """);

  /** One unhandled event to count. */
  record Sighting(String hostname, String message, String eventId) {}

  private final Redis redis;
  private final java.util.function.Function<String, String> prefix;

  UnhandledCounter(Redis redis, String prefix) {
    this(redis, host -> prefix);
  }

  /**
   * Counters under the prefix of each sighting's hostname (with several stream partitions the
   * host's partition tag, so a counter and its companions share one slot; ADR 0031).
   */
  UnhandledCounter(Redis redis, java.util.function.Function<String, String> prefixOfHost) {
    this.redis = redis;
    this.prefix = prefixOfHost;
  }

  /**
   * For each sighting, in order: whether it raises a meta-alert. One pipelined batch per counter
   * prefix (one with a single partition; per host partition otherwise, so each batch goes to the
   * one node of its slot on a Redis Cluster).
   */
  Future<List<Boolean>> count(List<Sighting> sightings, long threshold, long expirySeconds) {
    String n = Long.toString(threshold);
    String e = Long.toString(expirySeconds);
    java.util.Map<String, List<Integer>> byPrefix = new java.util.LinkedHashMap<>();
    List<Request> calls = new ArrayList<>(sightings.size());
    for (int i = 0; i < sightings.size(); i++) {
      Sighting s = sightings.get(i);
      String p = prefix.apply(s.hostname());
      String k = UnhandledSignature.counterKey(p, s.hostname(), s.message());
      calls.add(
          COUNT.call(List.of(k, k + ":triggered", k + ":trigger"), List.of(n, e, s.eventId())));
      byPrefix.computeIfAbsent(p, x -> new ArrayList<>()).add(i);
    }
    Boolean[] out = new Boolean[sightings.size()];
    List<Future<Void>> batches = new ArrayList<>();
    byPrefix
        .values()
        .forEach(
            positions ->
                batches.add(
                    COUNT
                        .batch(redis, positions.stream().map(calls::get).toList())
                        .map(
                            rs -> {
                              for (int j = 0; j < positions.size(); j++) {
                                Response r = rs.get(j);
                                out[positions.get(j)] = r != null && r.toLong() == 1L;
                              }
                              return null;
                            })));
    return Future.all(batches).map(v -> java.util.Arrays.asList(out));
  }
}
