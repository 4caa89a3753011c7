package io.mutt.redis;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * SCAN … MATCH to the end (for a hash-tagged pattern, on the server of that slot) (never KEYS,
 * which blocks Redis for the whole keyspace) and MGET of integer counters. The scan is an iterative
 * loop completing one promise, so a keyspace of millions of keys neither nests futures nor
 * overflows the stack.
 */
public final class RedisScan {

  private RedisScan() {}

  public static Future<List<String>> keys(Redis redis, String pattern) {
    Promise<List<String>> done = Promise.promise();
    step(redis, pattern, "0", new ArrayList<>(), done);
    return done.future();
  }

  private static void step(
      Redis redis, String pattern, String cursor, List<String> acc, Promise<List<String>> done) {
    Request scan =
        Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(1000);
    Future<Response> page;
    String tag = RedisMode.hashTag(pattern);
    if (tag == null) {
      page = redis.send(scan);
    } else {
      // SCAN names no key, so a Redis Cluster client would send it to any node: batched behind a
      // read of a key in the pattern's slot, it runs on the master that holds the matching keys
      page =
          redis
              .batch(List.of(Request.cmd(Command.EXISTS).arg("{" + tag + "}"), scan))
              .map(r -> r.get(1));
    }
    page.onFailure(done::fail)
        .onSuccess(
            resp -> {
              for (Response k : resp.get(1)) {
                acc.add(k.toString());
              }
              String next = resp.get(0).toString();
              if ("0".equals(next)) {
                done.complete(acc);
              } else {
                step(redis, pattern, next, acc, done);
              }
            });
  }

  /** Integer values of the keys, in order; a missing or non-integer value counts as 0. */
  public static Future<List<Long>> mget(Redis redis, List<String> keys) {
    if (keys.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Request mget = Request.cmd(Command.MGET);
    keys.forEach(mget::arg);
    return redis
        .send(mget)
        .map(
            resp -> {
              List<Long> out = new ArrayList<>(keys.size());
              for (int i = 0; i < keys.size(); i++) {
                Response v = resp.get(i);
                long n = 0;
                if (v != null) {
                  try {
                    n = Long.parseLong(v.toString().trim());
                  } catch (NumberFormatException e) {
                    n = 0;
                  }
                }
                out.add(n);
              }
              return out;
            });
  }
}
