package io.mutt.web;

import io.mutt.contract.DrainReport;
import io.mutt.contract.RedisKeys;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;

/**
 * Each replayed DLQ's depth and drain estimate for the dashboard (ADR 0018): the live depth (LLEN)
 * divided by the rate in the remediation leader's last {@link DrainReport}. {@code drain_seconds}
 * is 0 for an empty DLQ, -1 while it is not draining, null when no leader reports.
 */
final class DrainViews {

  /** The DLQs remediation replays, by short name. */
  static final List<String> REPLAYED = List.of("alerter", "moog");

  private DrainViews() {}

  /** The read to add to a batch: the reports hash. */
  static Request read(RedisKeys keys) {
    return Request.cmd(Command.HGETALL).arg(keys.remediationDrain);
  }

  /**
   * {@code {"alerter": {depth, drain_seconds, drain_state}, "moog": {...}}} from an HGETALL answer
   * and the live depths, in {@link #REPLAYED} order.
   */
  static JsonObject of(Response reports, long... depths) {
    JsonObject out = new JsonObject();
    for (int i = 0; i < REPLAYED.size(); i++) {
      String name = REPLAYED.get(i);
      Response stored = reports == null ? null : reports.get(name);
      out.put(
          name,
          DrainReport.view(
              DrainReport.parse(stored == null ? null : stored.toString()), depths[i]));
    }
    return out;
  }
}
