package io.mutt.forwarder;

import io.mutt.contract.BusAddresses;
import io.mutt.contract.RedisKeys;
import io.mutt.pipeline.delivery.CircuitState;
import io.mutt.pipeline.moog.DeliveryOutcome;
import io.mutt.redis.LuaScript;
import io.mutt.redis.RedisLease;
import io.mutt.runtime.DynamicConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Moogsoft circuit breaker shared by every forwarder of the deployment (ADR 0004). The truth
 * lives in Redis ({@code <circuitPrefix>state|failures|open_time}, plus {@code probe}, the single
 * half-open probe lock); every transition is one atomic script. Each JVM keeps a local copy for the
 * send path, refreshed by a watcher every {@code CIRCUIT_BREAKER_WATCH_MS} (which also moves OPEN
 * to HALF_OPEN once the timeout has passed) and at once by {@code mutt.circuit.state} messages that
 * the node making a transition publishes on the (clustered) event bus. One instance per JVM, shared
 * by its forwarder verticles; its methods may be called from any event loop.
 */
public final class SharedCircuitBreaker {

  private static final Logger LOG = LoggerFactory.getLogger(SharedCircuitBreaker.class);

  private static final LuaScript CHECK =
      new LuaScript(
          """
      local s = redis.call('GET', KEYS[1])
      if not s then redis.call('SET', KEYS[1], 'CLOSED'); s = 'CLOSED' end
      local prev = s
      if s == 'OPEN' then
        local t = redis.call('TIME')
        local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
        local opened = tonumber(redis.call('GET', KEYS[3]) or '0') or 0
        if (now - opened) * 1000 >= tonumber(ARGV[1]) then
          redis.call('SET', KEYS[1], 'HALF_OPEN'); s = 'HALF_OPEN'
        end
      end
      return {s, prev, tonumber(redis.call('GET', KEYS[2]) or '0') or 0}
      """);

  private static final LuaScript FAILURE =
      new LuaScript(
          """
      local s = redis.call('GET', KEYS[1]) or 'CLOSED'
      local f = tonumber(redis.call('GET', KEYS[2]) or '0') or 0
      if s ~= 'HALF_OPEN' then f = redis.call('INCR', KEYS[2]) end
      if s == 'HALF_OPEN' or (s == 'CLOSED' and f >= tonumber(ARGV[1])) then
        local t = redis.call('TIME')
        redis.call('SET', KEYS[1], 'OPEN')
        redis.call('SET', KEYS[3], string.format('%.6f', tonumber(t[1]) + tonumber(t[2]) / 1000000))
        redis.call('DEL', KEYS[4])
        return {'OPEN', s, f}
      end
      return {s, s, f}
      """);

  private static final LuaScript SUCCESS =
      new LuaScript(
          """
      local s = redis.call('GET', KEYS[1]) or 'CLOSED'
      redis.call('SET', KEYS[2], '0')
      if s == 'HALF_OPEN' then
        redis.call('SET', KEYS[1], 'CLOSED'); redis.call('DEL', KEYS[3]); redis.call('DEL', KEYS[4])
        return {'CLOSED', s, 0}
      end
      return {s, s, 0}
      """);

  private final Vertx vertx;
  private final Redis redis;
  private final DynamicConfig dynamic;
  private final ForwarderSettings settings;
  private final ForwarderMetrics metrics;
  private final List<String> keys;
  private final String probeKey;
  private final String token = UUID.randomUUID().toString();
  private volatile CircuitState state = CircuitState.CLOSED;
  private volatile long failures;
  private long watchTimer = -1;
  private MessageConsumer<JsonObject> listener;

  public SharedCircuitBreaker(
      Vertx vertx,
      Redis redis,
      DynamicConfig dynamic,
      RedisKeys redisKeys,
      ForwarderSettings settings,
      ForwarderMetrics metrics) {
    this.vertx = vertx;
    this.redis = redis;
    this.dynamic = dynamic;
    this.settings = settings;
    this.metrics = metrics;
    this.probeKey = redisKeys.circuitProbe;
    this.keys =
        List.of(
            redisKeys.circuitState, redisKeys.circuitFailures, redisKeys.circuitOpenTime, probeKey);
  }

