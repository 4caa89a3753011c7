package io.mutt.remediation;

import io.mutt.contract.StreamFields;
import io.mutt.pipeline.delivery.ReplayPolicy;
import io.mutt.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays one DLQ list: up to a batch of its oldest entries (tail), each decided by {@link
 * ReplayPolicy} and moved by one atomic script that checks the tail is still the entry that was
 * read, appends the replayed text to the target (stream field {@link StreamFields#PAYLOAD}) or the
 * exact text to the dead list, and pops it — so an entry is never lost between lists and never
 * duplicated, whatever else trims the list meanwhile.
 */
final class DlqReplayer {

  private static final Logger LOG = LoggerFactory.getLogger(DlqReplayer.class);

  private static final LuaScript MOVE_TAIL =
      new LuaScript(
          """
      if redis.call('LINDEX', KEYS[1], -1) ~= ARGV[1] then return 0 end
      if ARGV[3] == 'stream' then
        redis.call('XADD', KEYS[2], '*', '%s', ARGV[2])
      else
        redis.call('LPUSH', KEYS[2], ARGV[2])
      end
      redis.call('RPOP', KEYS[1])
      return 1
      """
              .formatted(StreamFields.PAYLOAD));

  private final Redis redis;
  private final String dlq;
  private final String targetStream;
  private final String deadList;
  private final ReplayPolicy.Source source;
  private final RemediationMetrics metrics;

  DlqReplayer(
      Redis redis,
      String dlq,
      String targetStream,
      String deadList,
      ReplayPolicy.Source source,
      RemediationMetrics metrics) {
    this.redis = redis;
    this.dlq = dlq;
    this.targetStream = targetStream;
    this.deadList = deadList;
    this.source = source;
    this.metrics = metrics;
  }

  String dlq() {
    return dlq;
  }

  /** Samples the DLQ depth gauge; completes with the depth. */
  Future<Long> depth() {
    return redis
        .send(Request.cmd(Command.LLEN).arg(dlq))
        .map(r -> r == null ? 0L : r.toLong())
        .onSuccess(d -> metrics.depth(dlq).set(d));
  }

  /** Replays up to {@code batch} entries; completes with how many left the DLQ. */
  Future<Integer> replay(int batch, int maxPoison) {
    return depth()
        .compose(depth -> step((int) Math.min(batch, depth), maxPoison, 0))
        .recover(
            err -> {
              metrics.replayFail("redis_error").increment();
              LOG.warn("replay of {} stopped: {}", dlq, err.getMessage());
              return Future.succeededFuture(0);
            })
        .compose(moved -> depth().map(d -> moved).otherwise(moved));
  }

  private Future<Integer> step(int remaining, int maxPoison, int moved) {
    if (remaining <= 0) {
      return Future.succeededFuture(moved);
    }
    return redis
        .send(Request.cmd(Command.LINDEX).arg(dlq).arg(-1))
        .compose(
            tail -> {
              if (tail == null) {
                return Future.succeededFuture(moved);
              }
              return moveOne(tail.toString(), maxPoison)
                  .compose(ok -> step(remaining - 1, maxPoison, moved + (ok ? 1 : 0)));
            });
  }

  private Future<Boolean> moveOne(String original, int maxPoison) {
    ReplayPolicy.Decision d;
    try {
      d = ReplayPolicy.decide(source, parse(original), maxPoison);
    } catch (RuntimeException e) {
      metrics.replayFail("processing_error").increment();
      LOG.warn(
          "DLQ entry of {} cannot be processed ({}); rotated to the head",
          dlq,
          e.getClass().getSimpleName());
      return redis
          .send(Request.cmd(Command.LMOVE).arg(dlq).arg(dlq).arg("RIGHT").arg("LEFT"))
          .map(false);
    }
    if (d.poison()) {
      return MOVE_TAIL
          .run(redis, List.of(dlq, deadList), List.of(original, original, "list"))
          .map(DlqReplayer::moved)
          .onSuccess(
              ok -> {
                if (ok) {
                  metrics.poison.increment();
                  LOG.warn("poison entry moved from {} to {}", dlq, deadList);
                }
              });
    }
    String text = d.replayed() == null ? original : new JsonObject(d.replayed()).encode();
    return MOVE_TAIL
        .run(redis, List.of(dlq, targetStream), List.of(original, text, "stream"))
        .map(DlqReplayer::moved)
        .onSuccess(
            ok -> {
              if (ok) {
                metrics.replaySuccess.increment();
              }
            });
  }

  private static boolean moved(Response r) {
    return r != null && r.toInteger() == 1;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String text) {
    try {
      return new JsonObject(text).getMap();
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }
}
