package io.mutt.forwarder;

import io.mutt.pipeline.backoff.Backoff;
import io.mutt.pipeline.delivery.Disposition;
import io.mutt.pipeline.delivery.RetryAfter;
import io.mutt.pipeline.delivery.RetryPolicy;
import io.mutt.pipeline.moog.AlertText;
import io.mutt.pipeline.moog.DeliveryOutcome;
import io.mutt.queue.QueueEntry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one batch of alerts (ADR 0004). In rounds of at most {@code MOOG_MAX_IN_FLIGHT} alerts:
 * take as many shared rate permits as the round needs in one call, send the granted alerts
 * concurrently, and settle each one durably — delivered (acknowledged), retry later (retry set,
 * {@code _moog_retry_count+1}) or dead-lettered ({@code mutt:dlq:moog} with reason, last status,
 * count and {@code failed_at}). Alerts without a permit wait for the window to free up (jittered)
 * and are asked for again: never dropped. An alert that cannot be sent within {@code holdMaxMs} —
 * or once the circuit opens — is parked in the retry set with its count unchanged, so nothing stays
 * unacknowledged long enough to be taken over by another consumer.
 */
final class AlertDelivery {

  private static final Logger LOG = LoggerFactory.getLogger(AlertDelivery.class);

  private final Vertx vertx;
  private final ForwarderShared fx;
  private final MoogClient moog;
  private final RetryPolicy policy;
  private final BooleanSupplier stopping;
  private final ForwarderMetrics metrics;

  AlertDelivery(
      Vertx vertx,
      ForwarderShared fx,
      MoogClient moog,
      RetryPolicy policy,
      BooleanSupplier stopping) {
    this.vertx = vertx;
    this.fx = fx;
    this.moog = moog;
    this.policy = policy;
    this.stopping = stopping;
    this.metrics = fx.metrics();
  }

