package io.mutt.ingest;

import io.mutt.contract.StreamFields;
import io.mutt.pipeline.ratelimit.MemberIds;
import io.mutt.pipeline.ratelimit.SlidingWindowLimit;
import io.vertx.redis.client.Request;
import java.util.List;

/**
 * The shared ingest limiter fused with the append (ADR 0007): one Lua script ({@code
 * limited-append.lua}) takes the requests of one event-loop turn and, for each in order, checks the
 * sliding window and, only when the request fits, appends its events, records them in the window
 * and bumps the dashboard counters. A refused request therefore enqueues nothing, and all requests
 * of a turn cost one round trip.
 */
final class LimitedAppend {

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

  /**
   * Adds keys and arguments to an EVALSHA/EVAL request whose first argument is already set: the
   * requests' event counts, then their payloads, in order. The reply is {@code [inWindow, verdict
   * per request (1/0)]}.
   */
  /**
   * The arguments of a decision-only call (several partitions, ADR 0031): the limiter key alone and
   * an empty stream field, so the script records admitted requests in the window and appends
   * nothing; no payloads are sent.
   */
  Request limitOnlyArgs(Request r, List<List<byte[]>> requests) {
    r.arg(1)
        .arg(limiterKey)
        .arg(limit.maxEvents())
        .arg(limit.windowSeconds())
        .arg(limit.ttlMillis())
        .arg(members.next())
        .arg("")
        .arg(requests.size());
    for (List<byte[]> events : requests) {
      r.arg(events.size());
    }
    return r;
  }

  Request args(Request r, String[] counterKeys, List<List<byte[]>> requests) {
    r.arg(2 + counterKeys.length).arg(limiterKey).arg(stream);
    for (String k : counterKeys) {
      r.arg(k);
    }
    r.arg(limit.maxEvents())
        .arg(limit.windowSeconds())
        .arg(limit.ttlMillis())
        .arg(members.next())
        .arg(StreamFields.PAYLOAD)
        .arg(requests.size());
    for (long ttl : DashboardCounters.TTL_SECONDS) {
      r.arg(ttl);
    }
    for (List<byte[]> events : requests) {
      r.arg(events.size());
    }
    for (List<byte[]> events : requests) {
      for (byte[] p : events) {
        r.arg(p);
      }
    }
    return r;
  }
}
