package io.mutt.web.backtest;

import io.mutt.contract.CounterKeys;
import io.mutt.noise.NoiseRows;
import io.mutt.pipeline.backtest.BacktestDiff;
import io.mutt.pipeline.backtest.IngestCoverage;
import io.mutt.pipeline.backtest.Outcome;
import io.mutt.pipeline.backtest.StateReplay;
import io.mutt.pipeline.clearing.FlapSettings;
import io.mutt.pipeline.noise.NoiseSpecs;
import io.mutt.pipeline.validation.InvalidInput;
import io.mutt.web.Http;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /api/v2/backtest} (docs/adr/0029): replays the audited events of a time range through
 * the decision engine twice — with today's rules, dev hosts, teams, windows and silences, and with
 * the draft applied — and answers with the changes of outcome, counted, with example events. The
 * range is replayed chunk by chunk ({@link RangeReplay}), so memory stays flat and the event loop
 * free. Only audited events can be replayed: those that matched a rule, and unmatched ones while
 * {@code AUDIT_UNHANDLED} was on; {@code coverage} says which share of the events ingest accepted
 * in the range that was.
 *
 * <p>Clearing and flap suppression (ADR 0038) are replayed too: events of rules with a clearing
 * pattern are decided, after the chunk's parallel part, one after the other in time order on
 * per-key states kept in memory for each side ({@link StateReplay}), with the global flapping
 * limits of now and the events' own times.
 */
public final class BacktestApi {

  private final Vertx vertx;
  private final Pool pg;
  private final Redis redis;
  private final CounterKeys counters;
  private final int defaultExamples;
  private final Supplier<FlapSettings> flapDefaults;
  private final long stateIdleMs;

  /**
   * @param redis and {@code counters}: the ingest counters the share of the range seen is estimated
   *     from
   * @param flapDefaults the global flapping limits now ({@code FLAP_*} and their dynamic keys)
   * @param stateIdleMs a key's state is forgotten after this long without events ({@code
   *     CLEARING_STATE_TTL_HOURS})
   */
  public BacktestApi(
      Vertx vertx,
      Pool pg,
      Redis redis,
      CounterKeys counters,
      int defaultExamples,
      Supplier<FlapSettings> flapDefaults,
      long stateIdleMs) {
    this.vertx = vertx;
    this.pg = pg;
    this.redis = redis;
    this.counters = counters;
    this.defaultExamples = defaultExamples;
    this.flapDefaults = flapDefaults;
    this.stateIdleMs = stateIdleMs;
  }

  public void mount(Router r, String base) {
    r.post(base + "/backtest").handler(this::handle);
  }

  /** {@code 7d}, {@code 12h}, {@code 30m} before now, or an ISO-8601 instant. */
  static Instant since(Object v, Instant now) {
    if (v instanceof String s && s.matches("[0-9]{1,4}[dhm]")) {
      long n = Long.parseLong(s.substring(0, s.length() - 1));
      char unit = s.charAt(s.length() - 1);
      return now.minus(
          unit == 'd'
              ? Duration.ofDays(n)
              : unit == 'h' ? Duration.ofHours(n) : Duration.ofMinutes(n));
    }
    if (v == null) {
      throw new InvalidInput("since", "since is required: 7d, 12h, 30m or an ISO-8601 instant");
    }
    return NoiseSpecs.instant(v, "since");
  }

