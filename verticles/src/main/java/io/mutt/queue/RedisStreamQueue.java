package io.mutt.queue;

import io.mutt.contract.StreamFields;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link DurableQueue} on a Redis stream (XADD / XREADGROUP / XACK+XDEL / XAUTOCLAIM / XPENDING).
 * Acknowledged entries are deleted, so XLEN is the backlog (waiting + in flight).
 */
final class RedisStreamQueue implements DurableQueue {

  static final String FIELD = StreamFields.PAYLOAD;

  private final Redis redis;
  private final String key;
  private final String group;

  RedisStreamQueue(Redis redis, String key, String group) {
    this.redis = redis;
    this.key = key;
    this.group = group;
  }

  @Override
  public String name() {
    return key;
  }

  @Override
  public Future<Void> ensureGroup() {
    return redis
        .send(
            Request.cmd(Command.XGROUP).arg("CREATE").arg(key).arg(group).arg("0").arg("MKSTREAM"))
        .<Void>mapEmpty()
        .recover(
            err ->
                err.getMessage() != null && err.getMessage().contains("BUSYGROUP")
                    ? Future.succeededFuture()
                    : Future.failedFuture(err));
  }

  @Override
  public Future<String> append(String payload) {
    return redis.send(xadd(payload)).map(Response::toString);
  }

  @Override
  public Future<List<String>> appendAll(List<String> payloads) {
    if (payloads.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    if (payloads.size() == 1) {
      return append(payloads.get(0)).map(List::of);
    }
    List<Request> batch = new ArrayList<>(payloads.size());
    for (String p : payloads) {
      batch.add(xadd(p));
    }
    return redis
        .batch(batch)
        .map(
            rs -> {
              List<String> ids = new ArrayList<>(rs.size());
              for (Response r : rs) {
                ids.add(r.toString());
              }
              return ids;
            });
  }

  private Request xadd(String payload) {
    return Request.cmd(Command.XADD).arg(key).arg("*").arg(FIELD).arg(payload);
  }

  @Override
  public Future<List<QueueEntry>> readOwnPending(String consumer, int count) {
    return readGroup(consumer, count, -1, "0");
  }

  @Override
  public Future<List<QueueEntry>> read(String consumer, int count, long blockMs) {
    return readGroup(consumer, count, blockMs, ">");
  }

  private Future<List<QueueEntry>> readGroup(
      String consumer, int count, long blockMs, String from) {
    Request req =
        Request.cmd(Command.XREADGROUP)
            .arg("GROUP")
            .arg(group)
            .arg(consumer)
            .arg("COUNT")
            .arg(count);
    if (blockMs > 0) {
      req.arg("BLOCK").arg(blockMs);
    }
    req.arg("STREAMS").arg(key).arg(from);
    boolean redelivery = !">".equals(from);
    return redis
        .send(req)
        .compose(
            resp -> {
              List<QueueEntry> entries = parseStreams(resp);
              if (!redelivery || entries.isEmpty()) {
                return Future.succeededFuture(entries);
              }
              return withDeliveryCounts(entries);
            });
  }

  @Override
  public Future<List<QueueEntry>> claimIdle(String consumer, long minIdleMs, int count) {
    Request req =
        Request.cmd(Command.XAUTOCLAIM)
            .arg(key)
            .arg(group)
            .arg(consumer)
            .arg(minIdleMs)
            .arg("0-0")
            .arg("COUNT")
            .arg(count);
    return redis
        .send(req)
        .compose(
            resp -> {
              if (resp == null || resp.size() < 2) {
                return Future.succeededFuture(List.<QueueEntry>of());
              }
              List<QueueEntry> entries = new ArrayList<>();
              List<String> vanished = new ArrayList<>();
              for (Response e : resp.get(1)) {
                if (e == null || e.size() < 2 || e.get(1) == null) {
                  if (e != null && e.size() > 0) {
                    vanished.add(e.get(0).toString());
                  }
                  continue;
                }
                entries.add(new QueueEntry(e.get(0).toString(), fieldValue(e.get(1)), 0));
              }
              if (resp.size() > 2 && resp.get(2) != null) {
                for (Response id : resp.get(2)) {
                  vanished.add(id.toString());
                }
              }
              Future<Void> cleanup = vanished.isEmpty() ? Future.succeededFuture() : ack(vanished);
              return cleanup.compose(
                  v ->
                      entries.isEmpty()
                          ? Future.succeededFuture(entries)
                          : withDeliveryCounts(entries));
            });
  }

  private Future<List<QueueEntry>> withDeliveryCounts(List<QueueEntry> entries) {
    String first = entries.get(0).id();
    String last = entries.get(entries.size() - 1).id();
    Request req =
        Request.cmd(Command.XPENDING)
            .arg(key)
            .arg(group)
            .arg(first)
            .arg(last)
            .arg(entries.size() * 2L);
    return redis
        .send(req)
        .map(
            resp -> {
              Map<String, Long> counts = new HashMap<>();
              if (resp != null) {
                for (Response p : resp) {
                  counts.put(p.get(0).toString(), p.get(3).toLong());
                }
              }
              List<QueueEntry> out = new ArrayList<>(entries.size());
              for (QueueEntry e : entries) {
                out.add(new QueueEntry(e.id(), e.payload(), counts.getOrDefault(e.id(), 1L)));
              }
              return out;
            });
  }

  @Override
  public Future<Void> ack(List<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    Request xack = Request.cmd(Command.XACK).arg(key).arg(group);
    Request xdel = Request.cmd(Command.XDEL).arg(key);
    for (String id : ids) {
      xack.arg(id);
      xdel.arg(id);
    }
    return redis.batch(List.of(xack, xdel)).mapEmpty();
  }

  @Override
  public Future<Long> depth() {
    return redis.send(Request.cmd(Command.XLEN).arg(key)).map(r -> r == null ? 0L : r.toLong());
  }

  @Override
  public Future<Long> pendingCount() {
    return redis
        .send(Request.cmd(Command.XPENDING).arg(key).arg(group))
        .map(r -> r == null || r.size() == 0 || r.get(0) == null ? 0L : r.get(0).toLong())
        .recover(
            err ->
                err.getMessage() != null && err.getMessage().contains("NOGROUP")
                    ? Future.succeededFuture(0L)
                    : Future.failedFuture(err));
  }

  private static List<QueueEntry> parseStreams(Response resp) {
    if (resp == null) {
      return Collections.emptyList();
    }
    // RESP2 (the connector pins it): [[key, [[id, [field, value]], ...]]]
    List<QueueEntry> out = new ArrayList<>();
    for (Response stream : resp) {
      addEntries(stream.get(1), out);
    }
    return out;
  }

  private static void addEntries(Response entries, List<QueueEntry> out) {
    if (entries == null) {
      return;
    }
    for (Response e : entries) {
      if (e.get(1) == null) {
        continue;
      }
      out.add(new QueueEntry(e.get(0).toString(), fieldValue(e.get(1)), 1));
    }
  }

  private static String fieldValue(Response fields) {
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      if (FIELD.equals(fields.get(i).toString())) {
        return fields.get(i + 1).toString();
      }
    }
    return fields.size() >= 2 ? fields.get(1).toString() : "";
  }
}
