package io.mutt.alerter;

import io.mutt.contract.CoalescingWindows;
import io.mutt.contract.RedisKeys;
import io.mutt.contract.StreamFields;
import io.mutt.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends alerts to the alert stream at most once per event (ADR 0003) and folds repeats into
 * coalescing windows (ADR 0016), in one script call per batch, atomically.
 *
 * <p>Each alert's "seen" key records the decision taken for its event: {@code a} (appended) or
 * {@code c<first event id>} (coalesced into the alert of that event). A redelivered event finds its
 * mark and gets the same decision back, so it is neither appended nor counted twice.
 *
 * <p>An alert with a coalescing key is appended only when no window is open for its key; opening
 * one is a single {@code SET … PX window NX} ({@link CoalescingWindows}), so the first alert of a
 * key — the common case outside a storm — costs one small write more than an uncoalesced one.
 * Inside an open window the alert is counted instead in the window's repeat hash ({@code n}, {@code
 * total}, {@code last}, {@code last_ms}); the window then no longer expires and is put on the due
 * set, where the forwarder's {@code CoalesceFlusher} finds it at its end and appends one update.
 * All keys carry the alert stream's hash tag, so the call touches one Redis Cluster slot
 * (docs/reference/redis-keys.md).
 */
final class AlertPublisher {

  /**
   * KEYS[1] = alert stream, KEYS[2] = due set, then per alert its seen key and its coalescing key
   * (the seen key again when it has none); ARGV[1] = seen ttl s, ARGV[2] = now ms, ARGV[3] = window
   * ms, then per alert its JSON, its event id and its mode ({@code c} coalesce, {@code a} append).
   * A window key of an earlier build's format (a hash) is not coalesced into: the alert is appended
   * and the old window is left to the flusher or its expiry.
   */
  static final LuaScript PUBLISH =
      new LuaScript(
          """
      %s
      local out = {}
      local now = tonumber(ARGV[2])
      local window = tonumber(ARGV[3])
      local window_end = string.format('%%d', now + window)
      for i = 1, (#KEYS - 2) / 2 do
        local seen, ckey = KEYS[1 + 2 * i], KEYS[2 + 2 * i]
        local json, id, mode = ARGV[1 + 3 * i], ARGV[2 + 3 * i], ARGV[3 + 3 * i]
        -- the seen mark is claimed as "appended" first: one write for a fresh event, a read only for
        -- a redelivered one, and a second write only when the alert is folded into a window
        if not redis.call('SET', seen, 'a', 'NX', 'EX', ARGV[1]) then
          out[i] = 'r' .. (redis.call('GET', seen) or 'a')
        else
          local decision = 'a'
          if mode == 'c' and window > 0
              and not redis.call('SET', ckey, window_value(ARGV[2], window_end, id), 'PX', window, 'NX') then
            local _, _, wend, first = read_window(ckey)
            if first then
              local repeats = ckey .. '%s'
              local pending = redis.call('HINCRBY', repeats, 'n', 1)
              redis.call('HINCRBY', repeats, 'total', 1)
              redis.call('HSET', repeats, 'last', json, 'last_ms', ARGV[2])
              if pending == 1 then
                redis.call('PERSIST', ckey)
                redis.call('PERSIST', repeats)
                redis.call('ZADD', KEYS[2], wend, ckey)
              end
              decision = 'c' .. first
            end
          end
          if decision == 'a' then
            redis.call('XADD', KEYS[1], '*', '%s', json)
          else
            redis.call('SET', seen, decision, 'EX', ARGV[1])
          end
          out[i] = decision
        end
      end
      return out
      """
              .formatted(
                  CoalescingWindows.LUA_FUNCTIONS,
                  CoalescingWindows.REPEATS_SUFFIX,
                  StreamFields.PAYLOAD));

  /**
   * The decision {@link #PUBLISH} would take for each alert, without taking it: KEYS and ARGV as
   * there (ARGV[2] and the JSON are not read). Answers per alert {@code a} or {@code c<id>}; alerts
   * of one call that share a key and find no window are decided as the publish will: the first
   * opens it, the others fold into it. Seen marks are not read: a redelivered event's audit row
   * exists already and is not written again (ADR 0003), and the publish's answer corrects the rest.
   */
  static final LuaScript PREVIEW =
      new LuaScript(
          """
      %s
      local out = {}
      local window = tonumber(ARGV[3])
      local opened = {}
      for i = 1, (#KEYS - 2) / 2 do
        local ckey = KEYS[2 + 2 * i]
        local id, mode = ARGV[2 + 3 * i], ARGV[3 + 3 * i]
        if mode == 'c' and window > 0 then
          local first = opened[ckey]
          if not first then
            first = select(4, read_window(ckey))
          end
          if first then
            out[i] = 'c' .. first
          else
            opened[ckey] = id
            out[i] = 'a'
          end
        else
          out[i] = 'a'
        end
      end
      return out
      """
              .formatted(CoalescingWindows.LUA_FUNCTIONS));

  /**
   * One alert to publish.
   *
   * @param dedupeId identifies it across redeliveries
   * @param json the alert
   * @param eventId the event it was raised for (a window opened by it names it as its first)
   * @param coalescingKey its key, or null to always append it (meta-alerts)
   */
  record Alert(
      String dedupeId, String json, String eventId, String coalescingKey, String hostname) {

    /** An alert of an event without a known hostname (partition 0). */
    Alert(String dedupeId, String json, String eventId, String coalescingKey) {
      this(dedupeId, json, eventId, coalescingKey, null);
    }
  }