  /** Reads the shared state once, then watches it. */
  public Future<Void> start() {
    if (!settings.breaker().enabled()) {
      return Future.succeededFuture();
    }
    listener =
        vertx
            .eventBus()
            .consumer(
                BusAddresses.CIRCUIT_STATE,
                msg -> observe(CircuitState.parse(msg.body().getString("state"))));
    watchTimer = vertx.setPeriodic(settings.breaker().watchMs(), id -> check());
    return check();
  }

  public void stop() {
    if (watchTimer >= 0) {
      vertx.cancelTimer(watchTimer);
    }
    if (listener != null) {
      listener.unregister();
    }
  }

  public CircuitState state() {
    return state;
  }

  public boolean enabled() {
    return settings.breaker().enabled();
  }

  public CircuitState.Gate gate() {
    return state.gate(settings.breaker().enabled());
  }

  public boolean allowsSend(boolean holdsProbe) {
    return state.allowsSend(settings.breaker().enabled(), holdsProbe);
  }

  /**
   * Tries to become the cluster's single half-open probe (lock expires after the webhook timeout +
   * 2 s).
   */
  public Future<Boolean> tryProbe() {
    return RedisLease.acquire(redis, probeKey, token, settings.webhookTimeoutMs() + 2000)
        .otherwise(false);
  }

  public Future<Void> releaseProbe() {
    return RedisLease.release(redis, probeKey, token).<Void>mapEmpty().otherwiseEmpty();
  }

  /** Records the result of one exchange (non-retryable statuses leave the breaker alone). */
  public Future<Void> record(DeliveryOutcome outcome) {
    if (!settings.breaker().enabled() || outcome == DeliveryOutcome.NON_RETRYABLE) {
      return Future.succeededFuture();
    }
    if (outcome == DeliveryOutcome.SUCCESS) {
      if (state == CircuitState.CLOSED && failures == 0) {
        return Future.succeededFuture();
      }
      return transition(SUCCESS, List.of());
    }
    return transition(FAILURE, List.of(threshold()));
  }

  private Future<Void> transition(LuaScript script, List<Object> args) {
    return script
        .run(redis, keys, args)
        .onSuccess(this::apply)
        .<Void>mapEmpty()
        .onFailure(err -> LOG.warn("circuit breaker update failed: {}", err.getMessage()))
        .otherwiseEmpty();
  }

  private Future<Void> check() {
    return CHECK
        .run(redis, keys, List.of(timeoutMs()))
        .onSuccess(this::apply)
        .<Void>mapEmpty()
        .onFailure(err -> LOG.debug("circuit breaker check failed: {}", err.getMessage()))
        .otherwiseEmpty();
  }

  /**
   * {@code [new state, state before, failures]} from a script; publishes transitions this node
   * made.
   */
  private void apply(Response r) {
    CircuitState now = CircuitState.parse(r.get(0).toString());
    CircuitState before = CircuitState.parse(r.get(1).toString());
    failures = r.get(2).toLong();
    metrics.breakerFailures.set(failures);
    if (now != before) {
      LOG.info("circuit breaker {} -> {} (failures {})", before, now, failures);
      vertx
          .eventBus()
          .publish(
              BusAddresses.CIRCUIT_STATE,
              new JsonObject().put("name", ForwarderMetrics.BREAKER).put("state", now.name()));
    }
    observe(now);
  }

  private synchronized void observe(CircuitState now) {
    CircuitState before = state;
    if (before != now) {
      state = now;
      metrics.breakerState.set(now.gaugeValue());
      metrics.stateChange(before.name(), now.name()).increment();
    }
  }

  private long threshold() {
    return dynamic.getLong("circuit_breaker_threshold", settings.breaker().threshold());
  }

  private long timeoutMs() {
    return Math.round(
        dynamic.getDouble("circuit_breaker_timeout", settings.breaker().timeoutMs() / 1000.0)
            * 1000);
  }
}
