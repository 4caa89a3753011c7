package io.mutt.ingest;

import io.mutt.queue.DurableQueue;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable write of accepted events (SPEC 4.3 step 6) in one pipelined round trip: XADD of each event to the
 * ingest stream plus INCRBY of the minute/hour/day dashboard counters; TTLs are set when a counter is new.
 */
public final class IngestWriter {

  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  private final Redis redis;
  private final String streamKey;
  private final String metricsPrefix;

  public IngestWriter(Redis redis, DurableQueue queue, String metricsPrefix) {
    this.redis = redis;
    this.streamKey = queue.name();
    this.metricsPrefix = metricsPrefix;
  }

  public Future<Void> write(List<String> events) {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    String m = metricsPrefix + ":1m:" + MINUTE.format(now);
    String h = metricsPrefix + ":1h:" + HOUR.format(now);
    String d = metricsPrefix + ":24h:" + DAY.format(now);
    List<Request> batch = new ArrayList<>(events.size() + 3);
    for (String e : events) {
      batch.add(Request.cmd(Command.XADD).arg(streamKey).arg("*").arg("e").arg(e));
    }
    int n = events.size();
    batch.add(Request.cmd(Command.INCRBY).arg(m).arg(n));
    batch.add(Request.cmd(Command.INCRBY).arg(h).arg(n));
    batch.add(Request.cmd(Command.INCRBY).arg(d).arg(n));
    return redis.batch(batch).compose(rs -> {
      List<Request> ttl = new ArrayList<>(3);
      addTtlIfNew(ttl, rs.get(n), m, n, 7200);
      addTtlIfNew(ttl, rs.get(n + 1), h, n, 172800);
      addTtlIfNew(ttl, rs.get(n + 2), d, n, 2592000);
      return ttl.isEmpty() ? Future.succeededFuture() : redis.batch(ttl).mapEmpty();
    });
  }

  private static void addTtlIfNew(List<Request> out, Response counter, String key, int added, int seconds) {
    if (counter != null && counter.toLong() == added) {
      out.add(Request.cmd(Command.EXPIRE).arg(key).arg(seconds));
    }
  }
}
