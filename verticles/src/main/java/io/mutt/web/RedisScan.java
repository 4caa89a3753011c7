package io.mutt.web;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.List;

/** SCAN … MATCH … COUNT 100 to the end (REDIS_KEYS.md: never KEYS) and MGET of integer counters. */
final class RedisScan {

  private RedisScan() {
  }

  static Future<List<String>> keys(Redis redis, String pattern) {
    return scan(redis, pattern, "0", new ArrayList<>());
  }

  private static Future<List<String>> scan(Redis redis, String pattern, String cursor, List<String> acc) {
    return redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(100))
        .compose(resp -> {
          for (Response k : resp.get(1)) {
            acc.add(k.toString());
          }
          String next = resp.get(0).toString();
          return "0".equals(next) ? Future.succeededFuture(acc) : scan(redis, pattern, next, acc);
        });
  }

  /** Integer values of the keys, in order; a missing or non-integer value counts as 0. */
  static Future<List<Long>> mget(Redis redis, List<String> keys) {
    if (keys.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Request mget = Request.cmd(Command.MGET);
    keys.forEach(mget::arg);
    return redis.send(mget).map(resp -> {
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
