package io.mutt.ingest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import java.util.ArrayList;
import java.util.List;

/**
 * The durable append of accepted events (SPEC 4.3 step 6), one per ingest verticle instance (event loop). Requests
 * that arrive during one turn of the event loop are coalesced into a single pipelined Redis batch written at the
 * end of that turn: XADD per event plus one INCRBY per dashboard counter for the whole batch (ADR 0007). With the
 * shared rate limit on, each request becomes one {@link LimitedAppend} script call (one round trip, pipelined). Each caller's
 * future completes when Redis has acknowledged its events.
 */
final class EventWriter {

  /** The stream field holding the event JSON (the queue convention of the foundation, RedisStreamQueue). */
  static final String STREAM_FIELD = "e";
  /** Upper bound on events per pipelined batch (the client's waiting queue is bounded; a larger request goes alone). */
  static final int MAX_EVENTS_PER_BATCH = 2000;

  /** Whether the events were appended, and (rate limiting on) how many events the window holds. */
  record Outcome(boolean appended, long inWindow) {
    static final Outcome APPENDED = new Outcome(true, -1);
  }

  private record Pending(List<Buffer> payloads, Promise<Outcome> promise) {
  }

  private final Redis redis;
  private final Context context;
  private final String stream;
  private final DashboardCounters counters;
  private final LimitedAppend limiter;
  private List<Pending> pending = new ArrayList<>();
  private boolean scheduled;

  /** {@code limiter} null = no rate limit. Must be created and used on the verticle's event loop. */
  EventWriter(Redis redis, Context context, String stream, String metricsPrefix, LimitedAppend limiter) {
    this.redis = redis;
    this.context = context;
    this.stream = stream;
    this.counters = new DashboardCounters(metricsPrefix);
    this.limiter = limiter;
  }

  Future<Outcome> append(List<Buffer> payloads) {
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
      if (!group.isEmpty() && events + p.payloads.size() > MAX_EVENTS_PER_BATCH) {
        send(group, events);
        group = new ArrayList<>();
        events = 0;
      }
      group.add(p);
      events += p.payloads.size();
    }
    if (!group.isEmpty()) {
      send(group, events);
    }
  }

  private void send(List<Pending> group, int events) {
    if (limiter == null) {
      appendPlain(group, events);
    } else {
      appendLimited(group);
    }
  }

  private void appendPlain(List<Pending> group, int events) {
    List<Request> batch = new ArrayList<>(events + 3);
    for (Pending p : group) {
      for (Buffer payload : p.payloads) {
        batch.add(Request.cmd(Command.XADD).arg(stream).arg("*").arg(STREAM_FIELD).arg(payload));
      }
    }
    String[] keys = counters.keysNow();
    counters.increments(keys, events, batch);
    redis.batch(batch).onComplete(ar -> {
      if (ar.failed()) {
        group.forEach(p -> p.promise.fail(ar.cause()));
        return;
      }
      counters.expireNew(redis, keys, ar.result(), events, events);
      group.forEach(p -> p.promise.complete(Outcome.APPENDED));
    });
  }

  /**
   * One script call per request, each with its own answer: a NOSCRIPT (script cache emptied by a Redis restart)
   * re-sends that request's call as EVAL, which cannot double-append because NOSCRIPT ran nothing.
   */
  private void appendLimited(List<Pending> group) {
    String[] keys = counters.keysNow();
    for (Pending p : group) {
      redis.send(limiter.request(true, keys, p.payloads))
          .recover(err -> String.valueOf(err.getMessage()).startsWith("NOSCRIPT")
              ? redis.send(limiter.request(false, keys, p.payloads)) : Future.failedFuture(err))
          .onComplete(ar -> {
            if (ar.failed()) {
              p.promise.fail(ar.cause());
            } else {
              p.promise.complete(new Outcome(ar.result().get(0).toLong() == 1, ar.result().get(1).toLong()));
            }
          });
    }
  }
}