  /** What became of one alert. */
  record Outcome(Kind kind, String coalescedInto) {

    enum Kind {
      /** appended by this call */
      APPENDED,
      /** counted into an open window by this call */
      COALESCED,
      /** decided by an earlier delivery of the same event (appended or coalesced then) */
      REPEAT
    }

    /**
     * The decision a script answer encodes: {@code a}, {@code c<id>}, or either behind {@code r}.
     */
    static Outcome parse(String answer) {
      boolean repeat = answer.startsWith("r");
      String decision = repeat ? answer.substring(1) : answer;
      String into = decision.startsWith("c") ? decision.substring(1) : null;
      if (repeat) {
        return new Outcome(Kind.REPEAT, into);
      }
      return new Outcome(into == null ? Kind.APPENDED : Kind.COALESCED, into);
    }
  }

  private final Redis redis;
  private final RedisKeys keys;
  private final long ttlSeconds;

  AlertPublisher(Redis redis, RedisKeys keys, long ttlSeconds) {
    this.redis = redis;
    this.keys = keys;
    this.ttlSeconds = ttlSeconds;
  }

  String seenKey(String dedupeId) {
    return keys.alertSeenPrefix + dedupeId;
  }

  private static String seenKey(RedisKeys.AlertSlot slot, String dedupeId) {
    return slot.seenPrefix() + dedupeId;
  }

  /**
   * Completes with, per alert in order, the event it would be coalesced into if published now
   * (null: appended). The audit rows are written with this before the alerts are published; {@link
   * #publish} then tells what really happened (a window may close or open in between).
   */
  Future<List<String>> preview(List<Alert> alerts, long windowMs) {
    if (windowMs <= 0 || alerts.stream().allMatch(a -> a.coalescingKey() == null)) {
      return Future.succeededFuture(java.util.Collections.nCopies(alerts.size(), null));
    }
    return perPartition(alerts, PREVIEW, windowMs, false)
        .map(out -> out.stream().map(Outcome::coalescedInto).toList());
  }

  /**
   * Completes with one outcome per alert, in order.
   *
   * @param windowMs the coalescing window now; 0 appends every alert
   */
  Future<List<Outcome>> publish(List<Alert> alerts, long windowMs) {
    if (alerts.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return perPartition(alerts, PUBLISH, windowMs, true);
  }

  /**
   * One script call per alert-stream partition the alerts fall in (ADR 0031; one partition = one
   * call), each touching that partition's slot only; the outcomes come back in the alerts' order.
   */
  private Future<List<Outcome>> perPartition(
      List<Alert> alerts, LuaScript script, long windowMs, boolean withJson) {
    java.util.Map<Integer, List<Integer>> byPartition = new java.util.TreeMap<>();
    for (int i = 0; i < alerts.size(); i++) {
      byPartition
          .computeIfAbsent(keys.partitions.of(alerts.get(i).hostname()), k -> new ArrayList<>())
          .add(i);
    }
    Outcome[] out = new Outcome[alerts.size()];
    List<Future<Void>> calls = new ArrayList<>();
    byPartition.forEach(
        (p, positions) -> {
          List<Alert> part = new ArrayList<>(positions.size());
          positions.forEach(i -> part.add(alerts.get(i)));
          RedisKeys.AlertSlot slot = keys.alertPartitions.get(p);
          calls.add(
              script
                  .run(redis, keyList(slot, part), args(part, windowMs, withJson))
                  .map(
                      r -> {
                        List<Outcome> got = outcomes(r, part.size());
                        for (int j = 0; j < positions.size(); j++) {
                          out[positions.get(j)] = got.get(j);
                        }
                        return null;
                      }));
        });
    return Future.all(calls).map(v -> java.util.Arrays.asList(out));
  }

  private static List<String> keyList(RedisKeys.AlertSlot slot, List<Alert> alerts) {
    List<String> out = new ArrayList<>(2 * alerts.size() + 2);
    out.add(slot.stream());
    out.add(slot.coalesceDue());
    for (Alert a : alerts) {
      String seen = seenKey(slot, a.dedupeId());
      out.add(seen);
      out.add(a.coalescingKey() == null ? seen : slot.coalescePrefix() + a.coalescingKey());
    }
    return out;
  }

  private List<String> args(List<Alert> alerts, long windowMs, boolean withJson) {
    List<String> out = new ArrayList<>(3 * alerts.size() + 3);
    out.add(Long.toString(ttlSeconds));
    out.add(Long.toString(System.currentTimeMillis()));
    out.add(Long.toString(Math.max(0, windowMs)));
    for (Alert a : alerts) {
      out.add(withJson ? a.json() : "");
      out.add(a.eventId());
      out.add(a.coalescingKey() == null ? "a" : "c");
    }
    return out;
  }

  private static List<Outcome> outcomes(Response r, int n) {
    if (r == null || r.size() != n) {
      throw new IllegalStateException(
          "publish script answered " + (r == null ? 0 : r.size()) + " outcomes for " + n);
    }
    List<Outcome> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Outcome.parse(r.get(i).toString()));
    }
    return out;
  }
}
