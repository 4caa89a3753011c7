package io.mutt.alerter;

import io.mutt.contract.RedisKeys;
import io.mutt.pipeline.clearing.FlapPolicy;
import io.mutt.pipeline.clearing.StateAction;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards the final state of flapping keys that have become stable (ADR 0038). Every {@code
 * FLAP_SETTLE_CHECK_MS} it reads the keys of {@link RedisKeys#flapSettle} whose stable time has
 * come, and for each: appends the last event's alert (a problem, or a clear) marked {@code
 * _flapping.settled} under the dedupe id {@code <event id>:settled}, writes the settled state
 * (compare-and-set, which also takes the key off the set) and marks the last event's audit row as
 * forwarded with its final state. Every alerter JVM runs one; two finding the same key append one
 * alert (the dedupe id) and only one writes the state.
 */
final class FlapSettler extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(FlapSettler.class);
  private static final int PER_ROUND = 100;

  private final Redis redis;
  private final RedisKeys keys;
  private final KeyStates states;
  private final AlertPublisher alerts;
  private final AuditWriter audit;
  private final long periodMs;
  private final Clock clock;
  private long timer = -1;
  private boolean running;

  FlapSettler(
      Redis redis,
      RedisKeys keys,
      KeyStates states,
      AlertPublisher alerts,
      AuditWriter audit,
      long periodMs,
      Clock clock) {
    this.redis = redis;
    this.keys = keys;
    this.states = states;
    this.alerts = alerts;
    this.audit = audit;
    this.periodMs = periodMs;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(periodMs, t -> round());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  private void round() {
    if (running) {
      return;
    }
    running = true;
    long now = clock.millis();
    redis
        .send(
            Request.cmd(Command.ZRANGEBYSCORE)
                .arg(keys.flapSettle)
                .arg("-inf")
                .arg(now)
                .arg("LIMIT")
                .arg(0)
                .arg(PER_ROUND))
        .compose(
            due -> {
              Future<Void> chain = Future.succeededFuture();
              for (Response member : due) {
                String key = member.toString();
                chain = chain.compose(v -> settle(key, now));
              }
              return chain;
            })
        .onComplete(
            ar -> {
              running = false;
              if (ar.failed()) {
                LOG.warn("flapping keys not settled this round: {}", ar.cause().getMessage());
              }
            });
  }

  /** Settles one key; a key that is gone or not yet stable is left alone (or taken off the set). */
  Future<Void> settle(String key, long now) {
    return states
        .read(key)
        .compose(
            stored -> {
              FlapPolicy.Step step = FlapPolicy.settle(stored.state(), now, stored.limits());
              if (step == null) {
                return stored.state().flapping()
                    ? Future.succeededFuture()
                    : redis
                        .send(Request.cmd(Command.ZREM).arg(keys.flapSettle).arg(key))
                        .<Void>mapEmpty();
              }
              String eventId = stored.state().lastEventId();
              String alert = settledAlert(stored, step.action());
              return alerts
                  .publish(
                      List.of(
                          new AlertPublisher.Alert(
                              eventId + ":settled", alert, eventId + ":settled", null)),
                      0)
                  .compose(
                      published ->
                          states.write(
                              key, stored.version(), step.next(), stored.meta(), stored.limits()))
                  .compose(
                      written -> {
                        if (!written) {
                          return Future.succeededFuture();
                        }
                        LOG.info(
                            "flapping key {} stable; final state {} forwarded [event_id={}]",
                            key,
                            step.action() == StateAction.SETTLED_PROBLEM ? "problem" : "clear",
                            eventId);
                        return audit
                            .settled(
                                eventId,
                                OffsetDateTime.parse(stored.state().lastEventTime()),
                                FlapPolicy.audit(
                                    step.action(),
                                    stored.meta().getString("key", ""),
                                    0,
                                    stored.limits()))
                            .<Void>mapEmpty()
                            .recover(
                                err -> {
                                  LOG.warn(
                                      "audit row of event {} not marked settled: {}",
                                      eventId,
                                      err.getMessage());
                                  return Future.succeededFuture();
                                });
                      });
            });
  }

  /** The last event's alert, marked as the final state of a flapping key. */
  private static String settledAlert(KeyStates.Stored stored, StateAction action) {
    JsonObject alert = new JsonObject(stored.state().lastAlert());
    JsonObject raw = alert.getJsonObject("raw_json", new JsonObject());
    raw.put(
        "_flapping",
        new JsonObject()
            .put("rule_id", stored.meta().getInteger("rule_id"))
            .put("key", stored.meta().getString("key", ""))
            .put("settled", true)
            .put("state", action == StateAction.SETTLED_PROBLEM ? "problem" : "clear")
            .put("suppressed", stored.state().suppressed())
            .put("stable_minutes", stored.limits().stableMinutes()));
    alert.put("raw_json", raw);
    alert.put("_event_id", stored.state().lastEventId() + ":settled");
    return alert.encode();
  }
}
