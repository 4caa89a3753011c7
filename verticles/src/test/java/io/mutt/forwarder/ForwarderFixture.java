package io.mutt.forwarder;

import io.mutt.contract.ConsumerGroups;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Redis-side helpers for forwarder tests: append alerts to the stream, read lists and counters. */
final class ForwarderFixture {

  private final MuttRuntime rt;

  ForwarderFixture(MuttRuntime rt) {
    this.rt = rt;
  }

  static JsonObject alert(String host, String correlationId) {
    return new JsonObject()
        .put("hostname", host)
        .put("team_assignment", "NetOps")
        .put("severity", "Critical")
        .put("message_body", "link down on " + host)
        .put(
            "raw_json",
            new JsonObject()
                .put("hostname", host)
                .put("message", "link down")
                .put("_correlation_id", correlationId))
        .put("_correlation_id", correlationId)
        .put("_event_id", UUID.randomUUID().toString());
  }

  /** Appends alerts to the alert stream as the alerter would; returns their correlation ids. */
  List<String> append(int n, String prefix) {
    List<String> payloads = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String cid = prefix + "-" + i;
      ids.add(cid);
      payloads.add(alert("host-" + i, cid).encode());
    }
    io.mutt.queue.DurableQueue.redisStream(
            rt.redis(), rt.keys().alertQueue, ConsumerGroups.FORWARDER)
        .appendAll(payloads)
        .await();
    return ids;
  }

  void appendRaw(String payload) {
    io.mutt.queue.DurableQueue.redisStream(
            rt.redis(), rt.keys().alertQueue, ConsumerGroups.FORWARDER)
        .append(payload)
        .await();
  }

  long len(String listKey) {
    Response r = rt.redis().send(Request.cmd(Command.LLEN).arg(listKey)).await();
    return r == null ? 0 : r.toLong();
  }

  long streamLen() {
    Response r = rt.redis().send(Request.cmd(Command.XLEN).arg(rt.keys().alertQueue)).await();
    return r == null ? 0 : r.toLong();
  }

  long retryLen() {
    Response r = rt.redis().send(Request.cmd(Command.ZCARD).arg(rt.keys().moogRetry)).await();
    return r == null ? 0 : r.toLong();
  }

  List<JsonObject> list(String listKey) {
    Response r = rt.redis().send(Request.cmd(Command.LRANGE).arg(listKey).arg(0).arg(-1)).await();
    List<JsonObject> out = new ArrayList<>();
    for (Response e : r) {
      out.add(new JsonObject(e.toString()));
    }
    return out;
  }

  String get(String key) {
    Response r = rt.redis().send(Request.cmd(Command.GET).arg(key)).await();
    return r == null ? null : r.toString();
  }

  /** Sum of a Prometheus sample family matching a name and an optional label fragment. */
  double metric(String name, String labelFragment) {
    double sum = 0;
    for (String line : rt.registry().scrape().split("\n")) {
      if (line.startsWith(name)
          && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ')
          && (labelFragment == null || line.contains(labelFragment))) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }
}
