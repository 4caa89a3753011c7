package io.mutt.ingest;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The minute / hour / day counters of accepted events the dashboard reads (SPEC 4.3 step 6, REDIS_KEYS 5):
 * {@code <prefix>:1m:<YYYY-MM-DDTHH:MM>} (TTL 7200 s), {@code :1h:<YYYY-MM-DDTHH>} (172800 s),
 * {@code :24h:<YYYY-MM-DD>} (2592000 s), UTC; a TTL is set when the increment created the key. Key names are cached
 * per minute. One instance per event loop (not thread-safe).
 */
final class DashboardCounters {

  static final long[] TTL_SECONDS = {7200, 172800, 2592000};
  private static final Logger LOG = LoggerFactory.getLogger(DashboardCounters.class);
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final String prefix;
  private long cachedMinute = Long.MIN_VALUE;
  private String[] cached;

  DashboardCounters(String prefix) {
    this.prefix = prefix;
  }

  /** The three counter keys for the current UTC minute. */
  String[] keysNow() {
    long now = System.currentTimeMillis();
    long minute = now / 60_000;
    if (minute != cachedMinute) {
      Instant i = Instant.ofEpochMilli(now);
      cached = new String[] {prefix + ":1m:" + MINUTE.format(i), prefix + ":1h:" + HOUR.format(i),
          prefix + ":24h:" + DAY.format(i)};
      cachedMinute = minute;
    }
    return cached;
  }

  /** Adds the three INCRBY commands to a pipeline. */
  void increments(String[] keys, long n, List<Request> out) {
    for (String k : keys) {
      out.add(Request.cmd(Command.INCRBY).arg(k).arg(n));
    }
  }

  /** Sets the TTL of each counter the increments created (reply equal to the increment), without waiting. */
  void expireNew(Redis redis, String[] keys, List<Response> replies, int first, long n) {
    for (int i = 0; i < 3; i++) {
      Response r = replies.get(first + i);
      if (r != null && r.toLong() == n) {
        String key = keys[i];
        redis.send(Request.cmd(Command.EXPIRE).arg(key).arg(TTL_SECONDS[i]))
            .onFailure(err -> LOG.debug("could not set the TTL of {}: {}", key, err.getMessage()));
      }
    }
  }
}
