package io.mutt.remediation;

import io.mutt.contract.DrainReport;
import io.mutt.contract.RedisKeys;
import io.mutt.pipeline.delivery.CircuitState;
import io.mutt.pipeline.delivery.DrainState;
import io.mutt.pipeline.delivery.ReplayPace;
import io.mutt.runtime.DynamicConfig;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One remediation round (ADR 0018). Reads the shared circuit state, each DLQ's depth and each
 * target stream's length in one round trip; replays a batch from every DLQ that may drain (Moogsoft
 * healthy, circuit CLOSED, target below {@code alerter_queue_warn_threshold}); records depth and
 * drain-estimate gauges and publishes one {@link DrainReport} per DLQ; answers how long to wait
 * before the next round: the time the moved entries take at the {@link ReplayPace}, a short recheck
 * while a target is full, else the idle {@code remediation_interval}.
 */
final class PacedReplay {

  /** Shortest wait before looking again at a full target stream. */
  static final long RECHECK_MS = 1000;

  private final Redis redis;
  private final RedisKeys keys;
  private final List<DlqReplayer> replayers;
  private final RemediationSettings settings;
  private final DynamicConfig dynamic;
  private final RemediationMetrics metrics;

  PacedReplay(
      Redis redis,
      RedisKeys keys,
      List<DlqReplayer> replayers,
      RemediationSettings settings,
      DynamicConfig dynamic,
      RemediationMetrics metrics) {
    this.redis = redis;
    this.keys = keys;
    this.replayers = replayers;
    this.settings = settings;
    this.dynamic = dynamic;
    this.metrics = metrics;
  }

  /** The idle cadence: dynamic {@code remediation_interval} seconds (at least 10 ms). */
  long idleMs() {
    return Math.max(
        10,
        Math.round(
            dynamic.getDouble("remediation_interval", settings.intervalMs() / 1000.0) * 1000));
  }

  ReplayPace pace() {
    double fraction = dynamic.getDouble("remediation_replay_rate", settings.replayRate());
    if (!(fraction > 0) || fraction > 1) {
      fraction = settings.replayRate();
    }
    long limit = Math.max(1, dynamic.getLong("moog_rate_limit", settings.moogRateLimit()));
    double period = dynamic.getDouble("moog_rate_period", settings.moogRatePeriodSeconds());
    return new ReplayPace(fraction, limit, period > 0 ? period : settings.moogRatePeriodSeconds());
  }

  /** Bound of both target streams: dynamic {@code alerter_queue_warn_threshold}. */
  long targetBound() {
    return Math.max(
        1, dynamic.getLong("alerter_queue_warn_threshold", settings.targetWarnThreshold()));
  }

  /**
   * Runs one round; completes with the milliseconds from its start to the next round. Never fails:
   * a Redis error answers the idle cadence.
   */
  Future<Long> round(boolean moogHealthy, BooleanSupplier leading) {
    List<Request> reads = new ArrayList<>();
    reads.add(Request.cmd(Command.GET).arg(keys.circuitState));
    List<Future<Long>> targets = new ArrayList<>();
    for (DlqReplayer r : replayers) {
      reads.add(Request.cmd(Command.LLEN).arg(r.dlq()));
      targets.add(r.targetDepth());
    }
    long idle = idleMs();
    Future<List<Response>> lists = redis.batch(reads);
    return Future.all(lists, Future.all(targets))
        .compose(
            all ->
                replayAll(
                    lists.result(),
                    targets.stream().map(Future::result).toList(),
                    moogHealthy,
                    leading,
                    idle))
        .otherwise(idle);
  }

  private Future<Long> replayAll(
      List<Response> rs,
      List<Long> targetDepths,
      boolean moogHealthy,
      BooleanSupplier leading,
      long idle) {
    Response stored = rs.get(0);
    CircuitState circuit = CircuitState.parse(stored == null ? null : stored.toString());
    ReplayPace pace = pace();
    long bound = targetBound();
    int batch = (int) Math.max(1, dynamic.getLong("remediation_batch_size", settings.batchSize()));
    int maxPoison =
        (int) Math.max(1, dynamic.getLong("max_poison_retries", settings.maxPoisonRetries()));
    int n = replayers.size();
    DrainState[] states = new DrainState[n];
    long[] depths = new long[n];
    int[] moved = new int[n];
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < n; i++) {
      int idx = i;
      DlqReplayer r = replayers.get(i);
      depths[i] = number(rs.get(1 + i));
      metrics.depth(r.dlq()).set(depths[i]);
      states[i] = DrainState.before(moogHealthy, circuit, depths[i], targetDepths.get(i), bound);
      if (states[i] != DrainState.DRAINING) {
        continue;
      }
      chain =
          chain.compose(
              v -> {
                if (!leading.getAsBoolean()) {
                  return Future.succeededFuture();
                }
                return r.replay(batch, maxPoison, bound)
                    .map(
                        round -> {
                          moved[idx] = round.moved();
                          if (round.depth() >= 0) {
                            depths[idx] = round.depth();
                          }
                          if (round.moved() == 0) {
                            states[idx] =
                                round.targetFull()
                                    ? DrainState.PAUSED_TARGET_FULL
                                    : depths[idx] == 0 ? DrainState.EMPTY : DrainState.DRAINING;
                          }
                          return null;
                        });
              });
    }
    return chain.compose(v -> publish(states, depths, moved, pace, idle));
  }

  private Future<Long> publish(
      DrainState[] states, long[] depths, int[] moved, ReplayPace pace, long idle) {
    long total = 0;
    for (int m : moved) {
      total += m;
    }
    long now = System.currentTimeMillis();
    List<Request> writes = new ArrayList<>();
    Request hset = Request.cmd(Command.HSET).arg(keys.remediationDrain);
    boolean waiting = false;
    for (int i = 0; i < replayers.size(); i++) {
      DlqReplayer r = replayers.get(i);
      double rate =
          states[i] == DrainState.DRAINING && total > 0 ? pace.perSecond() * moved[i] / total : 0;
      metrics.drainSeconds(r.dlq()).set(ReplayPace.drainSeconds(depths[i], rate));
      hset.arg(r.name()).arg(new DrainReport(states[i], rate, depths[i], now).encode());
      waiting |= states[i] == DrainState.PAUSED_TARGET_FULL || states[i] == DrainState.DRAINING;
    }
    writes.add(hset);
    writes.add(Request.cmd(Command.PEXPIRE).arg(keys.remediationDrain).arg(reportTtlMs(idle)));
    long next;
    if (total > 0) {
      next = pace.roundMs(total);
    } else if (waiting) {
      next = Math.min(idle, Math.max(RECHECK_MS, pace.roundMs(settings.batchSize())));
    } else {
      next = idle;
    }
    return redis.batch(writes).map(next).otherwise(next);
  }

  /** Reports outlive three idle rounds and a leader hand-over, then vanish. */
  long reportTtlMs(long idle) {
    return 3 * Math.max(idle, RECHECK_MS) + settings.leaderLeaseMs();
  }

  private static long number(Response r) {
    return r == null ? 0 : r.toLong();
  }
}
