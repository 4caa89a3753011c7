package io.mutt.alerter;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A server-side Redis script called by its SHA-1 ({@code EVALSHA}); when Redis answers {@code NOSCRIPT} (first use,
 * restart, {@code SCRIPT FLUSH}) the script is loaded once and the call repeated. A script that failed with
 * NOSCRIPT did not run, so repeating it never applies it twice.
 */
final class LuaScript {

  private final String body;
  private final String sha;

  LuaScript(String body) {
    this.body = body;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8));
      this.sha = HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  Request call(List<String> keys, List<String> args) {
    Request r = Request.cmd(Command.EVALSHA).arg(sha).arg(keys.size());
    keys.forEach(r::arg);
    args.forEach(r::arg);
    return r;
  }

  Future<Response> send(Redis redis, List<String> keys, List<String> args) {
    return redis.send(call(keys, args)).recover(err -> isNoScript(err)
        ? load(redis).compose(v -> redis.send(call(keys, args))) : Future.failedFuture(err));
  }

  /** Runs several calls of this script in one pipelined round trip. */
  Future<List<Response>> batch(Redis redis, List<Request> calls) {
    if (calls.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return redis.batch(calls).recover(err -> isNoScript(err)
        ? load(redis).compose(v -> redis.batch(calls)) : Future.failedFuture(err));
  }

  private Future<Void> load(Redis redis) {
    return redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(body)).mapEmpty();
  }

  private static boolean isNoScript(Throwable err) {
    return err.getMessage() != null && err.getMessage().contains("NOSCRIPT");
  }
}
