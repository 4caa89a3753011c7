package io.mutt.web;

import io.mutt.contract.CounterKeys;
import io.mutt.noise.NoiseRows;
import io.mutt.noise.NoiseStore;
import io.mutt.pipeline.alerting.EventTriage;
import io.mutt.pipeline.alerting.Verdict;
import io.mutt.pipeline.backtest.BacktestDiff;
import io.mutt.pipeline.backtest.Draft;
import io.mutt.pipeline.backtest.DraftMatcher;
import io.mutt.pipeline.backtest.IngestCoverage;
import io.mutt.pipeline.backtest.Outcome;
import io.mutt.pipeline.backtest.ReplayEvent;
import io.mutt.pipeline.backtest.StateReplay;
import io.mutt.pipeline.clearing.ClearingRule;
import io.mutt.pipeline.clearing.ClearingRules;
import io.mutt.pipeline.clearing.FlapSettings;
import io.mutt.pipeline.noise.NoiseEngine;
import io.mutt.pipeline.noise.NoiseSpecs;
import io.mutt.pipeline.rules.Rule;
import io.mutt.pipeline.validation.InvalidInput;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code POST /api/v2/backtest} (docs/adr/0029): replays the audited events of a time range through
 * the decision engine twice — with today's rules, dev hosts, teams, windows and silences, and with
 * the draft applied — and answers with the changes of outcome, counted, with example events. The
 * range is read from PostgreSQL with a cursor, {@value #CHUNK} rows at a time, and each chunk is
 * decided on a worker thread, so memory stays flat and the event loop free. Only audited events can
 * be replayed: those that matched a rule, and unmatched ones while {@code AUDIT_UNHANDLED} was on;
 * {@code coverage} says which share of the events ingest accepted in the range that was.
 *
 * <p>Clearing and flap suppression (ADR 0038) are replayed too: events of rules with a clearing
 * pattern are decided, after the chunk's parallel part, one after the other in time order on
 * per-key states kept in memory for each side ({@link StateReplay}), with the global flapping
 * limits of now and the events' own times.
 */
public final class BacktestApi {

  /** Rows read from the cursor at a time. */
  static final int CHUNK = 2000;

  /** Chunks decided at once: one per core, at least two, so reading overlaps deciding. */
  static final int PARALLEL = Math.max(2, Runtime.getRuntime().availableProcessors());

  private static final String EVENTS =
      "SELECT event_timestamp, hostname, raw_message, matched_rule_id IS NULL FROM event_audit_log"
          + " WHERE event_timestamp >= $1 AND event_timestamp < $2 ORDER BY event_timestamp, id";
  private static final String RULES =
      "SELECT * FROM alert_rules WHERE is_active = true ORDER BY priority ASC, id ASC";

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
    pg.withConnection(conn -> current(conn, since))
        .compose(
            cur -> {
              Draft.Applied applied = Draft.apply(draft, cur.rows, cur.windows(), cur.silences());
              return vertx.executeBlocking(
                  () ->
                      new Configs(
                          DraftMatcher.of(cur.rules, applied.rules()),
                          Set.copyOf(cur.devHosts),
                          cur.noise,
                          new NoiseEngine(applied.windows(), applied.silences()),
                          ClearingRules.fromRows(cur.rules, cur.rows, (r, e) -> {}),
                          applied.clearing()),
                  false);
            })
        .compose(
            configs -> {
              BacktestDiff diff = new BacktestDiff(maxExamples);
              StateReplay states = new StateReplay(flapDefaults.get(), stateIdleMs, diff);
              return replay(configs, since, until, diff, states);
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

  private record Current(
      List<Rule> rules,
      List<Map<String, Object>> rows,
      Set<String> devHosts,
      Map<String, String> teams,
      NoiseEngine noise) {
    List<io.mutt.pipeline.noise.MaintenanceWindow> windows() {
      return noise.windows();
    }

    List<io.mutt.pipeline.noise.Silence> silences() {
      return noise.silences();
    }
  }

  private record Configs(
      DraftMatcher matcher,
      Set<String> devHosts,
      NoiseEngine noise,
      NoiseEngine draftNoise,
      ClearingRules clearing,
      ClearingRules draftClearing) {}

  /**
   * A chunk decided: the diff of its events that no key state decides, and in time order those that
   * one does on either side.
   */
  private record Part(BacktestDiff diff, List<StateReplay.Event> stateful) {}

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

  private static Future<Current> current(SqlConnection conn, Instant since) {
    Future<RowSet<Row>> rules = conn.query(RULES).execute();
    Future<RowSet<Row>> hosts = conn.query("SELECT hostname FROM development_hosts").execute();
    Future<RowSet<Row>> teams =
        conn.query("SELECT hostname, team_assignment FROM device_teams").execute();
    Future<NoiseEngine> noise = NoiseStore.load(conn, since);
    return Future.all(rules, hosts, teams, noise)
        .map(
            x -> {
              List<Rule> r = new ArrayList<>();
              List<Map<String, Object>> rows = new ArrayList<>();
              for (Row row : rules.result()) {
                Map<String, Object> map = row.toJson().getMap();
                rows.add(map);
                r.add(Rule.fromMap(map));
              }
              Set<String> h = new HashSet<>();
              hosts.result().forEach(row -> h.add(row.getString(0)));
              Map<String, String> t = new HashMap<>();
              teams.result().forEach(row -> t.put(row.getString(0), row.getString(1)));
              return new Current(r, rows, h, t, noise.result());
            });
  }

  private Future<BacktestDiff> replay(
      Configs c, Instant since, Instant until, BacktestDiff diff, StateReplay states) {
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
                      return new Replay(cursor, c, diff, states, until.toEpochMilli())
                          .next()
                          .eventually(cursor::close);
                    }));
  }

  /**
   * One range's replay: reads chunk after chunk from the cursor while up to {@link #PARALLEL}
   * earlier chunks are decided on worker threads, each into its own diff, and merges those diffs
   * into the range's in chunk order (so counts and examples are those of one pass in time order).
   * The events a key state decides are then given to {@link StateReplay} chunk after chunk, on a
   * worker thread, one chunk at a time; their examples follow the chunk's others. At most {@code
   * PARALLEL + 1} chunks are held at once. Runs on the event loop.
   */
  private final class Replay {
    private final Cursor cursor;
    private final Configs configs;
    private final BacktestDiff diff;
    private final StateReplay states;
    private final long untilMs;
    private final ArrayDeque<Future<Part>> deciding = new ArrayDeque<>();
    private boolean more = true;

    Replay(Cursor cursor, Configs configs, BacktestDiff diff, StateReplay states, long untilMs) {
      this.cursor = cursor;
      this.configs = configs;
      this.diff = diff;
      this.states = states;
      this.untilMs = untilMs;
    }

    Future<BacktestDiff> next() {
      if (!deciding.isEmpty() && (deciding.size() >= PARALLEL || !more)) {
        return deciding
            .poll()
            .compose(
                part -> {
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
                });
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
                        () -> decide(rows, configs, new BacktestDiff(diff.maxExamples())), false));
                return next();
              });
    }
  }

  private static Part decide(RowSet<Row> rows, Configs c, BacktestDiff diff) {
    List<StateReplay.Event> stateful = new ArrayList<>();
    for (Row row : rows) {
      if (Boolean.TRUE.equals(row.getBoolean(3))) {
        diff.unmatchedRecorded();
      }
      OffsetDateTime ts = row.getOffsetDateTime(0);
      String host = row.getString(1);
      ReplayEvent event = event(row.getString(2));
      long t = ts.toInstant().toEpochMilli();
      String message = event.message();
      ClearingRule clears = c.clearing.isEmpty() ? null : c.clearing.clearedBy(message);
      ClearingRule draftClears =
          c.draftClearing.isEmpty() ? null : c.draftClearing.clearedBy(message);
      DraftMatcher.Winners w =
          clears != null && draftClears != null
              ? new DraftMatcher.Winners(null, null)
              : c.matcher.match(message, event.trapOid(), event.syslogSeverity());
      EventTriage.Match now = EventTriage.classify(c.clearing, clears, w.current(), message);
      EventTriage.Match then =
          EventTriage.classify(c.draftClearing, draftClears, w.draft(), message);
      Outcome before = Outcome.of(now.rule(), c.devHosts, c.noise, host, message, t);
      Outcome after = Outcome.of(then.rule(), c.devHosts, c.draftNoise, host, message, t);
      Verdict.Signal beforeSignal = before.forwarded() ? now.signal() : null;
      Verdict.Signal afterSignal = after.forwarded() ? then.signal() : null;
      if (beforeSignal != null || afterSignal != null) {
        stateful.add(
            new StateReplay.Event(
                event.correlationId(),
                Http.iso(ts),
                host,
                t,
                before,
                beforeSignal,
                after,
                afterSignal));
      } else if (before.equals(after)) {
        diff.unchanged();
      } else {
        diff.add(event.correlationId(), Http.iso(ts), host, before, after);
      }
    }
    return new Part(diff, stateful);
  }

  /**
   * The replayed fields of an audit row's raw JSON; an event whose fields hold objects or arrays is
   * decoded in full (their text is the JSON encoding), text that is no JSON object has no fields.
   */
  static ReplayEvent event(String raw) {
    ReplayEvent fast = ReplayEvent.parse(raw);
    if (fast != null) {
      return fast;
    }
    JsonObject json;
    try {
      json = new JsonObject(raw);
    } catch (DecodeException e) {
      return ReplayEvent.EMPTY;
    }
    Object message = json.getValue("message");
    Object oid = json.getValue("trap_oid");
    Object cid = json.getValue("_correlation_id");
    return new ReplayEvent(
        message == null ? "" : message.toString(),
        oid == null ? null : oid.toString(),
        json.getValue("syslog_severity"),
        cid == null ? null : cid.toString());
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
