package io.mutt.forwarder;

import io.mutt.queue.DurableQueue;
import io.mutt.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;

/**
 * Makes an alert's outcome durable and acknowledges its stream entry in the same atomic server-side
 * step (ADR 0004), so a crash can neither lose the alert nor leave it both settled and pending:
 *
 * <ul>
 *   <li>{@link #deadLetter}: LPUSH to a DLQ list + XACK/XDEL;
 *   <li>{@link #later}: ZADD to the retry set {@code mutt:retry:moog}, scored by due time (Redis
 *       clock), + XACK/XDEL; the member is {@code <entry id>|<payload>}, so settling the same entry
 *       twice (after a crash) stores it once;
 *   <li>{@link #moveDue}: moves due members back to the alert stream (XADD + ZREM), run by every
 *       forwarder JVM.
 * </ul>
 *
 * Delivered alerts are acknowledged with {@link DurableQueue#ack} (a crash before it re-sends:
 * at-least-once).
 */
public final class OutcomeStore {

  private static final LuaScript DEAD_LETTER =
      new LuaScript(
          """
      redis.call('LPUSH', KEYS[1], ARGV[3])
      redis.call('XACK', KEYS[2], ARGV[1], ARGV[2])
      redis.call('XDEL', KEYS[2], ARGV[2])
      return redis.call('LLEN', KEYS[1])
      """);

  private static final LuaScript LATER =
      new LuaScript(
          """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2] .. '|' .. ARGV[4])
      redis.call('XACK', KEYS[2], ARGV[1], ARGV[2])
      redis.call('XDEL', KEYS[2], ARGV[2])
      return redis.call('ZCARD', KEYS[1])
      """);

  private static final LuaScript MOVE_DUE =
      new LuaScript(
          """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
      for _, m in ipairs(due) do
        local sep = string.find(m, '|', 1, true)
        redis.call('XADD', KEYS[2], '*', ARGV[2], string.sub(m, sep + 1))
        redis.call('ZREM', KEYS[1], m)
      end
      return {#due, redis.call('ZCARD', KEYS[1])}
      """);

  /**
   * Several partitions (ADR 0031): the retry set and the stream partitions live in different slots,
   * so parking is this ZADD alone (the entry is acknowledged after it) and moving back reads the
   * due members, appends each to the partition it came from (its member starts with the qualified
   * entry id) and then removes it. A crash between two steps repeats an alert rather than losing
   * it. KEYS[1] retry set; ARGV[1] entry id, ARGV[2] delay ms, ARGV[3] payload.
   */
  private static final LuaScript PARK =
      new LuaScript(
          """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1] .. '|' .. ARGV[3])
      return redis.call('ZCARD', KEYS[1])
      """);

  /** KEYS[1] retry set; ARGV[1] most members: the due members (Redis clock) and the set's size. */
  private static final LuaScript DUE =
      new LuaScript(
          """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      return {redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1])),
        redis.call('ZCARD', KEYS[1])}
      """);

  private final Redis redis;
  private final DurableQueue queue;
  private final String group;
  private final String retryKey;
  private final ForwarderMetrics metrics;

  public OutcomeStore(
      Redis redis, DurableQueue queue, String group, String retryKey, ForwarderMetrics metrics) {
    this.redis = redis;
    this.queue = queue;
    this.group = group;
    this.retryKey = retryKey;
    this.metrics = metrics;
  }

  /** Acknowledges delivered entries. */
  public Future<Void> delivered(List<String> ids) {
    return queue.ack(ids);
  }

  /**
   * Pushes {@code payload} to the head of {@code dlqKey} and acknowledges the entry; completes with
   * the DLQ depth.
   */
  public Future<Long> deadLetter(String dlqKey, String entryId, String payload) {
    if (queue.partitions() > 1) {
      return redis
          .send(Request.cmd(Command.LPUSH).arg(dlqKey).arg(payload))
          .compose(depth -> queue.ack(List.of(entryId)).map(depth.toLong()));
    }
    return DEAD_LETTER
        .run(redis, List.of(dlqKey, queue.name()), List.of(group, entryId, payload))
        .map(Response::toLong);
  }

  /** Parks {@code payload} for {@code delayMs} and acknowledges the entry. */
  public Future<Void> later(String entryId, String payload, long delayMs) {
    if (queue.partitions() > 1) {
      return PARK.run(redis, List.of(retryKey), List.of(entryId, Math.max(0, delayMs), payload))
          .onSuccess(r -> metrics.retryDepth.set(r.toLong()))
          .compose(r -> queue.ack(List.of(entryId)));
    }
    return LATER
        .run(
            redis,
            List.of(retryKey, queue.name()),
            List.of(group, entryId, Math.max(0, delayMs), payload))
        .onSuccess(r -> metrics.retryDepth.set(r.toLong()))
        .mapEmpty();
  }

  private Future<Integer> movePartitioned(int max) {
    return DUE.run(redis, List.of(retryKey), List.of(max))
        .compose(
            r -> {
              List<Future<Void>> moves = new java.util.ArrayList<>();
              for (Response m : r.get(0)) {
                String member = m.toString();
                int sep = member.indexOf('|');
                String id = member.substring(0, sep);
                String payload = member.substring(sep + 1);
                String stream = id.indexOf('/') > 0 ? queue.keyOf(id) : queue.keyFor(payload);
                moves.add(
                    redis
                        .send(
                            Request.cmd(Command.XADD)
                                .arg(stream)
                                .arg("*")
                                .arg(io.mutt.contract.StreamFields.PAYLOAD)
                                .arg(payload))
                        .compose(
                            x -> redis.send(Request.cmd(Command.ZREM).arg(retryKey).arg(member)))
                        .mapEmpty());
              }
              metrics.retryDepth.set(r.get(1).toLong() - moves.size());
              return Future.all(moves).map(moves.size());
            });
  }

  /** Moves up to {@code max} due alerts back to the stream; completes with how many moved. */
  public Future<Integer> moveDue(int max) {
    if (queue.partitions() > 1) {
      return movePartitioned(max);
    }
    return MOVE_DUE
        .run(
            redis,
            List.of(retryKey, queue.name()),
            List.of(max, io.mutt.contract.StreamFields.PAYLOAD))
        .map(
            r -> {
              metrics.retryDepth.set(r.get(1).toLong());
              return r.get(0).toInteger();
            });
  }
}
