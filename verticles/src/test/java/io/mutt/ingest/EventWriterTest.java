package io.mutt.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.ratelimit.MemberIds;
import io.mutt.pipeline.ratelimit.SlidingWindowLimit;
import io.mutt.redis.LuaScript;
import io.mutt.testsupport.TestServices;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The write path costs one Redis round trip per event-loop turn (one MULTI/EXEC), however many
 * requests it carries.
 */
@Timeout(30)
class EventWriterTest {

  /** A Redis client that counts round trips (send or batch calls) and commands. */
  static final class CountingRedis implements Redis {
    final Redis delegate;
    final AtomicInteger roundTrips = new AtomicInteger();
    final AtomicInteger commands = new AtomicInteger();
    final List<List<Command>> batches = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Answers the next EVALSHA with NOSCRIPT without sending it, as Redis does after a restart. */
    volatile boolean forgetScripts;

    CountingRedis(Redis delegate) {
      this.delegate = delegate;
    }

    @Override
    public Future<RedisConnection> connect() {
      return delegate.connect();
    }

    @Override
    public Future<Void> close() {
      return delegate.close();
    }

    @Override
    public Future<Response> send(Request command) {
      roundTrips.incrementAndGet();
      commands.incrementAndGet();
      if (forgetScripts && command.command() == Command.EVALSHA) {
        forgetScripts = false;
        return Future.failedFuture("NOSCRIPT No matching script. Please use EVAL.");
      }
      return delegate.send(command);
    }

    @Override
    public Future<List<Response>> batch(List<Request> batch) {
      roundTrips.incrementAndGet();
      commands.addAndGet(batch.size());
      batches.add(batch.stream().map(Request::command).toList());
      return delegate.batch(batch);
    }
  }

