package io.mutt.alerter;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code defer} shedding mode behind a circuit breaker: a consumer asks the gate before each
 * batch; the breaker opens on the first check that finds the alert queue above the shed threshold
 * and then refuses without checking until its reset timeout ({@code alerter_defer_sleep_ms}) has
 * passed; half-open, the next check closes it again once the queue is back under the threshold. The
 * breaker is rebuilt when the sleep setting changes.
 */
final class DeferGate {

  private static final Logger LOG = LoggerFactory.getLogger(DeferGate.class);

  private final Vertx vertx;
  private final String name;
  private CircuitBreaker breaker;
  private long resetMs = -1;
  private boolean deferring;

  DeferGate(Vertx vertx, String name) {
    this.vertx = vertx;
    this.name = name;
  }

  /** Completes with true when consumption may go on, false when it is deferred. */
  Future<Boolean> admit(boolean overloaded, long deferSleepMs) {
    long wanted = Math.max(1, deferSleepMs);
    if (breaker == null || resetMs != wanted) {
      close();
      resetMs = wanted;
      breaker =
          CircuitBreaker.create(
                  name,
                  vertx,
                  new CircuitBreakerOptions()
                      .setMaxFailures(1)
                      .setTimeout(-1)
                      .setResetTimeout(wanted)
                      .setNotificationAddress(null))
              .openHandler(v -> deferring(true))
              .closeHandler(v -> deferring(false));
    }
    return breaker
        .<Boolean>execute(
            p -> {
              if (overloaded) {
                p.fail("alert queue above the shed threshold");
              } else {
                p.complete(true);
              }
            })
        .otherwise(false);
  }

  /** Logs the start and the end of a deferral period, not every half-open probe in between. */
  private void deferring(boolean now) {
    if (now && !deferring) {
      LOG.warn("{}: alert queue above the shed threshold, consumption deferred", name);
    } else if (!now && deferring) {
      LOG.info("{}: alert queue back under the shed threshold, consuming again", name);
    }
    deferring = now;
  }

  void close() {
    if (breaker != null) {
      breaker.close();
      breaker = null;
    }
  }
}
