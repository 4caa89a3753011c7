package io.mutt.ingest;

import io.mutt.contract.CounterKeys;
import io.mutt.contract.RedisKeys;
import io.mutt.contract.StreamFields;
import io.mutt.contract.StreamPartitions;
import io.mutt.queue.EventHost;
import io.mutt.redis.LuaScript;
import io.mutt.redis.ReplicaAcks;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable append of accepted events (docs/reference/http-api.md), one per ingest verticle
 * instance (event loop). Requests that arrive during one turn of the event loop are coalesced and
 * written at the end of that turn by one {@code MULTI}/{@code EXEC} transaction: XADD per event
 * plus the dashboard counters, atomically, one round trip for all of them (ADR 0007). With the
 * shared rate limit on, the turn's requests go to one {@link LimitedAppend} call instead, which
 * gives each request its own verdict. The listeners' writer ({@link #unlimited}) pipelines the
 * XADDs without a transaction and counts them once they are in (ADR 0020). A caller's future
 * completes once Redis has run its events' XADDs (or refused them).
 */
public final class EventWriter {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventWriter.class);

  /**
   * The append after the shared sliding-window rate check ({@code limited-append.lua}), one verdict
   * per request.
   */
  static final LuaScript LIMITED_APPEND =
      LuaScript.fromResource(EventWriter.class, "limited-append.lua");

  /**
   * The stream field holding the event JSON (the queue convention of the foundation,
   * RedisStreamQueue).
   */
  static final String STREAM_FIELD = StreamFields.PAYLOAD;

  /**
   * Events per script call; a single larger request goes alone. Bounds how long one call holds
   * Redis.
   */
  static final int MAX_EVENTS_PER_CALL = 1000;

  /** Whether the events were appended, and (rate limiting on) how many events the window holds. */
  public record Outcome(boolean appended, long inWindow) {
    static final Outcome APPENDED = new Outcome(true, -1);
  }

  private record Pending(List<byte[]> payloads, Promise<Outcome> promise) {}

  private final Redis redis;
  private final Context context;
  private final String stream;

  /**
   * The (first) stream name, {@code *} and the field name as bytes, encoded once for every XADD.
   */
  private final byte[] streamArg;

  private static final byte[] AUTO_ID = {'*'};
  private static final byte[] FIELD_ARG = STREAM_FIELD.getBytes(StandardCharsets.UTF_8);

  private final List<String> partitionKeys;
  private final StreamPartitions partitions;
  private final CounterKeys counterKeys;
  private final DashboardCounters counters;
  private final LimitedAppend limiter;
  private final ReplicaAcks acks;

  /**
   * Whether a batch is all-or-nothing (MULTI/EXEC). Without it a failed batch may be partly
   * written; retrying it whole is harmless only because the events keep their {@code _event_id}
   * (the alerter is idempotent per event id, ADR 0003), which holds for the listeners and not for
   * an HTTP client retrying a request.
   */
  private final boolean transactional;

  private List<Pending> pending = new ArrayList<>();
  private boolean scheduled;

  /**
   * {@code limiter} null = no rate limit; {@code source} names where the events come from in the
   * dashboard's per-source counters ({@link CounterKeys#SOURCES}). Must be created and used on the
   * verticle's event loop.
   */
  EventWriter(
      Redis redis,
      Context context,
      String stream,
      CounterKeys counterKeys,
      String source,
      LimitedAppend limiter) {
    this(
        redis,
        context,
        List.of(stream),
        new StreamPartitions(1),
        counterKeys,
        source,
        limiter,
        ReplicaAcks.off(),
        true);
  }

  /**
   * A writer over the ingest stream's partitions (ADR 0031): {@code partitionKeys} in partition
   * order, each event appended to the partition of its hostname.
   *
   * @param acks when on, a caller's future completes only once the write reached the required
   *     replicas ({@code WAIT} in the same batch), and fails with {@link ReplicaAcks.NotReplicated}
   *     when it did not in time
   * @param transactional whether each batch is one MULTI/EXEC (see {@link #transactional})
   */
  EventWriter(
      Redis redis,
      Context context,
      List<String> partitionKeys,
      StreamPartitions partitions,
      CounterKeys counterKeys,
      String source,
      LimitedAppend limiter,
      ReplicaAcks acks,
      boolean transactional) {
    this.acks = acks;
    this.transactional = transactional;
    this.redis = redis;
    this.context = context;
    this.stream = partitionKeys.get(0);
    this.streamArg = stream.getBytes(StandardCharsets.UTF_8);
    this.partitionKeys = partitionKeys;
    this.partitions = partitions;
    this.counterKeys = counterKeys;
    this.counters = new DashboardCounters(counterKeys, source);
    this.limiter = limiter;
  }

  /**
   * The listeners' writer (syslog, traps) over the ingest stream's partitions, with replica
   * acknowledgement: no rate limit, same per-turn batching and dashboard counters (counted under
   * {@code source}), and no transaction: the XADDs are pipelined, which costs Redis about 8 % fewer
   * instructions per event (ADR 0020). The listeners stamp each event's {@code _event_id} before
   * the write and retry a failed batch with the same bytes, so an event written twice by such a
   * retry is still audited and alerted once.
   */
  public static EventWriter unlimited(
      Redis redis, Context context, RedisKeys keys, String source, ReplicaAcks acks) {
    return new EventWriter(
        redis,
        context,
        keys.ingestPartitions,
        keys.partitions,
        keys.counters,
        source,
        null,
        acks,
        false);
  }

  public Future<Outcome> append(List<byte[]> payloads) {
    Promise<Outcome> promise = Promise.promise();
    pending.add(new Pending(payloads, promise));
    if (!scheduled) {
      scheduled = true;
      context.runOnContext(v -> flush());
    }
    return promise.future();
  }

  private void flush() {
    scheduled = false;
    List<Pending> all = pending;
    pending = new ArrayList<>();
    List<Pending> group = new ArrayList<>();
    int events = 0;
    for (Pending p : all) {
      if (!group.isEmpty() && events + p.payloads.size() > MAX_EVENTS_PER_CALL) {
        append(group, events);
        group = new ArrayList<>();
        events = 0;
      }
      group.add(p);
      events += p.payloads.size();
    }
    if (!group.isEmpty()) {
      append(group, events);
    }
  }

  private void append(List<Pending> group, int events) {
    if (partitions.partitioned()) {
      if (limiter == null) {
        appendPartitioned(group, events);
      } else {
        limitThenAppend(group);
      }
      return;
    }
    if (limiter == null) {
      appendPlain(group, events);
    } else {
      appendLimited(group);
    }
  }

  /**
   * One {@code MULTI} … {@code EXEC} transaction: XADD per event, then the dashboard counters
   * (INCRBY, and EXPIRE to their TTL where they have one). Atomic like a script, without copying
   * every payload into and out of Lua — measured at ~1.6 µs of Redis CPU per event (ADR 0007). All
   * commands go in one pipelined round trip on one connection.
   */
  private void appendPlain(List<Pending> group, int events) {
    if (!transactional) {
      List<byte[]> payloads = new ArrayList<>(events);
      group.forEach(p -> payloads.addAll(p.payloads));
      settle(group, pipelined(stream, streamArg, payloads).onSuccess(v -> countEvents(events)));
      return;
    }
    String[] keys = counters.keysNow();
    List<Request> tx = new ArrayList<>(events + 2 + 2 * keys.length);
    tx.add(Request.cmd(Command.MULTI));
    for (Pending p : group) {
      for (byte[] payload : p.payloads) {
        tx.add(xadd(streamArg, payload));
      }
    }
    addCounters(tx, keys, events);
    tx.add(Request.cmd(Command.EXEC));
    settle(group, batch(stream, tx).compose(replies -> appended(replies, events)));
  }

  /**
   * Completes every pending append of the group as APPENDED, or fails them all, with {@code
   * written}.
   */
  private static void settle(List<Pending> group, Future<Void> written) {
    written.onComplete(
        ar -> {
          for (Pending p : group) {
            if (ar.succeeded()) {
              p.promise.complete(Outcome.APPENDED);
            } else {
              p.promise.fail(ar.cause());
            }
          }
        });
  }

  /** The writes as one pipelined batch, with the replicas' WAIT at its end when that is on. */
  private Future<List<Response>> batch(String slotKey, List<Request> tx) {
    return acks.batch(redis, slotKey, tx);
  }

  /** Succeeds when EXEC ran the transaction and every XADD in it succeeded. */
  private static Future<Void> appended(List<Response> replies, int events) {
    Response exec = replies.isEmpty() ? null : replies.get(replies.size() - 1);
    if (exec == null || exec.type() != ResponseType.MULTI || exec.size() < events) {
      return Future.failedFuture("transaction not executed: " + exec);
    }
    for (int i = 0; i < events; i++) {
      Response r = exec.get(i);
      if (r == null || r.type() == ResponseType.ERROR) {
        return Future.failedFuture("XADD failed: " + r);
      }
    }
    return Future.succeededFuture();
  }

  /**
   * Several partitions: per partition one {@code MULTI}/{@code EXEC} of its XADDs (each touches one
   * slot; the partitions' transactions go out together), then, once all are in, the dashboard
   * counters in a transaction of their own. Counters are therefore not atomic with the appends
   * here: a crash between the two leaves the counters short (ADR 0031).
   */
  private void appendPartitioned(List<Pending> group, int events) {
    settle(group, writePartitions(group, events));
  }

  private Future<Void> writePartitions(List<Pending> group, int events) {
    if (events == 0) {
      return Future.succeededFuture();
    }
    List<List<byte[]>> byPartition = new ArrayList<>(partitionKeys.size());
    for (int i = 0; i < partitionKeys.size(); i++) {
      byPartition.add(new ArrayList<>());
    }
    for (Pending p : group) {
      for (byte[] payload : p.payloads) {
        byPartition.get(partitions.of(EventHost.of(payload))).add(payload);
      }
    }
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = 0; i < byPartition.size(); i++) {
      List<byte[]> payloads = byPartition.get(i);
      if (payloads.isEmpty()) {
        continue;
      }
      String key = partitionKeys.get(i);
      byte[] keyArg = key.getBytes(StandardCharsets.UTF_8);
      if (!transactional) {
        writes.add(pipelined(key, keyArg, payloads));
        continue;
      }
      List<Request> tx = new ArrayList<>(payloads.size() + 2);
      tx.add(Request.cmd(Command.MULTI));
      for (byte[] payload : payloads) {
        tx.add(xadd(keyArg, payload));
      }
      tx.add(Request.cmd(Command.EXEC));
      writes.add(batch(key, tx).compose(replies -> appended(replies, payloads.size())));
    }
    return Future.all(writes).onSuccess(v -> countEvents(events)).mapEmpty();
  }

  private static Request xadd(byte[] key, byte[] payload) {
    return Request.cmd(Command.XADD).arg(key).arg(AUTO_ID).arg(FIELD_ARG).arg(payload);
  }

  /**
   * The XADDs of {@code payloads} to {@code key} pipelined without a transaction (one batch on one
   * connection, {@code WAIT} at its end when replica acknowledgement is on). Fails when any XADD
   * failed: the others may be in the stream, and a retry appends them again (see {@link
   * #transactional}).
   */
  private Future<Void> pipelined(String key, byte[] keyArg, List<byte[]> payloads) {
    List<Request> writes = new ArrayList<>(payloads.size());
    for (byte[] payload : payloads) {
      writes.add(xadd(keyArg, payload));
    }
    return batch(key, writes)
        .compose(
            replies -> {
              if (replies.size() != payloads.size()) {
                return Future.failedFuture(
                    "XADD replies: " + replies.size() + " for " + payloads.size());
              }
              for (Response r : replies) {
                if (r == null || r.type() == ResponseType.ERROR) {
                  return Future.failedFuture("XADD failed: " + r);
                }
              }
              return Future.succeededFuture();
            });
  }

  /**
   * The dashboard counters after a partitioned or pipelined append; a failure only leaves them
   * short.
   */
  private void countEvents(int events) {
    String[] keys = counters.keysNow();
    List<Request> tx = new ArrayList<>(2 + 2 * keys.length);
    tx.add(Request.cmd(Command.MULTI));
    addCounters(tx, keys, events);
    tx.add(Request.cmd(Command.EXEC));
    redis.batch(tx).onFailure(err -> LOG.debug("dashboard counters: {}", err.getMessage()));
  }

  /** INCRBY of each dashboard counter, and EXPIRE to its TTL where it has one. */
  private static void addCounters(List<Request> tx, String[] keys, int events) {
    for (int k = 0; k < keys.length; k++) {
      tx.add(Request.cmd(Command.INCRBY).arg(keys[k]).arg(events));
      if (DashboardCounters.TTL_SECONDS[k] > 0) {
        tx.add(Request.cmd(Command.EXPIRE).arg(keys[k]).arg(DashboardCounters.TTL_SECONDS[k]));
      }
    }
  }

  /**
   * Several partitions with the shared rate limit: the limiter script decides every request of the
   * turn and records the admitted ones in the window (its key alone, one slot), then the admitted
   * requests' events are appended per partition. A failed append after admission answers an error
   * and leaves those events counted in the window until it slides past them.
   */
  private void limitThenAppend(List<Pending> group) {
    List<List<byte[]>> requests = new ArrayList<>(group.size());
    group.forEach(p -> requests.add(p.payloads));
    LIMITED_APPEND
        .run(redis, (Request r) -> limiter.limitOnlyArgs(r, requests))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                group.forEach(p -> p.promise.fail(ar.cause()));
                return;
              }
              long inWindow = ar.result().get(0).toLong();
              List<Pending> admitted = new ArrayList<>();
              int events = 0;
              for (int i = 0; i < group.size(); i++) {
                if (ar.result().get(i + 1).toLong() == 1) {
                  admitted.add(group.get(i));
                  events += group.get(i).payloads.size();
                } else {
                  group.get(i).promise.complete(new Outcome(false, inWindow));
                }
              }
              writePartitions(admitted, events)
                  .onComplete(
                      w -> {
                        for (Pending p : admitted) {
                          if (w.succeeded()) {
                            p.promise.complete(new Outcome(true, inWindow));
                          } else {
                            p.promise.fail(w.cause());
                          }
                        }
                      });
            });
  }

  private void appendLimited(List<Pending> group) {
    String[] keys = counters.keysNow();
    List<List<byte[]>> requests = new ArrayList<>(group.size());
    group.forEach(p -> requests.add(p.payloads));
    LIMITED_APPEND
        .run(redis, (Request r) -> limiter.args(r, keys, requests))
        .compose(r -> acks.replicated(List.of(stream)).map(r))
        .onComplete(
            ar -> {
              for (int i = 0; i < group.size(); i++) {
                if (ar.failed()) {
                  group.get(i).promise.fail(ar.cause());
                } else {
                  group
                      .get(i)
                      .promise
                      .complete(
                          new Outcome(
                              ar.result().get(i + 1).toLong() == 1, ar.result().get(0).toLong()));
                }
              }
            });
  }
}