  Vertx vertx;
  CountingRedis redis;
  String stream;
  String prefix;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    Map<String, String> r = TestServices.redis();
    redis =
        new CountingRedis(
            Redis.createClient(
                vertx,
                new RedisOptions()
                    .setConnectionString(
                        "redis://" + r.get("REDIS_HOST") + ":" + r.get("REDIS_PORT"))));
    prefix = r.get("MUTT_KEY_PREFIX");
    stream = prefix + ":ingest_queue";
    for (LuaScript script : new LuaScript[] {EventWriter.LIMITED_APPEND}) {
      redis.delegate.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(script.source())).await();
    }
  }

  @AfterEach
  void stop() {
    redis.delegate.send(Request.cmd(Command.DEL).arg(stream)).await();
    vertx.close().await();
  }

  private static List<byte[]> events(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(("{\"n\":" + i + "}").getBytes());
    }
    return out;
  }

  /**
   * Runs {@code requests} appends of {@code events} each within one turn of the writer's event
   * loop.
   */
  private List<EventWriter.Outcome> appendInOneTurn(int requests, int events) {
    return appendInOneTurn(requests, events, null);
  }

  private List<EventWriter.Outcome> appendInOneTurn(
      int requests, int events, LimitedAppend limiter) {
    List<Future<EventWriter.Outcome>> all =
        inOneTurn(
            limiter,
            writer -> {
              List<Future<EventWriter.Outcome>> appends = new ArrayList<>();
              for (int i = 0; i < requests; i++) {
                appends.add(writer.append(events(events)));
              }
              return appends;
            });
    for (Future<EventWriter.Outcome> f : all) {
      if (f.failed()) {
        throw new AssertionError("an append failed", f.cause());
      }
    }
    return all.stream().map(Future::result).toList();
  }

  /**
   * Makes the appends on a new writer within one turn of its event loop; returns them once all are
   * complete (succeeded or failed).
   */
  private List<Future<EventWriter.Outcome>> inOneTurn(
      LimitedAppend limiter, Function<EventWriter, List<Future<EventWriter.Outcome>>> appends) {
    return inOneTurnOf(
        context ->
            new EventWriter(
                redis,
                context,
                stream,
                new io.mutt.contract.CounterKeys(prefix + ":metrics"),
                "http",
                limiter),
        appends);
  }

  /** The listeners' writer (no transaction) on this test's stream. */
  private EventWriter listenerWriter(Context context) {
    return new EventWriter(
        redis,
        context,
        List.of(stream),
        new io.mutt.contract.StreamPartitions(1),
        new io.mutt.contract.CounterKeys(prefix + ":metrics"),
        "syslog",
        null,
        io.mutt.redis.ReplicaAcks.off(),
        false);
  }

  private List<Future<EventWriter.Outcome>> inOneTurnOf(
      Function<Context, EventWriter> make,
      Function<EventWriter, List<Future<EventWriter.Outcome>>> appends) {
    Context context = vertx.getOrCreateContext();
    Promise<List<Future<EventWriter.Outcome>>> done = Promise.promise();
    context.runOnContext(
        v -> {
          EventWriter writer = make.apply(context);
          List<Future<EventWriter.Outcome>> all = appends.apply(writer);
          Future.join(all).onComplete(ar -> done.complete(all));
        });
    return done.future().await();
  }

  private long xlen() {
    return redis.delegate.send(Request.cmd(Command.XLEN).arg(stream)).await().toLong();
  }

  /** The ingest rate limit of {@code limit} events a minute on this test's stream. */
  private LimitedAppend limiter(int limit) {
    return new LimitedAppend(
        new SlidingWindowLimit(limit, 60),
        MemberIds.random(),
        prefix + ":rate_limit:ingestor",
        stream);
  }

  /** Appends in one turn; all of them reach the stream in {@code roundTrips} round trips. */
  private void assertAppendedInRoundTrips(int requests, int events, int roundTrips) {
    appendInOneTurn(requests, events);
    assertThat(xlen()).isEqualTo((long) requests * events);
    assertThat(redis.roundTrips.get()).isEqualTo(roundTrips);
  }

  @Test
  void a_batch_of_100_events_is_one_round_trip_of_one_transaction() {
    assertAppendedInRoundTrips(1, 100, 1);
    assertThat(redis.commands.get())
        .as("MULTI, 100 XADD, 5 x (INCRBY, EXPIRE), INCRBY of the source total, EXEC")
        .isEqualTo(113);
  }

  @Test
  void when_the_stream_cannot_take_the_events_every_request_of_the_turn_fails() {
    redis.delegate.send(Request.cmd(Command.SET).arg(stream).arg("not a stream")).await();
    List<Future<EventWriter.Outcome>> outcomes =
        inOneTurn(null, writer -> List.of(writer.append(events(2)), writer.append(events(1))));
    assertThat(outcomes).allSatisfy(f -> assertThat(f.failed()).isTrue());
    assertThat(redis.delegate.send(Request.cmd(Command.TYPE).arg(stream)).await().toString())
        .isEqualTo("string");
  }

  @Test
  void the_listeners_writer_pipelines_the_xadds_and_counts_them_once_they_are_in() {
    List<Future<EventWriter.Outcome>> outcomes =
        inOneTurnOf(this::listenerWriter, w -> List.of(w.append(events(60)), w.append(events(40))));
    assertThat(outcomes).allSatisfy(f -> assertThat(f.succeeded()).isTrue());
    assertThat(xlen()).isEqualTo(100);
    assertThat(redis.batches.get(0))
        .as("the first round trip: the XADDs alone")
        .hasSize(100)
        .containsOnly(Command.XADD);
    io.mutt.testsupport.Eventually.until(
        java.time.Duration.ofSeconds(5),
        "the minute counter shows the 100 events",
        () -> minuteCount() == 100);
    assertThat(redis.batches).hasSize(2);
    assertThat(redis.batches.get(1)).startsWith(Command.MULTI).endsWith(Command.EXEC);
  }

  @Test
  void when_the_stream_cannot_take_the_listeners_events_the_append_fails_and_nothing_is_counted() {
    redis.delegate.send(Request.cmd(Command.SET).arg(stream).arg("not a stream")).await();
    List<Future<EventWriter.Outcome>> outcomes =
        inOneTurnOf(this::listenerWriter, w -> List.of(w.append(events(2)), w.append(events(1))));
    assertThat(outcomes).allSatisfy(f -> assertThat(f.failed()).isTrue());
    assertThat(outcomes.get(0).cause().getMessage()).contains("WRONGTYPE");
    assertThat(redis.batches).as("no counter write after the failure").hasSize(1);
    assertThat(minuteCount()).isZero();
  }

  /** The dashboard's per-minute counters of this test's prefix, summed (0 when absent). */
  private long minuteCount() {
    Response keys =
        redis.delegate.send(Request.cmd(Command.KEYS).arg(prefix + ":metrics:1m:*")).await();
    long sum = 0;
    for (Response key : keys) {
      sum += redis.delegate.send(Request.cmd(Command.GET).arg(key.toString())).await().toLong();
    }
    return sum;
  }

  @Test
  void requests_arriving_in_one_event_loop_turn_share_one_round_trip() {
    assertAppendedInRoundTrips(40, 1, 1);
  }

  @Test
  void with_the_rate_limit_each_request_of_a_turn_gets_its_own_verdict_in_one_round_trip() {
    LimitedAppend limiter = limiter(5);
    List<EventWriter.Outcome> outcomes = appendInOneTurn(3, 2, limiter);
    assertThat(outcomes)
        .extracting(EventWriter.Outcome::appended)
        .containsExactly(true, true, false);
    assertThat(outcomes.get(0).inWindow()).isEqualTo(4);
    assertThat(xlen()).isEqualTo(4);
    assertThat(redis.roundTrips.get()).isEqualTo(1);
    assertThat(appendInOneTurn(2, 1, limiter))
        .extracting(EventWriter.Outcome::appended)
        .containsExactly(true, false);
    assertThat(
            redis
                .delegate
                .send(Request.cmd(Command.ZCARD).arg(prefix + ":rate_limit:ingestor"))
                .await()
                .toLong())
        .isEqualTo(5);
    redis.delegate.send(Request.cmd(Command.DEL).arg(prefix + ":rate_limit:ingestor")).await();
  }

  @Test
  void a_very_large_turn_is_split_into_bounded_transactions() {
    assertAppendedInRoundTrips(20, 1000, 20);
  }

  @Test
  void the_dashboard_counters_move_with_the_events_and_get_their_ttls() {
    appendInOneTurn(3, 5);
    for (String k : new String[] {"1m", "1h", "24h"}) {
      Response keys =
          redis
              .delegate
              .send(Request.cmd(Command.KEYS).arg(prefix + ":metrics:" + k + ":*"))
              .await();
      assertThat(keys.size()).isEqualTo(1);
      String key = keys.get(0).toString();
      assertThat(redis.delegate.send(Request.cmd(Command.GET).arg(key)).await().toLong())
          .isEqualTo(15);
      assertThat(redis.delegate.send(Request.cmd(Command.TTL).arg(key)).await().toLong())
          .isPositive();
    }
  }

  @Test
  void the_source_counters_move_with_and_without_the_rate_limit_and_the_total_never_expires() {
    appendInOneTurn(2, 3);
    LimitedAppend limiter = limiter(100);
    appendInOneTurn(1, 4, limiter);
    String base = prefix + ":metrics:source:http:";
    for (String k : new String[] {"1m", "24h"}) {
      Response keys = redis.delegate.send(Request.cmd(Command.KEYS).arg(base + k + ":*")).await();
      assertThat(keys.size()).isEqualTo(1);
      String key = keys.get(0).toString();
      assertThat(redis.delegate.send(Request.cmd(Command.GET).arg(key)).await().toLong())
          .isEqualTo(10);
      assertThat(redis.delegate.send(Request.cmd(Command.TTL).arg(key)).await().toLong())
          .isPositive();
    }
    assertThat(redis.delegate.send(Request.cmd(Command.GET).arg(base + "total")).await().toLong())
        .isEqualTo(10);
    assertThat(redis.delegate.send(Request.cmd(Command.TTL).arg(base + "total")).await().toLong())
        .as("no expiry")
        .isEqualTo(-1);
    assertThat(xlen()).isEqualTo(10);
    redis.delegate.send(Request.cmd(Command.DEL).arg(prefix + ":rate_limit:ingestor")).await();
  }

  @Test
  void after_redis_forgot_the_script_the_events_are_still_appended_once() {
    LimitedAppend limiter = limiter(100);
    redis.forgetScripts = true;
    appendInOneTurn(2, 3, limiter);
    assertThat(xlen()).isEqualTo(6);
    assertThat(redis.roundTrips.get()).as("EVALSHA refused, then EVAL").isEqualTo(2);
    redis.delegate.send(Request.cmd(Command.DEL).arg(prefix + ":rate_limit:ingestor")).await();
  }
}
