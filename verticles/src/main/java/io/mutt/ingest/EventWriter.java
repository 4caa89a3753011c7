package io.mutt.ingest;

import io.mutt.contract.CounterKeys;
import io.mutt.contract.RedisKeys;
import io.mutt.contract.StreamPartitions;
import io.mutt.redis.LuaScript;
import io.mutt.redis.ReplicaAcks;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable append of accepted events (docs/reference/http-api.md), one per ingest verticle
 * instance (event loop). Requests that arrive during one turn of the event loop are coalesced and
 * written at the end of that turn in one round trip, up to {@value #MAX_EVENTS_PER_CALL} events a
 * call ({@link StreamAppend}: XADD per event and the dashboard counters, ADR 0007). With the shared
 * rate limit on, the turn's requests go to one {@link LimitedAppend} call instead, which gives each
 * request its own verdict. The HTTP writer's calls are transactions; the listeners' writer ({@link
 * #unlimited}) pipelines them (ADR 0020). A caller's future completes once Redis has run its
 * events' XADDs (or refused them).
 */
public final class EventWriter {

  /**
   * The append after the shared sliding-window rate check ({@code limited-append.lua}), one verdict
   * per request.
   */
  static final LuaScript LIMITED_APPEND =
      LuaScript.fromResource(EventWriter.class, "limited-append.lua");

  /**
   * Events per call to Redis (transaction, pipelined batch or script); a single larger request goes
   * alone. Bounds how long one call holds Redis.
   */
  static final int MAX_EVENTS_PER_CALL = 1000;

  /** Whether the events were appended, and (rate limiting on) how many events the window holds. */
  public record Outcome(boolean appended, long inWindow) {
    static final Outcome APPENDED = new Outcome(true, -1);
  }

  private record Pending(List<byte[]> payloads, Promise<Outcome> promise) {}

  private final Redis redis;
  private final Context context;
  private final StreamAppend streams;
  private final DashboardCounters counters;
  private final LimitedAppend limiter;
  private final ReplicaAcks acks;
  private final boolean partitioned;

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
   * @param transactional whether each batch is one MULTI/EXEC, all or nothing ({@link
   *     StreamAppend}); only for writers whose callers retry with the same event ids may it be off
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
    this.redis = redis;
    this.context = context;
    this.counters = new DashboardCounters(counterKeys, source);
    this.streams =
        new StreamAppend(redis, partitionKeys, partitions, counters, acks, transactional);
    this.partitioned = partitions.partitioned();
    this.limiter = limiter;
  }

  /**
   * The listeners' writer (syslog, traps) over the ingest stream's partitions, with replica
   * acknowledgement: no rate limit, same per-turn batching and dashboard counters (counted under
   * {@code source}), and no transaction: the XADDs are pipelined ({@link StreamAppend}, ADR 0020).
   * The listeners stamp each event's {@code _event_id} before the write and retry a failed batch
   * with the same bytes, so an event written twice by such a retry is still audited and alerted
   * once.
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
    if (limiter == null) {
      settle(group, streams.append(payloads(group, events)));
    } else if (partitioned) {
      limitThenAppend(group);
    } else {
      appendLimited(group);
    }
  }

  /** The events of {@code group} in order; {@code expected} sizes the list (at least one each). */
  private static List<byte[]> payloads(List<Pending> group, int expected) {
    List<byte[]> all = new ArrayList<>(expected);
    group.forEach(p -> all.addAll(p.payloads));
    return all;
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
              for (int i = 0; i < group.size(); i++) {
                if (ar.result().get(i + 1).toLong() == 1) {
                  admitted.add(group.get(i));
                } else {
                  group.get(i).promise.complete(new Outcome(false, inWindow));
                }
              }
              streams
                  .append(payloads(admitted, admitted.size()))
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
        .compose(r -> acks.replicated(List.of(streams.firstStream())).map(r))
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
