package io.mutt.redis;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Redis client is connected to right now, for {@code /health} and {@code mutt status}: the
 * mode, the current master(s) and their replicas. A standalone server and the Sentinel master are
 * asked on a pooled connection ({@code INFO replication} for the replicas, {@code CLIENT INFO} for
 * the address the connection reached, which after a failover is the promoted replica); a cluster
 * answers {@code CLUSTER NODES}.
 */
public final class RedisTopology {

  private final Redis redis;
  private final RedisMode mode;

  public RedisTopology(Redis redis, RedisMode mode) {
    this.redis = redis;
    this.mode = mode;
  }

  /** The topology of the runtime's client. */
  public static RedisTopology of(io.mutt.runtime.MuttRuntime rt) {
    return new RedisTopology(rt.redis(), RedisMode.from(rt.config()));
  }

  /**
   * {@code {"mode": …, "masters": [{"address": …, "replicas": n}], "master_name": …}}; never fails
   * (an unreachable Redis gives {@code "error"}).
   */
  public Future<JsonObject> describe() {
    JsonObject out = new JsonObject().put("mode", mode.kind().label());
    if (mode.masterName() != null) {
      out.put("master_name", mode.masterName());
    }
    Future<JsonArray> masters =
        mode.kind() == RedisMode.Kind.CLUSTER ? clusterMasters() : singleMaster();
    return masters
        .map(m -> out.put("masters", m))
        .recover(err -> Future.succeededFuture(out.put("error", String.valueOf(err.getMessage()))));
  }

  private Future<JsonArray> singleMaster() {
    return redis
        .batch(
            List.of(
                Request.cmd(Command.INFO).arg("replication"),
                Request.cmd(Command.CLIENT).arg("INFO")))
        .map(
            r -> {
              Map<String, String> info = fields(r.get(0).toString(), "\r?\n", ":");
              Map<String, String> client = fields(r.get(1).toString().trim(), " ", "=");
              String address = client.getOrDefault("laddr", mode.endpoints().get(0).toString());
              return new JsonArray()
                  .add(
                      new JsonObject()
                          .put("address", address)
                          .put("role", info.getOrDefault("role", "unknown"))
                          .put("replicas", parseInt(info.get("connected_slaves"))));
            });
  }

  private Future<JsonArray> clusterMasters() {
    return redis
        .send(Request.cmd(Command.CLUSTER).arg("NODES"))
        .map(r -> clusterNodes(r.toString()));
  }

  /** The live masters of a {@code CLUSTER NODES} answer with their slot ranges and replicas. */
  static JsonArray clusterNodes(String nodes) {
    Map<String, JsonObject> masters = new LinkedHashMap<>();
    Map<String, Integer> replicas = new LinkedHashMap<>();
    for (String line : nodes.split("\r?\n")) {
      String[] f = line.trim().split(" ");
      if (f.length < 8) {
        continue;
      }
      String flags = f[2];
      if (flags.contains("fail") && !flags.contains("fail?")) {
        continue;
      }
      String address = f[1].split("@")[0];
      if (flags.contains("master")) {
        JsonArray slots = new JsonArray();
        for (int i = 8; i < f.length; i++) {
          if (!f[i].startsWith("[")) {
            slots.add(f[i]);
          }
        }
        if (!slots.isEmpty()) {
          masters.put(f[0], new JsonObject().put("address", address).put("slots", slots));
        }
      } else if (flags.contains("slave") && !"-".equals(f[3])) {
        replicas.merge(f[3], 1, Integer::sum);
      }
    }
    JsonArray out = new JsonArray();
    masters.forEach(
        (id, m) -> out.add(m.put("role", "master").put("replicas", replicas.getOrDefault(id, 0))));
    return out;
  }

  private static Map<String, String> fields(String text, String separator, String assign) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : text.split(separator)) {
      int i = line.indexOf(assign);
      if (i > 0) {
        out.put(line.substring(0, i).trim(), line.substring(i + 1).trim());
      }
    }
    return out;
  }

  private static int parseInt(String s) {
    try {
      return s == null ? 0 : Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
