package io.mutt.ingest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import java.util.ArrayList;
import java.util.List;

/**
 * The durable append of accepted events (SPEC 4.3 step 6), one per ingest verticle instance (event loop). Requests
 * that arrive during one turn of the event loop are coalesced and written at the end of that turn by one call of
 * the {@code append.lua} script: XADD per event plus the dashboard counters, atomically, one round trip and one
 * reply for all of them (ADR 0007). With the shared rate limit on, the turn's requests go to one
 * {@link LimitedAppend} call instead, which gives each request its own verdict. A caller's future completes once
 * Redis has run its events' XADDs (or refused them).
 */
final class EventWriter {

  /** The stream field holding the event JSON (the queue convention of the foundation, RedisStreamQueue). */
  static final String STREAM_FIELD = "e";
  /** Events per script call; a single larger request goes alone. Bounds how long one call holds Redis. */
  static final int MAX_EVENTS_PER_CALL = 1000;

  /** Whether the events were appended, and (rate limiting on) how many events the window holds. */
  record Outcome(boolean appended, long inWindow) {
    static final Outcome APPENDED = new Outcome(true, -1);
  }

  private record Pending(List<byte[]> payloads, Promise<Outcome> promise) {
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

  Future<Outcome> append(List<byte[]> payloads) {
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
      appendPlain(group, events);
    } else {
      appendLimited(group);
    }
  }

  private void appendPlain(List<Pending> group, int events) {
    String[] keys = counters.keysNow();
    LuaScript.APPEND.run(redis, r -> {
      r.arg(4).arg(stream).arg(keys[0]).arg(keys[1]).arg(keys[2]).arg(STREAM_FIELD);
      for (long ttl : DashboardCounters.TTL_SECONDS) {
        r.arg(ttl);
      }
      for (Pending p : group) {
        for (byte[] payload : p.payloads) {
          r.arg(payload);
        }
      }
      return r;
    }).onComplete(ar -> {
      for (Pending p : group) {
        if (ar.succeeded()) {
          p.promise.complete(Outcome.APPENDED);
        } else {
          p.promise.fail(ar.cause());
        }
      }
    });
  }

  private void appendLimited(List<Pending> group) {
    String[] keys = counters.keysNow();
    List<List<byte[]>> requests = new ArrayList<>(group.size());
    group.forEach(p -> requests.add(p.payloads));
    LuaScript.LIMITED_APPEND.run(redis, (Request r) -> limiter.args(r, keys, requests)).onComplete(ar -> {
      for (int i = 0; i < group.size(); i++) {
        if (ar.failed()) {
          group.get(i).promise.fail(ar.cause());
        } else {
          group.get(i).promise.complete(new Outcome(ar.result().get(i + 1).toLong() == 1, ar.result().get(0).toLong()));
        }
      }
    });
  }
}
