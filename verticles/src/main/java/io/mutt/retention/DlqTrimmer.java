package io.mutt.retention;

import io.mutt.pipeline.retention.DlqTrimRule;
import io.mutt.pipeline.retention.DlqTrimRule.Verdict;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Instant;

/**
 * Removes expired entries from the tail (oldest end) of one dead-letter LIST
 * (docs/reference/redis-keys.md): at most {@code batch} times it reads the tail with {@code LINDEX
 * -1}, asks {@link DlqTrimRule} about it and, when expired, pops exactly that value with a one-key
 * script that pops only while the tail is still the same string, so a concurrent remediation pop or
 * push-back never makes it remove the wrong entry. It stops at the first recent, undated or
 * non-JSON entry. A dry run walks the list with {@code LINDEX -1-i} and counts.
 */
final class DlqTrimmer {

  static final String POP_IF_TAIL =
      "if redis.call('LINDEX', KEYS[1], -1) == ARGV[1] then"
          + " redis.call('RPOP', KEYS[1]) return 1 end return 0";

  private final Redis redis;

  DlqTrimmer(Redis redis) {
    this.redis = redis;
  }

  /** Answers the number of entries removed (or that would be removed) from {@code key}. */
  Future<Long> trim(String key, Instant cutoff, int batch, boolean dryRun) {
    return step(key, cutoff, batch, dryRun, 0, 0);
  }

  private Future<Long> step(
      String key, Instant cutoff, int batch, boolean dryRun, int examined, long removed) {
    if (examined >= batch) {
      return Future.succeededFuture(removed);
    }
    long index = dryRun ? -1L - examined : -1L;
    return redis
        .send(Request.cmd(Command.LINDEX).arg(key).arg(index))
        .compose(
            tail -> {
              if (tail == null || verdict(tail.toString(), cutoff) != Verdict.EXPIRED) {
                return Future.succeededFuture(removed);
              }
              if (dryRun) {
                return step(key, cutoff, batch, true, examined + 1, removed + 1);
              }
              return popIfTail(key, tail.toString())
                  .compose(
                      popped ->
                          step(
                              key, cutoff, batch, false, examined + 1, removed + (popped ? 1 : 0)));
            });
  }

  private Future<Boolean> popIfTail(String key, String value) {
    return redis
        .send(Request.cmd(Command.EVAL).arg(POP_IF_TAIL).arg(1).arg(key).arg(value))
        .map(r -> r != null && r.toInteger() == 1);
  }

  static Verdict verdict(String entry, Instant cutoff) {
    try {
      JsonObject json = new JsonObject(entry);
      return DlqTrimRule.decide(json.getValue("failed_at"), json.getValue("timestamp"), cutoff);
    } catch (DecodeException | ClassCastException notAnObject) {
      return Verdict.UNDATED;
    }
  }
}
