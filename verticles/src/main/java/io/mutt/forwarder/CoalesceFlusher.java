package io.mutt.forwarder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mutt.contract.CoalescingWindows;
import io.mutt.contract.RedisKeys;
import io.mutt.contract.StreamFields;
import io.mutt.redis.LuaScript;
import io.mutt.runtime.CoalescingWindow;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes coalescing windows (ADR 0016): every {@code ALERT_COALESCE_FLUSH_MS} it takes the windows
 * whose end has passed and that hold repeats, and for each appends one update to the alert stream —
 * the window's latest alert with {@code _coalesced} (how many repeats, the total since the first
 * alert, the first event, first and last times, the latest description) — then starts the key's
 * next window. Take, append and reset are one script, so an update is never lost or doubled
 * whatever dies when, and any number of forwarders may run it at once. The update then goes the way
 * of every alert: rate limit, retries, circuit breaker, DLQ.
 */
public final class CoalesceFlusher extends VerticleBase {

  /** Windows closed per script call; the call is repeated while a full batch was due. */
  static final int BATCH = 200;

  private static final Logger LOG = LoggerFactory.getLogger(CoalesceFlusher.class);

  /**
   * KEYS[1] = due set, KEYS[2] = alert stream, KEYS[3] = cluster-wide folded-repeats counter;
   * ARGV[1] = now ms, ARGV[2] = window ms, ARGV[3] = most windows to close. Answers {updates
   * appended, repeats folded, windows taken}.
   */
  static final LuaScript FLUSH =
      new LuaScript(
          """
      %1$s
      local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
      local now = tonumber(ARGV[1])
      local window = tonumber(ARGV[2])
      local updates, folded = 0, 0
      for _, k in ipairs(due) do
        redis.call('ZREM', KEYS[1], k)
        local repeats = k .. '%2$s'
        local ok, first_ms, _, first = read_window(k)
        local h = redis.call('HMGET', repeats, 'n', 'last', 'last_ms', 'total')
        if not ok then
          -- a window of an earlier build: one hash holding the window and its repeats
          local o = redis.call('HMGET', k, 'first', 'first_ms', 'n', 'last', 'last_ms', 'total')
          first, first_ms = o[1], o[2]
          h = {o[3], o[4], o[5], o[6] and tostring(tonumber(o[6]) - 1)}
          redis.call('DEL', k)
        end
        local n = tonumber(h[1])
        local repeated = tonumber(h[4]) or n or 0
        if first and n and n > 0 and h[2] then
          local description = ''
          local decoded, alert = pcall(cjson.decode, h[2])
          if decoded and type(alert) == 'table' and type(alert['message_body']) == 'string' then
            description = alert['message_body']
          end
          local info = '{"count":' .. n .. ',"total":' .. (repeated + 1)
            .. ',"first_event_id":' .. cjson.encode(first)
            .. ',"first_seen_ms":' .. first_ms .. ',"last_seen_ms":' .. (h[3] or '0')
            .. ',"window_seconds":' .. string.format('%%d', window / 1000)
            .. ',"latest_description":' .. cjson.encode(description) .. '}'
          redis.call('XADD', KEYS[2], '*', '%3$s', '{"_coalesced":' .. info .. ',' .. string.sub(h[2], 2))
          updates = updates + 1
          folded = folded + n
        end
        if first and window > 0 then
          -- the next window; its repeat hash expires just before it, so a later window never
          -- inherits a stale count
          redis.call('SET', k, window_value(first_ms, string.format('%%d', now + window), first),
            'PX', window)
          redis.call('HDEL', repeats, 'last')
          redis.call('HSET', repeats, 'n', 0, 'total', repeated)
          redis.call('PEXPIRE', repeats, math.max(1, window - 1))
        else
          redis.call('DEL', k, repeats)
        end
      end
      if folded > 0 and KEYS[3] then
        redis.call('INCRBY', KEYS[3], folded)
      end
      return {updates, folded, #due}
      """
              .formatted(
                  CoalescingWindows.LUA_FUNCTIONS,
                  CoalescingWindows.REPEATS_SUFFIX,
                  StreamFields.PAYLOAD));

  private final Redis redis;
  private final RedisKeys keys;
  private final CoalescingWindow window;
  private final long periodMs;
  private final Counter coalesced;
  private final Counter updates;
  private boolean flushing;

  public CoalesceFlusher(
      Redis redis, RedisKeys keys, CoalescingWindow window, long periodMs, MeterRegistry registry) {
    this.redis = redis;
    this.keys = keys;
    this.window = window;
    this.periodMs = Math.max(10, periodMs);
    this.coalesced =
        Counter.builder("mutt.forwarder.coalesced")
            .description("repeated alerts folded into coalesced updates instead of being sent")
            .register(registry);
    this.updates =
        Counter.builder("mutt.forwarder.coalesced.updates")
            .description("coalesced updates appended to the alert stream at a window's end")
            .register(registry);
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(periodMs, id -> tick());
    return Future.succeededFuture();
  }

  private void tick() {
    if (flushing) {
      return;
    }
    flushing = true;
    flush().onComplete(ar -> flushing = false);
  }

  /** Closes every window due now, a batch at a time; completes with the updates appended. */
  Future<Long> flush() {
    List<Future<Long>> all = new java.util.ArrayList<>();
    for (RedisKeys.AlertSlot slot : keys.alertPartitions) {
      all.add(flush(slot));
    }
    return Future.all(all)
        .map(f -> f.<Long>list().stream().mapToLong(Long::longValue).sum())
        .onFailure(
            err -> LOG.warn("coalescing flush failed, retried next tick: {}", err.getMessage()));
  }

  /**
   * Closes the due windows of one alert-stream partition. With several partitions the script keeps
   * to the partition's slot and the cluster-wide folded count is added after it (ADR 0031).
   */
  private Future<Long> flush(RedisKeys.AlertSlot slot) {
    boolean partitioned = keys.partitions.partitioned();
    List<String> scriptKeys =
        partitioned
            ? List.of(slot.coalesceDue(), slot.stream())
            : List.of(slot.coalesceDue(), slot.stream(), keys.coalescedTotal);
    return FLUSH
        .run(redis, scriptKeys, List.of(System.currentTimeMillis(), window.ms(), BATCH))
        .compose(
            r -> {
              long sent = count(r, 0);
              long folded = count(r, 1);
              coalesced.increment(folded);
              updates.increment(sent);
              if (partitioned && folded > 0) {
                redis
                    .send(
                        io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.INCRBY)
                            .arg(keys.coalescedTotal)
                            .arg(folded))
                    .onFailure(err -> LOG.debug("folded-repeats counter: {}", err.getMessage()));
              }
              return count(r, 2) >= BATCH
                  ? flush(slot).map(more -> sent + more)
                  : Future.succeededFuture(sent);
            });
  }

  private static long count(Response r, int i) {
    return r == null || r.size() <= i ? 0 : r.get(i).toLong();
  }
}
