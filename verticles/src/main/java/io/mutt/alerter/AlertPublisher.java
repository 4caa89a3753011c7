package io.mutt.alerter;

import io.mutt.contract.StreamFields;
import io.mutt.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends alerts (docs/reference/moogsoft-payload.md) to the alert stream at most once per event
 * (ADR 0003): one script call per batch marks each alert's id as seen ({@code SET <seen key> 1 NX
 * EX ttl}) and appends it ({@code XADD}) only when the mark is new, atomically. The seen keys carry
 * the alert stream's name as a hash tag, so every key of the call lives in one Redis Cluster slot.
 */
final class AlertPublisher {

  /**
   * KEYS[1] = alert stream, KEYS[2..] = seen keys; ARGV[1] = ttl seconds, ARGV[2..] = alert JSON.
   */
  static final LuaScript APPEND_ONCE =
      new LuaScript(
          """
      local added = {}
      for i = 2, #KEYS do
        if redis.call('SET', KEYS[i], '1', 'NX', 'EX', ARGV[1]) then
          redis.call('XADD', KEYS[1], '*', '%s', ARGV[i])
          added[i - 1] = 1
        else
          added[i - 1] = 0
        end
      end
      return added
      """
              .formatted(StreamFields.PAYLOAD));

  /** One alert to append, with the id that identifies it across redeliveries. */
  record Alert(String dedupeId, String json) {}

  private final Redis redis;
  private final String streamKey;
  private final String seenPrefix;
  private final long ttlSeconds;

  AlertPublisher(Redis redis, String streamKey, long ttlSeconds) {
    this.redis = redis;
    this.streamKey = streamKey;
    this.seenPrefix = seenPrefix(streamKey);
    this.ttlSeconds = ttlSeconds;
  }

  /**
   * {@code {<stream>}:seen:} — or {@code <stream>:seen:} when the stream name already holds a hash
   * tag.
   */
  static String seenPrefix(String streamKey) {
    int open = streamKey.indexOf('{');
    boolean tagged = open >= 0 && streamKey.indexOf('}', open + 2) > open + 1;
    return tagged ? streamKey + ":seen:" : "{" + streamKey + "}:seen:";
  }

  String seenKey(String dedupeId) {
    return seenPrefix + dedupeId;
  }

  /**
   * Completes with one flag per alert, in order: true when this call appended it, false when an
   * earlier delivery of the same event already had.
   */
  Future<List<Boolean>> publish(List<Alert> alerts) {
    if (alerts.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<String> keys = new ArrayList<>(alerts.size() + 1);
    List<String> args = new ArrayList<>(alerts.size() + 1);
    keys.add(streamKey);
    args.add(Long.toString(ttlSeconds));
    for (Alert a : alerts) {
      keys.add(seenKey(a.dedupeId()));
      args.add(a.json());
    }
    return APPEND_ONCE
        .run(redis, keys, args)
        .map(
            r -> {
              List<Boolean> out = new ArrayList<>(alerts.size());
              for (int i = 0; i < alerts.size(); i++) {
                out.add(r != null && i < r.size() && r.get(i).toInteger() == 1);
              }
              return out;
            });
  }
}
