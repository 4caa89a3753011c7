package io.mutt.forwarder;

import io.mutt.pipeline.backoff.Backoff;
import io.mutt.pipeline.delivery.CircuitState;
import io.mutt.pipeline.delivery.RetryPolicy;
import io.mutt.queue.QueueEntry;
import io.mutt.runtime.Failures;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One forwarder consumer (ADR 0004): reads batches from the alert stream as consumer {@code
 * <pod>-forwarder-<n>} (first its own unacknowledged entries, then new ones, and every half janitor
 * timeout the entries of consumers that stopped), and hands each batch to an {@link AlertDelivery}.
 * While the shared circuit is OPEN it reads nothing and looks again after a jittered defer; while
 * HALF_OPEN only the holder of the cluster-wide probe lock reads, one alert.
 */
public final class ForwarderVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ForwarderVerticle.class);
  private static final RandomGenerator RND = () -> ThreadLocalRandom.current().nextLong();

  private final ForwarderShared fx;
  private final int index;
  private String consumer;
  private MoogClient moog;
  private AlertDelivery delivery;
  private volatile boolean stopping;
  private final Promise<Void> stopped = Promise.promise();
  private boolean ownPendingDone;
  private long lastClaimMs;

  public ForwarderVerticle(ForwarderShared fx, int index) {
    this.fx = fx;
    this.index = index;
  }

  @Override
  public Future<?> start() {
    ForwarderSettings s = fx.settings();
    consumer = fx.rt().workerId("forwarder", index);
    moog =
        new MoogClient(
            vertx,
            s.webhookUrl(),
            io.mutt.config.LiveSecret.of(fx.rt().secrets(), "MOOG_API_KEY", s.apiKey()),
            s.webhookTimeoutMs(),
            s.consumer().maxInFlight() + 2);
    RetryPolicy policy =
        new RetryPolicy(s.retry().maxRetries(), s.retry().baseMs(), s.retry().maxMs(), RND);
    delivery = new AlertDelivery(vertx, fx, moog, policy, () -> stopping);
    lastClaimMs = System.currentTimeMillis();
    return fx.queue().join(vertx, consumer).onSuccess(v -> context.runOnContext(x -> next()));
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    return stopped
        .future()
        .timeout(
            fx.settings().webhookTimeoutMs() + 5000, java.util.concurrent.TimeUnit.MILLISECONDS)
        .otherwiseEmpty()
        .compose(v -> fx.queue().leave(consumer))
        .onComplete(v -> moog.close());
  }

  private void next() {
    if (stopping) {
      stopped.tryComplete();
      return;
    }
    CircuitState.Gate gate = fx.breaker().gate();
    if (gate == CircuitState.Gate.WAIT) {
      defer();
    } else if (gate == CircuitState.Gate.PROBE) {
      fx.breaker()
          .tryProbe()
          .onComplete(
              won -> {
                if (won.succeeded() && won.result()) {
                  cycle(1, true);
                } else {
                  defer();
                }
              });
    } else {
      cycle(fx.settings().consumer().batchSize(), false);
    }
  }

  private void cycle(int count, boolean probe) {
    fetch(count)
        .compose(entries -> delivery.deliver(entries, probe))
        .eventually(() -> probe ? fx.breaker().releaseProbe() : Future.succeededFuture())
        .onComplete(
            ar -> {
              if (ar.failed()) {
                if (!stopping && !Failures.isConnectionClosed(ar.cause())) {
                  LOG.warn("forwarder {}: {}", consumer, ar.cause().getMessage());
                }
                vertx.setTimer(Backoff.jittered(500, 0.5, RND), t -> next());
              } else {
                next();
              }
            });
  }

  /**
   * Own leftovers first, then (every half janitor timeout) idle entries of stopped consumers, then
   * new entries.
   */
  private Future<List<QueueEntry>> fetch(int count) {
    if (!ownPendingDone) {
      return fx.queue()
          .readOwnPending(consumer, count)
          .compose(
              own -> {
                if (!own.isEmpty()) {
                  return Future.succeededFuture(own);
                }
                ownPendingDone = true;
                return fetch(count);
              });
    }
    long now = System.currentTimeMillis();
    if (now - lastClaimMs >= fx.settings().consumer().janitorTimeoutMs() / 2) {
      lastClaimMs = now;
      return fx.queue()
          .claimIdle(consumer, fx.settings().consumer().janitorTimeoutMs(), count)
          .compose(
              claimed -> {
                if (!claimed.isEmpty()) {
                  LOG.info("forwarder {} took over {} idle alerts", consumer, claimed.size());
                  return Future.succeededFuture(claimed);
                }
                return fx.queue().read(consumer, count, fx.settings().consumer().blockMs());
              });
    }
    return fx.queue().read(consumer, count, fx.settings().consumer().blockMs()).map(ArrayList::new);
  }

  private void defer() {
    vertx.setTimer(Backoff.jittered(fx.settings().consumer().openDeferMs(), 0.3, RND), t -> next());
  }
}
