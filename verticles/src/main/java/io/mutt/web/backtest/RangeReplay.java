package io.mutt.web.backtest;

import io.mutt.pipeline.backtest.BacktestDiff;
import io.mutt.pipeline.backtest.StateReplay;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;

/**
 * One range's replay: reads the audited events of the range from PostgreSQL with a cursor, {@value
 * #CHUNK} rows at a time, while up to {@link #PARALLEL} earlier chunks are decided on worker
 * threads ({@link AuditChunk}), each into its own diff, and merges those diffs into the range's in
 * chunk order (so counts and examples are those of one pass in time order). The events a key state
 * decides are then given to {@link StateReplay} chunk after chunk, on a worker thread, one chunk at
 * a time; their examples follow the chunk's others. At most {@code PARALLEL + 1} chunks are held at
 * once, so memory stays flat whatever the range. Runs on the event loop.
 */
final class RangeReplay {

  /** Rows read from the cursor at a time. */
  static final int CHUNK = 2000;

  /** Chunks decided at once: one per core, at least two, so reading overlaps deciding. */
  static final int PARALLEL = Math.max(2, Runtime.getRuntime().availableProcessors());

  private static final String EVENTS =
      "SELECT "
          + AuditChunk.COLUMNS
          + " FROM event_audit_log"
          + " WHERE event_timestamp >= $1 AND event_timestamp < $2 ORDER BY event_timestamp, id";

  private final Vertx vertx;
  private final Cursor cursor;
  private final Sides sides;
  private final BacktestDiff diff;
  private final StateReplay states;
  private final long untilMs;
  private final ArrayDeque<Future<AuditChunk>> deciding = new ArrayDeque<>();
  private boolean more = true;

  private RangeReplay(
      Vertx vertx,
      Cursor cursor,
      Sides sides,
      BacktestDiff diff,
      StateReplay states,
      long untilMs) {
    this.vertx = vertx;
    this.cursor = cursor;
    this.sides = sides;
    this.diff = diff;
    this.states = states;
    this.untilMs = untilMs;
  }

  /**
   * Replays {@code [since, until)} into {@code diff}, in one transaction (a cursor needs one);
   * {@code states} decides the events of rules with clearing or flap state.
   */
  static Future<BacktestDiff> run(
      Vertx vertx,
      Pool pg,
      Sides sides,
      Instant since,
      Instant until,
      BacktestDiff diff,
      StateReplay states) {
    Tuple range =
        Tuple.of(
            OffsetDateTime.ofInstant(since, ZoneOffset.UTC),
            OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
    return pg.withTransaction(
        conn ->
            conn.prepare(EVENTS)
                .compose(
                    ps -> {
                      Cursor cursor = ps.cursor(range);
                      return new RangeReplay(
                              vertx, cursor, sides, diff, states, until.toEpochMilli())
                          .next()
                          .eventually(cursor::close);
                    }));
  }

  private Future<BacktestDiff> next() {
    if (!deciding.isEmpty() && (deciding.size() >= PARALLEL || !more)) {
      return deciding.poll().compose(this::merge);
    }
    if (!more) {
      return vertx.executeBlocking(
          () -> {
            states.finish(untilMs);
            return diff;
          },
          false);
    }
    return cursor
        .read(CHUNK)
        .compose(
            rows -> {
              more = cursor.hasMore();
              deciding.add(
                  vertx.executeBlocking(
                      () -> AuditChunk.decide(rows, sides, new BacktestDiff(diff.maxExamples())),
                      false));
              return next();
            });
  }

  /** Takes a decided chunk into the range's diff and key states, in chunk order. */
  private Future<BacktestDiff> merge(AuditChunk part) {
    diff.merge(part.diff());
    if (part.stateful().isEmpty()) {
      return next();
    }
    return vertx
        .executeBlocking(
            () -> {
              part.stateful().forEach(states::add);
              return null;
            },
            false)
        .compose(v -> next());
  }
}