  private void handle(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    Instant now = Instant.now();
    Instant since = since(body.getValue("since"), now);
    Instant until =
        body.getValue("until") == null ? now : NoiseSpecs.instant(body.getValue("until"), "until");
    if (!until.isAfter(since)) {
      throw new InvalidInput("until", "until must be after since");
    }
    Object ex = body.getValue("max_examples");
    int examples = defaultExamples;
    if (ex != null) {
      if (!(ex instanceof Integer n) || n < 0 || n > 100) {
        throw new InvalidInput("max_examples", "max_examples must be an integer from 0 to 100");
      }
      examples = n;
    }
    Object draftValue = body.getValue("draft");
    if (!(draftValue instanceof JsonObject draftJson)) {
      throw new InvalidInput("draft", "draft must be an object (rules, windows, silences)");
    }
    Map<String, Object> draft = NoiseRows.plainMap(draftJson);
    int maxExamples = examples;
    long t0 = System.nanoTime();
    pg.withConnection(conn -> Baseline.load(conn, since))
        .compose(base -> vertx.executeBlocking(() -> Sides.of(base, draft), false))
        .compose(
            sides -> {
              BacktestDiff diff = new BacktestDiff(maxExamples);
              StateReplay states = new StateReplay(flapDefaults.get(), stateIdleMs, diff);
              return RangeReplay.run(vertx, pg, sides, since, until, diff, states);
            })
        .compose(
            diff ->
                accepted(since, until, now)
                    .map(
                        accepted ->
                            answer(
                                diff,
                                accepted,
                                since,
                                until,
                                (System.nanoTime() - t0) / 1_000_000)))
        .onSuccess(answer -> Http.ok(ctx, 200, answer))
        .onFailure(err -> Http.fail(ctx, err));
  }

  /**
   * Events ingest accepted in the range, estimated from its hour and day counters ({@link
   * IngestCoverage}); null when the range is older than the counters or Redis does not answer.
   */
  private Future<Double> accepted(Instant since, Instant until, Instant now) {
    List<IngestCoverage.Bucket> buckets = IngestCoverage.buckets(since, until, now);
    if (buckets == null || buckets.isEmpty()) {
      return Future.succeededFuture(null);
    }
    Request mget = Request.cmd(Command.MGET);
    buckets.forEach(b -> mget.arg(b.hourly() ? counters.hour(b.start()) : counters.day(b.start())));
    return redis
        .send(mget)
        .map(
            r -> {
              double sum = 0;
              for (int i = 0; i < buckets.size(); i++) {
                Response v = r.get(i);
                sum += v == null ? 0 : v.toLong() * buckets.get(i).weight();
              }
              return (Double) sum;
            })
        .otherwise((Double) null);
  }

  private static JsonObject answer(
      BacktestDiff diff, Double accepted, Instant since, Instant until, long ms) {
    JsonArray changes = new JsonArray();
    for (BacktestDiff.Change ch : diff.changes()) {
      JsonArray examples = new JsonArray();
      for (BacktestDiff.Example e : ch.examples) {
        examples.add(
            new JsonObject()
                .put("correlation_id", e.correlationId())
                .put("event_timestamp", e.timestamp())
                .put("hostname", e.hostname())
                .put("before", outcome(e.before()))
                .put("after", outcome(e.after())));
      }
      changes.add(
          new JsonObject().put("change", ch.name).put("count", ch.count).put("examples", examples));
    }
    return new JsonObject()
        .put("since", since.toString())
        .put("until", until.toString())
        .put("events", diff.events())
        .put("changed", diff.changed())
        .put("changes", changes)
        .put(
            "coverage",
            new JsonObject()
                .put("replayed", diff.events())
                .put("unmatched_recorded", diff.unmatched())
                .put("accepted_estimate", accepted == null ? null : Math.round(accepted))
                .put(
                    "share",
                    accepted == null ? null : IngestCoverage.share(diff.events(), accepted))
                .put(
                    "note",
                    "only audited events are replayed: those that matched a rule, and unmatched"
                        + " ones while AUDIT_UNHANDLED was on; share = replayed / events ingest"
                        + " accepted in the range (hour and day counters, by arrival time)"))
        .put("elapsed_ms", ms);
  }

  private static JsonObject outcome(Outcome o) {
    return new JsonObject()
        .put("rule_id", o.ruleId())
        .put("team", o.team())
        .put("forwarded", o.forwarded())
        .put("noise", o.noise())
        .put("delivery", o.delivery())
        .put("state", o.stateText());
  }
}
