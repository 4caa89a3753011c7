package io.mutt.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.queue.DurableQueue;
import io.mutt.queue.QueueEntry;
import io.mutt.testsupport.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A depth sample whose Redis reply never comes is given up, and sampling goes on (no 503 forever).
 */
class QueueDepthSamplerTest {

  final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void a_lost_xlen_reply_does_not_stop_sampling() {
    AtomicInteger calls = new AtomicInteger();
    DurableQueue queue = new LostFirstReply(calls);
    AtomicLong gauge = new AtomicLong(-1);
    QueueDepthSampler sampler = new QueueDepthSampler(queue, 20, gauge);
    String id = vertx.deployVerticle(sampler).await();
    // the first XLEN never answers; within the reply timeout (1 s at a 20 ms period) a new sample
    // goes out
    Eventually.until(Duration.ofSeconds(5), "a later sample answered", () -> gauge.get() == 7);
    assertThat(calls.get()).isGreaterThan(1);
    assertThat(sampler.ledger().estimate()).isEqualTo(7);

    vertx.undeploy(id).await();
    int afterUndeploy = calls.get();
    vertx.timer(200).await(); // ten sampling periods
    assertThat(calls.get()).as("no sample after undeploy").isEqualTo(afterUndeploy);
  }

  /** XLEN of 7, except that the first call's reply is lost. */
  private static final class LostFirstReply implements DurableQueue {
    private final AtomicInteger calls;

    LostFirstReply(AtomicInteger calls) {
      this.calls = calls;
    }

    @Override
    public Future<Long> depth() {
      return calls.incrementAndGet() == 1
          ? Promise.<Long>promise().future()
          : Future.succeededFuture(7L);
    }

    @Override
    public String name() {
      return "lost-reply";
    }

    @Override
    public Future<Void> ensureGroup() {
      return Future.succeededFuture();
    }

    @Override
    public Future<String> append(String payload) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<List<String>> appendAll(List<String> payloads) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<List<QueueEntry>> readOwnPending(String consumer, int count) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<List<QueueEntry>> read(String consumer, int count, long blockMs) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<List<QueueEntry>> claimIdle(String consumer, long minIdleMs, int count) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Void> ack(List<String> ids) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Long> pendingCount() {
      throw new UnsupportedOperationException();
    }
  }
}
