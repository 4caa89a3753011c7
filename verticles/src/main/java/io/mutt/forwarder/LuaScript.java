package io.mutt.forwarder;

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
 * A server-side Redis script run by its SHA-1 (EVALSHA), loaded on first use and again after a {@code NOSCRIPT}
 * answer (e.g. after a Redis restart). Keys are passed as KEYS so a Redis Cluster can check they share a slot.
 */
public final class LuaScript {

  private final String source;
  private final String sha;

  public LuaScript(String source) {
    this.source = source;
    try {
      this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
          .digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Future<Response> run(Redis redis, List<String> keys, List<Object> args) {
    return redis.send(build(Command.EVALSHA, sha, keys, args)).recover(err -> {
      String msg = err.getMessage();
      if (msg != null && msg.startsWith("NOSCRIPT")) {
        return redis.send(build(Command.EVAL, source, keys, args));
      }
      return Future.failedFuture(err);
    });
  }

  /** The same call as one request, for pipelining in a batch (EVAL, so it never meets NOSCRIPT). */
  public Request request(List<String> keys, List<Object> args) {
    return build(Command.EVAL, source, keys, args);
  }

  private static Request build(Command cmd, String scriptOrSha, List<String> keys, List<Object> args) {
    Request r = Request.cmd(cmd).arg(scriptOrSha).arg(keys.size());
    keys.forEach(r::arg);
    for (Object a : args) {
      r.arg(String.valueOf(a));
    }
    return r;
  }
}