  /**
   * Settles every entry of the batch (or leaves it pending in the stream when Redis fails or the
   * verticle stops).
   */
  Future<Void> deliver(List<QueueEntry> entries, boolean probe) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    metrics.inFlight.addAndGet(entries.size());
    List<Future<?>> settled = new ArrayList<>();
    List<Alert> sendable = new ArrayList<>();
    for (QueueEntry e : entries) {
      AlertText text = scan(e.payload());
      if (text == null) {
        settled.add(deadLetterInvalid(e));
        continue;
      }
      Alert a = new Alert(e, text);
      if (policy.exhausted(a.retryCount())) {
        settled.add(
            deadLetter(
                a,
                Disposition.deadLetter(a.retryCount(), Disposition.RETRY_EXHAUSTED),
                null,
                null));
      } else {
        sendable.add(a);
      }
    }
    settled.add(rounds(sendable, System.currentTimeMillis(), probe));
    return Future.join(settled)
        .<Void>mapEmpty()
        .onFailure(
            err -> LOG.warn("some alerts stay pending after a Redis error: {}", err.getMessage()))
        .eventually(
            () -> {
              metrics.inFlight.addAndGet(-entries.size());
              return Future.succeededFuture();
            });
  }

  /**
   * Runs rounds until every alert is settled. One promise is completed at the end: each round
   * starts from the previous round's callback instead of nesting futures, so thousands of
   * rate-limited rounds cannot build a future chain deep enough to overflow the event-loop stack
   * when it completes.
   */
  private Future<Void> rounds(List<Alert> pending, long startedMs, boolean probe) {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    round(new ArrayList<>(pending), startedMs, probe, done);
    return done.future();
  }

  private void round(
      List<Alert> pending, long startedMs, boolean probe, io.vertx.core.Promise<Void> done) {
    if (pending.isEmpty() || stopping.getAsBoolean()) {
      done.tryComplete();
      return;
    }
    if (!fx.breaker().allowsSend(probe)) {
      park(pending, "circuit_open").onComplete(done);
      return;
    }
    if (System.currentTimeMillis() - startedMs > fx.settings().consumer().holdMaxMs()) {
      park(pending, "held").onComplete(done);
      return;
    }
    int want = Math.min(pending.size(), fx.settings().consumer().maxInFlight());
    fx.limiter()
        .acquire(want)
        .onFailure(done::tryFail)
        .onSuccess(
            grant -> {
              int granted = Math.min(grant.granted(), want);
              if (granted < want) {
                metrics.rateLimitHits.increment(want - granted);
              }
              List<Alert> now = new ArrayList<>(pending.subList(0, granted));
              List<Alert> rest = new ArrayList<>(pending.subList(granted, pending.size()));
              if (granted == 0) {
                long wait =
                    Backoff.jittered(
                        Math.min(Math.max(grant.waitMs(), 5), 1000),
                        0.2,
                        ThreadLocalRandom.current());
                vertx.setTimer(wait, t -> round(rest, startedMs, probe, done));
                return;
              }
              sendAll(now)
                  .eventually(() -> fx.limiter().complete(grant))
                  .onComplete(
                      ar -> {
                        if (ar.failed()) {
                          done.tryFail(ar.cause());
                        } else {
                          vertx.runOnContext(v -> round(rest, startedMs, probe, done));
                        }
                      });
            });
  }

  private Future<Void> sendAll(List<Alert> alerts) {
    List<Future<String>> sends = new ArrayList<>(alerts.size());
    for (Alert a : alerts) {
      sends.add(send(a));
    }
    return Future.join(sends)
        .transform(
            ar -> {
              List<String> delivered = new ArrayList<>();
              for (Future<String> f : sends) {
                if (f.succeeded() && f.result() != null) {
                  delivered.add(f.result());
                }
              }
              Future<Void> acked = fx.outcomes().delivered(delivered);
              return ar.failed() ? acked.compose(v -> Future.failedFuture(ar.cause())) : acked;
            });
  }

  /**
   * Sends one alert and settles it unless delivered; completes with the entry id when delivered,
   * else null.
   */
  private Future<String> send(Alert a) {
    Buffer body = Buffer.buffer(a.text().moogBody(System.currentTimeMillis() / 1000));
    return moog.post(body)
        .compose(
            reply -> {
              DeliveryOutcome outcome =
                  reply.answered()
                      ? DeliveryOutcome.classify(reply.status())
                      : DeliveryOutcome.transportError();
              if (reply.answered()) {
                metrics.latency.record(reply.elapsedNanos(), TimeUnit.NANOSECONDS);
              }
              countRequest(reply, outcome);
              long retryAfter =
                  reply.status() == 429 || reply.status() == 503
                      ? RetryAfter.parseMs(reply.retryAfter(), System.currentTimeMillis())
                      : -1;
              Disposition d = policy.after(a.retryCount(), outcome, retryAfter);
              return fx.breaker().record(outcome).compose(v -> settle(a, d, reply));
            });
  }

  private Future<String> settle(Alert a, Disposition d, MoogClient.Reply reply) {
    switch (d.kind()) {
      case DELIVERED:
        metrics.processedSuccess.increment();
        ForwarderLive.forwarded(vertx, a);
        return Future.succeededFuture(a.id());
      case RETRY:
        metrics.processed("error").increment();
        LOG.info(
            "alert {} retry {} in {} ms after {}",
            a.correlationId(),
            d.retryCount(),
            d.delayMs(),
            describe(reply));
        String payload = a.json().put(Alert.RETRY_COUNT, d.retryCount()).encode();
        return fx.outcomes().later(a.id(), payload, d.delayMs()).map(v -> null);
      default:
        return deadLetter(a, d, reply.answered() ? reply.status() : null, reply.error())
            .map(v -> null);
    }
  }

  private Future<Void> deadLetter(Alert a, Disposition d, Integer lastStatus, String lastError) {
    JsonObject entry =
        a.json()
            .put("failed_at", Instant.now().toString())
            .put("dlq_reason", d.reason())
            .put("last_status", lastStatus)
            .put(Alert.RETRY_COUNT, d.retryCount());
    if (lastError != null) {
      entry.put("last_error", lastError);
    }
    if (Disposition.RETRY_EXHAUSTED.equals(d.reason())) {
      metrics.request("fail", "retry_exhausted").increment();
    }
    metrics.processed("dlq").increment();
    LOG.warn(
        "alert {} dead-lettered: {} (last status {})", a.correlationId(), d.reason(), lastStatus);
    ForwarderLive.deadLettered(vertx, a, d.reason());
    return fx.outcomes()
        .deadLetter(fx.rt().keys().moogDlq, a.id(), entry.encode())
        .onSuccess(metrics.dlqDepth::set)
        .mapEmpty();
  }

  /**
   * Not JSON: cannot be delivered or replayed; kept in the terminal dead-letter list for operators.
   */
  private Future<Void> deadLetterInvalid(QueueEntry e) {
    metrics.processed("error").increment();
    LOG.warn("alert entry {} is not a JSON object; moved to the dead-letter list", e.id());
    JsonObject entry =
        new JsonObject()
            .put("raw", e.payload())
            .put("failed_at", Instant.now().toString())
            .put("dlq_reason", "invalid_json");
    return fx.outcomes().deadLetter(fx.rt().keys().deadLetters, e.id(), entry.encode()).mapEmpty();
  }

  /** Puts unsent alerts back for later with their count unchanged (no retry budget is spent). */
  private Future<Void> park(List<Alert> alerts, String why) {
    List<Future<Void>> parked = new ArrayList<>();
    for (Alert a : alerts) {
      if ("circuit_open".equals(why)) {
        metrics.request("fail", "circuit_open").increment();
      }
      long delay =
          Backoff.jittered(
              fx.settings().consumer().openDeferMs(), 0.5, ThreadLocalRandom.current());
      parked.add(fx.outcomes().later(a.id(), a.entry().payload(), delay));
    }
    return Future.join(parked).mapEmpty();
  }

  /**
   * The alert's scan; text that strict JSON refuses but Vert.x's lenient decoder accepts (comments,
   * written by some other tool) is normalised through it first, so both paths accept the same
   * alerts. Null when it is no JSON object.
   */
  private static AlertText scan(String payload) {
    AlertText text = AlertText.scan(payload);
    if (text != null) {
      return text;
    }
    try {
      return AlertText.scan(new JsonObject(payload).encode());
    } catch (RuntimeException notAnObject) {
      return null;
    }
  }

  private void countRequest(MoogClient.Reply reply, DeliveryOutcome outcome) {
    if (outcome == DeliveryOutcome.SUCCESS) {
      metrics.requestSuccess.increment();
    } else if (reply.status() == 429) {
      metrics.request("fail", "rate_limit").increment();
    } else {
      metrics.request("fail", "http").increment();
    }
  }

  private static String describe(MoogClient.Reply reply) {
    return reply.answered() ? "status " + reply.status() : reply.error();
  }
}
