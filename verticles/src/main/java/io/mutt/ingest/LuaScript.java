package io.mutt.ingest;

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
import java.util.function.Function;

/**
 * A Lua script of the ingest write path, run by SHA (EVALSHA) and re-sent in full (EVAL) only when Redis answers
 * NOSCRIPT, e.g. after a restart emptied its script cache. NOSCRIPT means nothing ran, so the retry cannot write
 * twice.
 */
record LuaScript(String name, String text, String sha) {

  static final LuaScript APPEND = load("append.lua");
  static final LuaScript LIMITED_APPEND = load("limited-append.lua");

  /** Sends the call built by {@code call} (given the first request word: the SHA or the script text). */
  Future<Response> run(Redis redis, Function<Request, Request> call) {
    return redis.send(call.apply(Request.cmd(Command.EVALSHA).arg(sha)))
        .recover(err -> String.valueOf(err.getMessage()).startsWith("NOSCRIPT")
            ? redis.send(call.apply(Request.cmd(Command.EVAL).arg(text))) : Future.failedFuture(err));
  }

  static LuaScript load(String resource) {
    try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new LuaScript(resource, text, HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8))));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot load " + resource, e);
    }
  }
}
