package io.mutt.redis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mutt.config.MuttConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replica acknowledgement ({@code REDIS_MIN_REPLICA_ACKS}, ADR 0031): before MUTT acknowledges
 * anything — ingest's 200, a trap inform, a stage's XACK of its source entry — the Redis write it
 * depends on must have reached that many replicas of the master that holds it, so a failover cannot
 * lose it. {@code WAIT} counts the writes of the connection it runs on, so it is sent on the same
 * connection as the writes: {@link #batch} appends it to the writes' pipelined batch (one round
 * trip, once per batch of events); {@link #replicated} covers writes made earlier on other pooled
 * connections by one marker write in the same slot followed by {@code WAIT} (the replication offset
 * a connection waits for is the master's offset after its last write, which includes every write
 * the master answered before). In a Redis Cluster each key's batch goes to the master of its slot,
 * so a successor written to another master than its source is waited for there.
 *
 * <p>A master with fewer replicas online than required is waited for by as many as it has (checked
 * every second): a master without replicas cannot be failed over, so waiting could only stop
 * intake. A {@code WAIT} that times out fails with {@link NotReplicated}: ingest answers 503, a
 * stage leaves its entries pending.
 */
public final class ReplicaAcks {

  private static final Logger LOG = LoggerFactory.getLogger(ReplicaAcks.class);
  private static final long WATCH_EVERY_MS = 1000;

  /** A write that did not reach the required replicas within {@code REDIS_WAIT_TIMEOUT_MS}. */
  public static final class NotReplicated extends RuntimeException {
    public NotReplicated(String message) {
      super(message, null, false, false);
    }
  }

  private final Redis redis;
  private final boolean cluster;
  private final int required;
  private final long timeoutMs;
  private final Timer waits;
  private final Counter timeouts;

  /** Replicas online at the master of each slot seen so far (absent: not yet checked). */
  private final Map<String, Integer> online = new ConcurrentHashMap<>();

  /** A key in each slot seen so far, to route the check to the slot's master. */
  private final Map<String, String> keyOf = new ConcurrentHashMap<>();

  private ReplicaAcks(
      Redis redis, boolean cluster, int required, long timeoutMs, Timer waits, Counter timeouts) {
    this.redis = redis;
    this.cluster = cluster;
    this.required = required;
    this.timeoutMs = timeoutMs;
    this.waits = waits;
    this.timeouts = timeouts;
  }

  /** No replica acknowledgement (today's behaviour; the CLI and tests that need none). */
  public static ReplicaAcks off() {
    return new ReplicaAcks(null, false, 0, 0, null, null);
  }

  /**
   * From {@code REDIS_MIN_REPLICA_ACKS} (0 = off) and {@code REDIS_WAIT_TIMEOUT_MS}; registers the
   * metrics and, when on, the one-second check of the replicas online.
   */
  public static ReplicaAcks create(
      Vertx vertx, Redis redis, MuttConfig config, MeterRegistry registry) {
    int required = config.atLeast("REDIS_MIN_REPLICA_ACKS", 0, 0);
    long timeoutMs = config.atLeast("REDIS_WAIT_TIMEOUT_MS", 1000, 1);
    Timer waits =
        Timer.builder("mutt_redis_wait_seconds")
            .description("Time a batch's WAIT for replica acknowledgement took")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(50_000))
            .maximumExpectedValue(Duration.ofMillis(Math.max(timeoutMs, 10)))
            .register(registry);
    Counter timeouts =
        Counter.builder("mutt_redis_wait_timeouts_total")
            .description("WAITs that ended before the required replicas acknowledged")
            .register(registry);
    ReplicaAcks acks =
        new ReplicaAcks(redis, RedisMode.isCluster(config), required, timeoutMs, waits, timeouts);
    Gauge.builder("mutt_redis_replica_acks_required", acks, a -> a.required)
        .description("REDIS_MIN_REPLICA_ACKS")
        .register(registry);
    Gauge.builder("mutt_redis_replicas_online", acks, ReplicaAcks::fewestOnline)
        .description("Replicas online at the watched master with the fewest (-1: none watched)")
        .register(registry);
    if (required > 0) {
      vertx.setPeriodic(WATCH_EVERY_MS, WATCH_EVERY_MS, t -> acks.watch());
    }
    return acks;
  }

  public boolean enabled() {
    return required > 0;
  }

  public int required() {
    return required;
  }

  /**
   * Sends {@code writes} (all in the slot of {@code slotKey}) as one pipelined batch on one
   * connection, followed by {@code WAIT} when acknowledgement is on; completes with the writes'
   * replies once they are replicated, or fails with {@link NotReplicated}.
   */
  public Future<List<Response>> batch(String slotKey, List<Request> writes) {
    int n = effective(slotKey);
    if (n == 0) {
      return redis.batch(writes);
    }
    String slot = slot(slotKey);
    List<Request> all = new ArrayList<>(writes.size() + 1);
    all.addAll(writes);
    all.add(Request.cmd(Command.WAIT).arg(n).arg(timeoutMs));
    long start = System.nanoTime();
    return redis
        .batch(all)
        .compose(
            replies -> {
              Response acked = replies.get(replies.size() - 1);
              return checked(slot, n, acked, start)
                  .map(v -> replies.subList(0, replies.size() - 1));
            });
  }

  /**
   * Completes once every write answered so far in the slots of {@code slotKeys} has reached the
   * required replicas: per slot, one marker write and {@code WAIT} on one connection, the slots in
   * parallel. Succeeds at once when acknowledgement is off.
   */
  public Future<Void> replicated(Collection<String> slotKeys) {
    if (required == 0 || slotKeys.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<String, String> bySlot = new java.util.LinkedHashMap<>();
    for (String key : slotKeys) {
      bySlot.putIfAbsent(slot(key), key);
    }
    List<Future<?>> all = new ArrayList<>(bySlot.size());
    for (String key : bySlot.values()) {
      all.add(replicatedOne(key));
    }
    return Future.all(all).mapEmpty();
  }

  private Future<Void> replicatedOne(String slotKey) {
    int n = effective(slotKey);
    if (n == 0) {
      return Future.succeededFuture();
    }
    long start = System.nanoTime();
    return redis
        .batch(
            List.of(
                Request.cmd(Command.SET)
                    .arg(markerKey(slotKey))
                    .arg(System.currentTimeMillis())
                    .arg("PX")
                    .arg(60_000),
                Request.cmd(Command.WAIT).arg(n).arg(timeoutMs)))
        .compose(replies -> checked(slot(slotKey), n, replies.get(1), start));
  }

  /**
   * The key written before a lone {@code WAIT}, in the slot of {@code key}: {@code key:repl_mark}
   * when {@code key} carries a hash tag, else {@code {key}:repl_mark}.
   */
  public static String markerKey(String key) {
    return (RedisMode.hashTag(key) != null ? key : "{" + key + "}") + ":repl_mark";
  }

  private Future<Void> checked(String slot, int n, Response acked, long start) {
    waits.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    long got = acked == null ? 0 : acked.toLong();
    if (got >= n) {
      return Future.succeededFuture();
    }
    timeouts.increment();
    refresh(slot);
    return Future.failedFuture(
        new NotReplicated(
            "write reached " + got + " of " + n + " replica(s) within " + timeoutMs + " ms"));
  }

  /** Replicas to wait for at the master of {@code slotKey}: the required number or all it has. */
  private int effective(String slotKey) {
    if (required == 0) {
      return 0;
    }
    String slot = slot(slotKey);
    Integer have = online.get(slot);
    if (have == null) {
      keyOf.putIfAbsent(slot, slotKey);
      online.put(slot, required);
      refresh(slot);
      return required;
    }
    return Math.min(required, have);
  }

  /**
   * Which master holds {@code key}, as far as it matters here: the one master outside cluster mode,
   * else the key's hash tag or the key itself.
   */
  private String slot(String key) {
    if (!cluster) {
      return "";
    }
    String tag = RedisMode.hashTag(key);
    return tag != null ? "{" + tag + "}" : key;
  }

  private void watch() {
    online.keySet().forEach(this::refresh);
  }

  /** Reads how many replicas the master of {@code slot} has online. */
  private void refresh(String slot) {
    String slotKey = keyOf.get(slot);
    if (slotKey == null) {
      return;
    }
    redis
        .batch(
            List.of(
                Request.cmd(Command.EXISTS).arg(slotKey),
                Request.cmd(Command.INFO).arg("replication")))
        .onSuccess(
            r -> {
              int now = replicasOnline(r.get(1).toString());
              Integer before = online.put(slot, now);
              if (before != null && before != now && (now < required || before < required)) {
                if (now < required) {
                  LOG.warn(
                      "the Redis master of {} has {} replica(s) online, fewer than"
                          + " REDIS_MIN_REPLICA_ACKS={}: acknowledgements wait for {}",
                      slotKey,
                      now,
                      required,
                      now);
                } else {
                  LOG.info("the Redis master of {} has {} replica(s) online again", slotKey, now);
                }
              }
            });
  }

  /** Replicas in state {@code online} in an {@code INFO replication} answer. */
  static int replicasOnline(String info) {
    int n = 0;
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("slave") && line.contains("state=online")) {
        n++;
      }
    }
    return n;
  }

  private double fewestOnline() {
    return online.values().stream().mapToInt(Integer::intValue).min().orElse(-1);
  }
}
