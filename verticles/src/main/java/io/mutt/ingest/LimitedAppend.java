package io.mutt.ingest;

import io.mutt.pipeline.ratelimit.MemberIds;
import io.mutt.pipeline.ratelimit.SlidingWindowLimit;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The shared ingest limiter of SPEC 4.4 fused with the append (ADR 0007): one Lua script checks the sliding window
 * and, only when the request fits, appends its events, records them in the window and bumps the dashboard counters.
 * A refused request therefore enqueues nothing, and an accepted one costs one round trip. Builds the EVALSHA (or,
 * after a Redis restart emptied the script cache, EVAL) request for one HTTP request's events.
 */
final class LimitedAppend {

  static final String SCRIPT = load();
  static final String SHA = sha1(SCRIPT);

  private final SlidingWindowLimit limit;
  private final MemberIds members;
  private final String limiterKey;
  private final String stream;

  LimitedAppend(SlidingWindowLimit limit, MemberIds members, String limiterKey, String stream) {
    this.limit = limit;
    this.members = members;
    this.limiterKey = limiterKey;
    this.stream = stream;
  }

  SlidingWindowLimit limit() {
    return limit;
  }

  Request request(boolean bySha, String[] counterKeys, List<Buffer> payloads) {
    Request r = Request.cmd(bySha ? Command.EVALSHA : Command.EVAL).arg(bySha ? SHA : SCRIPT).arg(5)
        .arg(limiterKey).arg(stream).arg(counterKeys[0]).arg(counterKeys[1]).arg(counterKeys[2])
        .arg(limit.maxEvents()).arg(limit.windowSeconds()).arg(limit.ttlMillis()).arg(members.next())
        .arg(EventWriter.STREAM_FIELD);
    for (long ttl : DashboardCounters.TTL_SECONDS) {
      r.arg(ttl);
    }
    for (Buffer p : payloads) {
      r.arg(p);
    }
    return r;
  }

  private static String load() {
    try (InputStream in = LimitedAppend.class.getResourceAsStream("limited-append.lua")) {
      if (in == null) {
        throw new IllegalStateException("limited-append.lua is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read limited-append.lua", e);
    }
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
