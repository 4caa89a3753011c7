package io.mutt.forwarder;

import io.mutt.redis.LuaScript;
import io.mutt.runtime.DynamicConfig;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forwarders' shared Moogsoft rate limit: a sliding-window log in the sorted set {@code
 * MOOG_RATE_LIMIT_KEY} (score in Redis-clock ms), trimmed and filled by one atomic script. A caller
 * asks for several permits at once and gets as many as the window has room for, plus how long until
 * the oldest permit leaves the window. Limit and period are the dynamic {@code moog_rate_limit} /
 * {@code moog_rate_period}, read per call. Redis errors grant everything asked for: an unreachable
 * limiter must not stop alerting.
 *
 * <p>One member per <em>grant</em>, not per permit (ADR 0011): member {@code <tag>*<n>} stands for
 * n permits, and the number of permits in the window is kept beside the set in {@code
 * <key>:permits}, adjusted as members are added and trimmed. A round of 100 sends therefore costs
 * one sorted-set write instead of 100 (at 20k alerts/s the per-permit log cost Redis ~40k
 * sorted-set writes/s). Members without {@code *} (written by other tools in the spec's {@code
 * <ms>:<suffix>} form) count one permit each; a missing count key is rebuilt from the members.
 *
 * <p>So that Moogsoft never sees more than the limit in any window — not only that sends never
 * <em>start</em> faster — a grant is stamped with its latest possible arrival while its requests
 * are in flight (grant time + webhook timeout + 1 s) and re-stamped with the completion time by
 * {@link #complete} (ADR 0004 has the argument). A request that arrives late therefore still
 * occupies the window it arrived in; the cost is that the window also covers each request's latency
 * (about 0.5 % of throughput at 5 ms latency and a 1 s window).
 */
public final class SharedRateLimiter {

  /**
   * Permits granted now, the wait in ms before asking again when fewer were granted than asked, and
   * the tag naming the grant's member ({@code <tag>*<granted>}) for {@link #complete}.
   */
  public record Grant(int granted, long waitMs, String tag) {}

  private static final Logger LOG = LoggerFactory.getLogger(SharedRateLimiter.class);

  /**
   * KEYS[1] = the window set, KEYS[2] = its permit count; ARGV = limit, window ms, wanted, tag,
   * hold ms.
   */
  private static final LuaScript ACQUIRE =
      new LuaScript(
          """
      local function permits(m)
        local n = string.match(m, '%*(%d+)$')
        if n then return tonumber(n) end
        return 1
      end
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local limit = tonumber(ARGV[1])
      local window = tonumber(ARGV[2])
      local wanted = tonumber(ARGV[3])
      local hold = tonumber(ARGV[5])
      local cutoff = now - window
      local total = redis.call('GET', KEYS[2])
      if total then
        total = tonumber(total)
        local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', cutoff)
        if #expired > 0 then
          for _, m in ipairs(expired) do total = total - permits(m) end
          redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', cutoff)
        end
        if total < 0 then total = 0 end
      else
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', cutoff)
        total = 0
        for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do total = total + permits(m) end
      end
      local grant = limit - total
      if grant > wanted then grant = wanted end
      if grant < 0 then grant = 0 end
      if grant > 0 then
        redis.call('ZADD', KEYS[1], now + hold, ARGV[4] .. '*' .. grant)
        total = total + grant
      end
      redis.call('SET', KEYS[2], total, 'PX', window + hold + 1000)
      redis.call('PEXPIRE', KEYS[1], window + hold + 1000)
      local wait = 0
      if grant < wanted then
        local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
        if oldest[2] then wait = tonumber(oldest[2]) + window - now else wait = 1 end
        if wait < 1 then wait = 1 end
      end
      return {grant, wait}
      """);

  /** KEYS[1] = the window set; ARGV[1] = the grant's member. */
  private static final LuaScript COMPLETE =
      new LuaScript(
          """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1])
      return 1
      """);

  private final Redis redis;
  private final String key;
  private final String countKey;
  private final DynamicConfig dynamic;
  private final ForwarderSettings settings;
  private final String instance = UUID.randomUUID().toString().substring(0, 8);
  private final AtomicLong sequence = new AtomicLong();

  public SharedRateLimiter(
      Redis redis, String key, DynamicConfig dynamic, ForwarderSettings settings) {
    this.redis = redis;
    this.key = key;
    this.countKey = key + ":permits";
    this.dynamic = dynamic;
    this.settings = settings;
  }

  public Future<Grant> acquire(int wanted) {
    if (wanted <= 0) {
      return Future.succeededFuture(new Grant(0, 0, ""));
    }
    long limit = Math.max(1, dynamic.getLong("moog_rate_limit", settings.rateLimit().limit()));
    long windowMs =
        Math.max(
            1,
            Math.round(
                dynamic.getDouble("moog_rate_period", settings.rateLimit().periodMs() / 1000.0)
                    * 1000));
    String tag = instance + "-" + sequence.incrementAndGet();
    long holdMs = settings.webhookTimeoutMs() + 1000;
    return ACQUIRE
        .run(redis, List.of(key, countKey), List.of(limit, windowMs, wanted, tag, holdMs))
        .map(r -> new Grant(r.get(0).toInteger(), r.get(1).toLong(), tag))
        .otherwise(
            err -> {
              LOG.warn("rate limiter unavailable, allowing: {}", err.getMessage());
              return new Grant(wanted, 0, "");
            });
  }

  /**
   * Re-stamps the permits of a grant whose requests have all completed with the completion time.
   */
  public Future<Void> complete(Grant grant) {
    if (grant.granted() <= 0 || grant.tag().isEmpty()) {
      return Future.succeededFuture();
    }
    return COMPLETE
        .run(redis, List.of(key), List.of(grant.tag() + "*" + grant.granted()))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }
}
