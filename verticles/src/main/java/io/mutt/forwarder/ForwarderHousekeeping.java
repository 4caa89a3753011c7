package io.mutt.forwarder;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forwarder's per-JVM background work: starts the shared circuit breaker's watcher, moves due
 * retries from the retry set back to the alert stream every {@value #MOVE_EVERY_MS} ms (atomic, so
 * any number of JVMs may run it), and samples the Moog DLQ depth for {@code mutt_moog_dlq_depth}
 * every {@value #DEPTH_EVERY_MS} ms. When undeployed it also closes the HTTP client of the {@code
 * /health} webhook probe.
 */
public final class ForwarderHousekeeping extends VerticleBase {

  static final long MOVE_EVERY_MS = 100;
  static final long DEPTH_EVERY_MS = 5000;
  private static final Logger LOG = LoggerFactory.getLogger(ForwarderHousekeeping.class);

  private final ForwarderShared fx;
  private final ForwarderHealth health;
  private boolean moving;

  public ForwarderHousekeeping(ForwarderShared fx, ForwarderHealth health) {
    this.fx = fx;
    this.health = health;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(MOVE_EVERY_MS, id -> moveDue());
    vertx.setPeriodic(DEPTH_EVERY_MS, id -> sampleDlq());
    sampleDlq();
    return fx.breaker().start();
  }

  @Override
  public Future<?> stop() {
    fx.breaker().stop();
    health.close();
    return Future.succeededFuture();
  }

  private void moveDue() {
    if (moving) {
      return;
    }
    moving = true;
    fx.outcomes()
        .moveDue(500)
        .onFailure(err -> LOG.debug("retry mover: {}", err.getMessage()))
        .onComplete(ar -> moving = false);
  }

  private void sampleDlq() {
    fx.rt()
        .redis()
        .send(Request.cmd(Command.LLEN).arg(fx.rt().keys().moogDlq))
        .onSuccess(r -> fx.metrics().dlqDepth.set(r == null ? 0 : r.toLong()));
  }
}
