package io.mutt.ingest;

import io.mutt.contract.StreamFields;
import io.mutt.contract.StreamPartitions;
import io.mutt.queue.EventHost;
import io.mutt.redis.ReplicaAcks;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Redis side of {@link EventWriter}: how one call's events reach the ingest stream and the
 * dashboard counters. One {@code XADD} per event, {@code <stream> * event <json>}, in one of two
 * forms (ADR 0007, ADR 0020):
 *
 * <ul>
 *   <li><b>transactional</b> (HTTP): one {@code MULTI}/{@code EXEC} of the XADDs, with the counters
 *       inside it on a single stream; all or nothing, so a client's retry (with new event ids)
 *       never finds half of its request queued;
 *   <li><b>pipelined</b> (listeners): the XADDs in one round trip without a transaction, about 8 %
 *       fewer Redis instructions per event; a failed call may be partly written, and the caller's
 *       retry with the same bytes is harmless because the alerter audits and alerts once per {@code
 *       _event_id} (ADR 0003).
 * </ul>
 *
 * With several partitions (ADR 0031) each partition's XADDs go in a batch of their own (one slot
 * each) and the counters follow once all are in, so they are not atomic with the appends. With
 * replica acknowledgement on, each batch ends with {@code WAIT}.
 */
final class StreamAppend {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StreamAppend.class);

  private static final byte[] AUTO_ID = {'*'};
  private static final byte[] FIELD_ARG = StreamFields.PAYLOAD.getBytes(StandardCharsets.UTF_8);

  private final Redis redis;
  private final List<String> partitionKeys;
  private final List<byte[]> partitionArgs;
  private final StreamPartitions partitions;
  private final DashboardCounters counters;
  private final ReplicaAcks acks;
  private final boolean transactional;

  /**
   * @param partitionKeys the ingest stream's partitions in partition order (one: not partitioned)
   * @param transactional whether each call is one MULTI/EXEC (see the class comment)
   */
  StreamAppend(
      Redis redis,
      List<String> partitionKeys,
      StreamPartitions partitions,
      DashboardCounters counters,
      ReplicaAcks acks,
      boolean transactional) {
    this.redis = redis;
    this.partitionKeys = partitionKeys;
    this.partitions = partitions;
    this.counters = counters;
    this.acks = acks;
    this.transactional = transactional;
    this.partitionArgs = new ArrayList<>(partitionKeys.size());
    partitionKeys.forEach(k -> partitionArgs.add(k.getBytes(StandardCharsets.UTF_8)));
  }

  /** The first (or only) partition's key: the stream a rate-limited append replicates. */
  String firstStream() {
    return partitionKeys.get(0);
  }

  /** Appends {@code payloads} and counts them; fails when Redis refused any of them. */
  Future<Void> append(List<byte[]> payloads) {
    if (payloads.isEmpty()) {
      return Future.succeededFuture();
    }
    if (partitions.partitioned()) {
      return appendPartitioned(payloads);
    }
    if (!transactional) {
      return pipelined(partitionKeys.get(0), partitionArgs.get(0), payloads)
          .onSuccess(v -> countEvents(payloads.size()));
    }
    String[] keys = counters.keysNow();
    int events = payloads.size();
    List<Request> tx = new ArrayList<>(events + 2 + 2 * keys.length);
    tx.add(Request.cmd(Command.MULTI));
    byte[] keyArg = partitionArgs.get(0);
    for (byte[] payload : payloads) {
      tx.add(xadd(keyArg, payload));
    }
    addCounters(tx, keys, events);
    tx.add(Request.cmd(Command.EXEC));
    return batch(partitionKeys.get(0), tx).compose(replies -> executed(replies, events));
  }

  /** Per partition one batch (a transaction, or pipelined), then the counters once all are in. */
  private Future<Void> appendPartitioned(List<byte[]> payloads) {
    List<List<byte[]>> byPartition = new ArrayList<>(partitionKeys.size());
    for (int i = 0; i < partitionKeys.size(); i++) {
      byPartition.add(new ArrayList<>());
    }
    for (byte[] payload : payloads) {
      byPartition.get(partitions.of(EventHost.of(payload))).add(payload);
    }
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = 0; i < byPartition.size(); i++) {
      List<byte[]> part = byPartition.get(i);
      if (part.isEmpty()) {
        continue;
      }
      String key = partitionKeys.get(i);
      byte[] keyArg = partitionArgs.get(i);
      if (!transactional) {
        writes.add(pipelined(key, keyArg, part));
        continue;
      }
      List<Request> tx = new ArrayList<>(part.size() + 2);
      tx.add(Request.cmd(Command.MULTI));
      for (byte[] payload : part) {
        tx.add(xadd(keyArg, payload));
      }
      tx.add(Request.cmd(Command.EXEC));
      writes.add(batch(key, tx).compose(replies -> executed(replies, part.size())));
    }
    return Future.all(writes).onSuccess(v -> countEvents(payloads.size())).mapEmpty();
  }

  private static Request xadd(byte[] key, byte[] payload) {
    return Request.cmd(Command.XADD).arg(key).arg(AUTO_ID).arg(FIELD_ARG).arg(payload);
  }

  /** The writes as one pipelined batch, with the replicas' WAIT at its end when that is on. */
  private Future<List<Response>> batch(String slotKey, List<Request> tx) {
    return acks.batch(redis, slotKey, tx);
  }

  /** Succeeds when EXEC ran the transaction and every XADD in it succeeded. */
  private static Future<Void> executed(List<Response> replies, int events) {
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
   * The XADDs of {@code payloads} to {@code key} pipelined without a transaction (one batch on one
   * connection). Fails when any XADD failed: the others may be in the stream, and a retry appends
   * them again.
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
   * The dashboard counters after a partitioned or pipelined append, in a transaction of their own;
   * a failure only leaves them short.
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
}
