package io.mutt.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * A server-side Redis script run by its SHA-1 ({@code EVALSHA}). When Redis answers {@code
 * NOSCRIPT} (first use, a restart, {@code SCRIPT FLUSH}) nothing ran, so the call is repeated with
 * the full text ({@code EVAL}) and can never apply twice. Keys are passed as KEYS so a Redis
 * Cluster can check they share a slot.
 */
public final class LuaScript {

  private final String source;
  private final String sha;

  public LuaScript(String source) {
    this.source = source;
    try {
      this.sha =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-1")
                      .digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A script kept as a resource beside {@code anchor} (e.g. {@code
   * io/mutt/ingest/limited-append.lua}).
   */
  public static LuaScript fromResource(Class<?> anchor, String resource) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot load " + resource, e);
    }
  }

  public String source() {
    return source;
  }

  /** Runs the script with these keys and arguments. */
  public Future<Response> run(Redis redis, List<String> keys, List<?> args) {
    return run(redis, r -> withKeysAndArgs(r, keys, args));
  }

  /**
   * Runs the script with the rest of the request built by {@code call}, which receives the request
   * holding the command and its first word (the SHA, or the text on a NOSCRIPT retry) and adds
   * numkeys, keys and arguments.
   */
  public Future<Response> run(Redis redis, Function<Request, Request> call) {
    return redis
        .send(call.apply(Request.cmd(Command.EVALSHA).arg(sha)))
        .recover(
            err ->
                isNoScript(err)
                    ? redis.send(call.apply(Request.cmd(Command.EVAL).arg(source)))
                    : Future.failedFuture(err));
  }

  /** One call by SHA ({@code EVALSHA}), for {@link #batch}. */
  public Request call(List<String> keys, List<?> args) {
    return withKeysAndArgs(Request.cmd(Command.EVALSHA).arg(sha), keys, args);
  }

  /**
   * Several {@link #call}s of this script in one pipelined round trip; on NOSCRIPT the script is
   * loaded once and the batch repeated (no call of a batch that met NOSCRIPT ran).
   */
  public Future<List<Response>> batch(Redis redis, List<Request> calls) {
    if (calls.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return redis
        .batch(calls)
        .recover(err -> isNoScript(err) ? loadedThenRun(redis, calls) : Future.failedFuture(err));
  }

  /**
   * The batch again behind a {@code SCRIPT LOAD} in the same batch: on one connection to one server
   * (on Redis Cluster, the master of the calls' slot, which a separate SCRIPT LOAD would not
   * reach).
   */
  private Future<List<Response>> loadedThenRun(Redis redis, List<Request> calls) {
    List<Request> all = new java.util.ArrayList<>(calls.size() + 1);
    all.add(Request.cmd(Command.SCRIPT).arg("LOAD").arg(source));
    all.addAll(calls);
    return redis.batch(all).map(r -> r.subList(1, r.size()));
  }

  /** One call as a request for a pipelined batch (EVAL, so it never meets NOSCRIPT). */
  public Request request(List<String> keys, List<?> args) {
    return withKeysAndArgs(Request.cmd(Command.EVAL).arg(source), keys, args);
  }

  private static Request withKeysAndArgs(Request r, List<String> keys, List<?> args) {
    r.arg(keys.size());
    keys.forEach(r::arg);
    for (Object a : args) {
      r.arg(String.valueOf(a));
    }
    return r;
  }

  static boolean isNoScript(Throwable err) {
    return err.getMessage() != null && err.getMessage().contains("NOSCRIPT");
  }
}
