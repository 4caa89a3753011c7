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
 * <p>Each alert's seen mark records the decision taken for its event: {@code a} (appended) or
 * {@code c<first event id>} (coalesced into the alert of that event). A redelivered event finds its
 * mark and gets the same decision back, so it is neither appended nor counted twice. Marks are
 * fields of one hash per time bucket of half {@code ALERTER_DEDUPE_TTL} ({@link
 * #seenBucketSeconds}): a fresh event's mark is looked for in the two earlier buckets and claimed
 * in the current one, and a bucket expires three bucket lengths after it began, so a mark is found
 * for at least the TTL. A hash field per event costs Redis about a third of the CPU and half the
 * memory of a key with a TTL of its own (docs/PERFORMANCE.md).
 *
 * <p>An alert with a coalescing key is appended only when no window is open for its key; opening
 * one writes one hash field ({@link CoalescingWindows}), so the first alert of a key — the common
 * case outside a storm — costs one small write more than an uncoalesced one. Inside an open window
 * the alert is counted instead in the window's repeat hash ({@code n}, {@code total}, {@code last},
 * {@code last_ms}); the window then moves to a key of its own that no longer expires and is put on
 * the due set, where the forwarder's {@code CoalesceFlusher} finds it at its end and appends one
 * update. All keys carry the alert stream's hash tag, so the call touches one Redis Cluster slot
 * (docs/reference/redis-keys.md).
 */
final class AlertPublisher {

  /** The keys before the per-alert ones: see {@link #PUBLISH}. */
  private static final int FIXED_KEYS = 7;

  /**
   * Lua shared by {@link #PUBLISH} and {@link #PREVIEW}: {@code coalescing_keys(first, n, window)}
   * answers the coalescing keys among the {@code n} per-alert keys after KEYS[first] (a key equal
   * to the stream, KEYS[1], marks an alert that is never coalesced; none while the window is 0)
   * and, per alert position, its index in that list; {@code put_all(hash, fields, expire, at)}
   * writes field/value pairs into a hash and sets its expiry with {@code expire} ({@code EXPIREAT}
   * or {@code PEXPIREAT}) at {@code at}.
   */
  private static final String SCRIPT_FUNCTIONS =
      CoalescingWindows.LUA_FUNCTIONS
          + """
      local function coalescing_keys(first, n, window)
        local ckeys, slot = {}, {}
        if window > 0 then
          for i = 1, n do
            local ckey = KEYS[first + i]
            if ckey ~= KEYS[1] then
              ckeys[#ckeys + 1] = ckey
              slot[i] = #ckeys
            end
          end
        end
        return ckeys, slot
      end
      local function put_all(hash, fields, expire, at)
        for from = 1, #fields, 2000 do
          redis.call('HSET', hash, unpack(fields, from, math.min(#fields, from + 1999)))
        end
        if #fields > 0 then
          redis.call(expire, hash, at)
        end
      end
      """;

  /**
   * KEYS[1] = alert stream, KEYS[2] = due set, KEYS[3..5] = seen buckets (current, previous, the
   * one before), KEYS[6..7] = open-window hashes (current, previous), then per alert its coalescing
   * key, or the stream again when it has none (it is then appended, never coalesced); ARGV[1] =
   * when the current seen bucket expires (unix s), ARGV[2] = now ms, ARGV[3] = window ms, ARGV[4] =
   * when the current open-window hash expires (unix ms), then per alert its JSON, its dedupe id and
   * its event id.
   *
   * <p>Seen marks and windows are read for the whole batch first (a few {@code HMGET}/{@code MGET})
   * and written at the end (one {@code HSET} each), with the call's own decisions kept in between,
   * so an alert that opens a window makes no Redis call of its own beyond its {@code XADD}. A
   * window key of an earlier build's format (a hash) is not coalesced into: the alert is appended
   * and the old window is left to the flusher or its expiry.
   */
  static final LuaScript PUBLISH =
      new LuaScript(
          """
      %1$s
      local now = tonumber(ARGV[2])
      local window = tonumber(ARGV[3])
      local window_end = string.format('%%d', now + window)
      local n = #KEYS - %2$d
      local marks = {}
      for i = 1, n do
        marks[i] = ARGV[3 + 3 * i]
      end
      local ckeys, slot = coalescing_keys(%2$d, n, window)
      -- a mark is looked for in the current bucket and the two before it
      local seen = {batch_get('HMGET', KEYS[3], marks), batch_get('HMGET', KEYS[4], marks),
        batch_get('HMGET', KEYS[5], marks)}
      local found = open_windows(ckeys, KEYS[6], KEYS[7], now)
      -- windows: per key a found or moved window {first_ms, end_ms, first, own}, or the first
      -- event id of a window this call opened
      local decided, windows, new_marks, new_windows, out = {}, {}, {}, {}, {}
      for i = 1, n do
        local mark = marks[i]
        local earlier = decided[mark] or seen[1][i] or seen[2][i] or seen[3][i]
        if earlier then
          out[i] = 'r' .. earlier
        else
          local json = ARGV[2 + 3 * i]
          local decision = 'a'
          if slot[i] then
            local ckey = KEYS[%2$d + i]
            local w = windows[ckey]
            if w == nil then
              w = found[slot[i]]
            end
            if not w then
              local id = ARGV[4 + 3 * i]
              windows[ckey] = id
              new_windows[#new_windows + 1] = ckey
              new_windows[#new_windows + 1] = window_value(ARGV[2], window_end, id)
            else
              if type(w) == 'string' then
                w = {ARGV[2], window_end, w, false}
              end
              if not w[4] and redis.call('TYPE', ckey)['ok'] ~= 'hash' then
                -- the window's first repeat: it moves to a key of its own, kept until flushed
                redis.call('SET', ckey, window_value(w[1], w[2], w[3]))
                w[4] = true
              end
              if w[4] then
                local repeats = ckey .. '%3$s'
                local pending = redis.call('HINCRBY', repeats, 'n', 1)
                redis.call('HINCRBY', repeats, 'total', 1)
                redis.call('HSET', repeats, 'last', json, 'last_ms', ARGV[2])
                if pending == 1 then
                  redis.call('PERSIST', ckey)
                  redis.call('PERSIST', repeats)
                  redis.call('ZADD', KEYS[2], w[2], ckey)
                end
                decision = 'c' .. w[3]
              end
              windows[ckey] = w
            end
          end
          if decision == 'a' then
            redis.call('XADD', KEYS[1], '*', '%4$s', json)
          end
          decided[mark] = decision
          new_marks[#new_marks + 1] = mark
          new_marks[#new_marks + 1] = decision
          out[i] = decision
        end
      end
      put_all(KEYS[3], new_marks, 'EXPIREAT', ARGV[1])
      put_all(KEYS[6], new_windows, 'PEXPIREAT', ARGV[4])
      return out
      """
              .formatted(
                  SCRIPT_FUNCTIONS,
                  FIXED_KEYS,
                  CoalescingWindows.REPEATS_SUFFIX,
                  StreamFields.PAYLOAD));

  /**
   * The decision {@link #PUBLISH} would take for each alert, without taking it: KEYS and ARGV as
   * there (the JSON and the seen buckets are not read). Answers per alert {@code a} or {@code
   * c<id>}; alerts of one call that share a key and find no window are decided as the publish will:
   * the first opens it, the others fold into it. Seen marks are not read: a redelivered event's
   * audit row exists already and is not written again (ADR 0003), and the publish's answer corrects
   * the rest.
   */
  static final LuaScript PREVIEW =
      new LuaScript(
          """
      %1$s
      local now = tonumber(ARGV[2])
      local window = tonumber(ARGV[3])
      local n = #KEYS - %2$d
      local ckeys, slot = coalescing_keys(%2$d, n, window)
      local found = open_windows(ckeys, KEYS[6], KEYS[7], now)
      local opened, out = {}, {}
      for i = 1, n do
        out[i] = 'a'
        if slot[i] then
          local ckey = KEYS[%2$d + i]
          local first = opened[ckey] or (found[slot[i]] and found[slot[i]][3])
          if first then
            out[i] = 'c' .. first
          else
            opened[ckey] = ARGV[4 + 3 * i]
          end
        end
      end
      return out
      """
              .formatted(SCRIPT_FUNCTIONS, FIXED_KEYS));

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
  private final long seenBucketSeconds;

  /** When a publish of this publisher last coalesced an alert (ms); see {@link #preview}. */
  private volatile long lastCoalescedMs = Long.MIN_VALUE / 2;

  /**
   * @param ttlSeconds how long a seen mark is found at least ({@code ALERTER_DEDUPE_TTL})
   */
  AlertPublisher(Redis redis, RedisKeys keys, long ttlSeconds) {
    this.redis = redis;
    this.keys = keys;
    this.seenBucketSeconds = seenBucketSeconds(ttlSeconds);
  }

  /** Half the TTL, rounded up: a mark is looked for in its bucket and the two after it. */
  static long seenBucketSeconds(long ttlSeconds) {
    return Math.max(1, (ttlSeconds + 1) / 2);
  }

  /**
   * Completes with, per alert in order, the event it would be coalesced into if published now
   * (null: appended). The audit rows are written with this before the alerts are published; {@link
   * #publish} then tells what really happened (a window may close or open in between).
   *
   * <p>While this publisher has coalesced nothing for a whole window length — traffic without
   * repeats — nothing is read and every alert is expected to be appended: a repeat that arrives
   * then is corrected from the publish's answer (one audit {@code UPDATE}) and turns previewing on
   * again for a window length.
   */
  Future<List<String>> preview(List<Alert> alerts, long windowMs) {
    if (windowMs <= 0
        || System.currentTimeMillis() - lastCoalescedMs > windowMs
        || alerts.stream().allMatch(a -> a.coalescingKey() == null)) {
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
    return perPartition(alerts, PUBLISH, windowMs, true)
        .onSuccess(
            out -> {
              if (out.stream().anyMatch(o -> o.kind() == Outcome.Kind.COALESCED)) {
                lastCoalescedMs = System.currentTimeMillis();
              }
            });
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
    long now = System.currentTimeMillis();
    List<Future<Void>> calls = new ArrayList<>();
    byPartition.forEach(
        (p, positions) -> {
          List<Alert> part = new ArrayList<>(positions.size());
          positions.forEach(i -> part.add(alerts.get(i)));
          RedisKeys.AlertSlot slot = keys.alertPartitions.get(p);
          calls.add(
              script
                  .run(
                      redis,
                      keyList(slot, part, now, windowMs),
                      args(part, now, windowMs, withJson))
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

  private List<String> keyList(
      RedisKeys.AlertSlot slot, List<Alert> alerts, long now, long windowMs) {
    List<String> out = new ArrayList<>(alerts.size() + FIXED_KEYS);
    out.add(slot.stream());
    out.add(slot.coalesceDue());
    long seen = now / 1000 / seenBucketSeconds;
    out.add(slot.seenBucket(seenBucketSeconds, seen));
    out.add(slot.seenBucket(seenBucketSeconds, seen - 1));
    out.add(slot.seenBucket(seenBucketSeconds, seen - 2));
    long open = windowMs > 0 ? now / windowMs : 0;
    out.add(slot.openWindows(windowMs, open));
    out.add(slot.openWindows(windowMs, open - 1));
    for (Alert a : alerts) {
      out.add(
          a.coalescingKey() == null ? slot.stream() : slot.coalescePrefix() + a.coalescingKey());
    }
    return out;
  }

  private List<String> args(List<Alert> alerts, long now, long windowMs, boolean withJson) {
    List<String> out = new ArrayList<>(3 * alerts.size() + 4);
    long seen = now / 1000 / seenBucketSeconds;
    out.add(Long.toString((seen + 3) * seenBucketSeconds));
    out.add(Long.toString(now));
    long window = Math.max(0, windowMs);
    out.add(Long.toString(window));
    // every window opened in this window length has ended two lengths after it began
    out.add(Long.toString(window > 0 ? (now / window + 2) * window + 1000 : now + 1000));
    for (Alert a : alerts) {
      out.add(withJson ? a.json() : "");
      out.add(a.dedupeId());
      out.add(a.eventId());
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
