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
 * duplicated, whatever else trims the list meanwhile. The same script refuses to append to a target
 * stream already at its bound (ADR 0018), which ends the round early: live traffic goes first.
 */
final class DlqReplayer {

  private static final Logger LOG = LoggerFactory.getLogger(DlqReplayer.class);

  private static final LuaScript MOVE_TAIL =
      new LuaScript(
          """
      if redis.call('LINDEX', KEYS[1], -1) ~= ARGV[1] then return 0 end
      if ARGV[3] == 'stream' then
        local bound = tonumber(ARGV[4])
        if bound > 0 and redis.call('XLEN', KEYS[2]) >= bound then return 2 end
        redis.call('XADD', KEYS[2], '*', '%s', ARGV[2])
      else
        redis.call('LPUSH', KEYS[2], ARGV[2])
      end
      redis.call('RPOP', KEYS[1])
      return 1
      """
              .formatted(StreamFields.PAYLOAD));

  /** What one round did: entries that left the DLQ, whether the target was full, depth after. */
  record Round(int moved, boolean targetFull, long depth) {}

  private static final int MOVED = 1;
  private static final int TARGET_FULL = 2;

  private final Redis redis;
  private final String name;
  private final String dlq;
  private final String targetStream;
  private final io.mutt.queue.DurableQueue target;
  private final String deadList;
  private final ReplayPolicy.Source source;
  private final RemediationMetrics metrics;

  DlqReplayer(
      Redis redis,
      String name,
      String dlq,
      io.mutt.queue.DurableQueue target,
      String deadList,
      ReplayPolicy.Source source,
      RemediationMetrics metrics) {
    this.redis = redis;
    this.name = name;
    this.dlq = dlq;
    this.target = target;
    this.targetStream = target.name();
    this.deadList = deadList;
    this.source = source;
    this.metrics = metrics;
  }

  String dlq() {
    return dlq;
  }

  /** The short name ({@code alerter}, {@code moog}) the API, CLI and drain reports use. */
  String name() {
    return name;
  }

  String targetStream() {
    return targetStream;
  }

  /** Entries in the target stream, over all its partitions. */
  Future<Long> targetDepth() {
    return target.depth();
  }

  /** Samples the DLQ depth gauge; completes with the depth. */
  Future<Long> depth() {
    return redis
        .send(Request.cmd(Command.LLEN).arg(dlq))
        .map(r -> r == null ? 0L : r.toLong())
        .onSuccess(d -> metrics.depth(dlq).set(d));
  }

  /**
   * Replays up to {@code batch} entries, oldest first, stopping early once the target stream holds
   * {@code targetBound} entries (0 = no bound); completes with what the round did.
   */
  Future<Round> replay(int batch, int maxPoison, long targetBound) {
    boolean[] full = new boolean[1];
    return depth()
        .compose(depth -> step((int) Math.min(batch, depth), maxPoison, targetBound, 0, full))
        .recover(
            err -> {
              metrics.replayFail("redis_error").increment();
              LOG.warn("replay of {} stopped: {}", dlq, err.getMessage());
              return Future.succeededFuture(0);
            })
        .compose(
            moved ->
                depth()
                    .map(d -> new Round(moved, full[0], d))
                    .otherwise(new Round(moved, full[0], -1)));
  }

  private Future<Integer> step(
      int remaining, int maxPoison, long targetBound, int moved, boolean[] full) {
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
              return moveOne(tail.toString(), maxPoison, targetBound)
                  .compose(
                      result -> {
                        if (result == TARGET_FULL) {
                          full[0] = true;
                          return Future.succeededFuture(moved);
                        }
                        return step(
                            remaining - 1,
                            maxPoison,
                            targetBound,
                            moved + (result == MOVED ? 1 : 0),
                            full);
                      });
            });
  }

  private Future<Integer> moveOne(String original, int maxPoison, long targetBound) {
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
          .map(0);
    }
    if (d.poison()) {
      return MOVE_TAIL
          .run(redis, List.of(dlq, deadList), List.of(original, original, "list", 0))
          .map(DlqReplayer::result)
          .onSuccess(
              r -> {
                if (r == MOVED) {
                  metrics.poison.increment();
                  LOG.warn("poison entry moved from {} to {}", dlq, deadList);
                }
              });
    }
    String text = d.replayed() == null ? original : new JsonObject(d.replayed()).encode();
    if (target.partitions() > 1) {
      return movePartitioned(original, text, targetBound);
    }
    return MOVE_TAIL
        .run(redis, List.of(dlq, targetStream), List.of(original, text, "stream", targetBound))
        .map(DlqReplayer::result)
        .onSuccess(
            r -> {
              if (r == MOVED) {
                metrics.replaySuccess.increment();
              }
            });
  }

  /**
   * Several target partitions (ADR 0031): the DLQ and the entry's partition are in different slots,
   * so the move is three steps — bound check over the partitions, the append to the partition of
   * the entry's hostname, then a compare-and-pop of the tail. A crash or a concurrent replay
   * between the append and the pop replays the entry twice; its {@code _event_id} keeps the second
   * one from producing a second audit row or alert (ADR 0003).
   */
  private Future<Integer> movePartitioned(String original, String text, long targetBound) {
    Future<Boolean> room =
        targetBound > 0
            ? target.depth().map(depth -> depth < targetBound)
            : Future.succeededFuture(true);
    return room.compose(
        ok -> {
          if (!ok) {
            return Future.succeededFuture(TARGET_FULL);
          }
          return target
              .append(text)
              .compose(id -> POP_TAIL.run(redis, List.of(dlq), List.of(original)))
              .map(r -> MOVED)
              .onSuccess(r -> metrics.replaySuccess.increment());
        });
  }

  /** KEYS[1] the DLQ; ARGV[1] the entry read: pops the tail if it is still that entry. */
  private static final LuaScript POP_TAIL =
      new LuaScript(
          """
      if redis.call('LINDEX', KEYS[1], -1) == ARGV[1] then redis.call('RPOP', KEYS[1]) return 1 end
      return 0
      """);

  /** 0 the tail changed meanwhile, {@link #MOVED}, or {@link #TARGET_FULL}. */
  private static int result(Response r) {
    return r == null ? 0 : r.toInteger();
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
