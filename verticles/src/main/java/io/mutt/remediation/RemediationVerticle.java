package io.mutt.remediation;

import io.micrometer.core.instrument.Timer;
import io.mutt.config.MuttConfig;
import io.mutt.redis.RedisConnector;
import io.mutt.redis.RedisLease;
import io.mutt.runtime.DynamicConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Redis;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remediation loop (docs/reference/http-api.md), run only by the elected leader: every {@code
 * remediation_interval} count the loop, probe Moogsoft, and only when it is healthy replay a batch
 * from each DLQ; record the loop time. Followers only keep trying to take the lease. Nothing here
 * blocks; failures are logged and the loop goes on.
 */
public final class RemediationVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RemediationVerticle.class);

  private final RemediationSettings settings;
  private final DynamicConfig dynamic;
  private final MuttConfig config;
  private final Function<Redis, RedisLease> elections;
  private RedisLease election;
  private Redis leaseClient;
  private final List<DlqReplayer> replayers;
  private final RemediationMetrics metrics;
  private MoogHealthProbe probe;
  private long cycleTimer = -1;
  private boolean cycling;
  private boolean stopping;

  /**
   * @param elections builds the election on a Redis client of this verticle's own, so that the
   *     lease can still be released while the JVM shuts down (the shared client may already be
   *     closed by then)
   */
  public RemediationVerticle(
      RemediationSettings settings,
      MuttConfig config,
      DynamicConfig dynamic,
      Function<Redis, RedisLease> elections,
      List<DlqReplayer> replayers,
      RemediationMetrics metrics) {
    this.settings = settings;
    this.config = config;
    this.dynamic = dynamic;
    this.elections = elections;
    this.replayers = replayers;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    probe = new MoogHealthProbe(vertx, settings, metrics);
    return RedisConnector.connect(vertx, config)
        .onSuccess(
            client -> {
              leaseClient = client;
              election = elections.apply(client);
              vertx.setPeriodic(1, election.renewEveryMs(), id -> electionTick());
            });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    if (cycleTimer >= 0) {
      vertx.cancelTimer(cycleTimer);
    }
    metrics.leader.set(0);
    probe.close();
    if (election == null) {
      return Future.succeededFuture();
    }
    return election
        .release()
        .eventually(
            () -> {
              leaseClient.close();
              return Future.succeededFuture();
            });
  }

  private void electionTick() {
    if (stopping) {
      return;
    }
    election
        .tick()
        .onSuccess(
            leads -> {
              metrics.leader.set(leads ? 1 : 0);
              if (leads && !cycling) {
                cycling = true;
                cycle();
              }
            });
  }

  private void cycle() {
    if (stopping || !election.leading()) {
      cycling = false;
      return;
    }
    metrics.loops.increment();
    Timer.Sample sample = Timer.start();
    probe
        .healthy()
        .compose(healthy -> healthy ? replayAll() : sampleDepths())
        .onFailure(err -> LOG.warn("remediation loop failed: {}", err.getMessage()))
        .onComplete(
            ar -> {
              sample.stop(metrics.loopDuration);
              long interval =
                  Math.max(
                      10,
                      Math.round(
                          dynamic.getDouble("remediation_interval", settings.intervalMs() / 1000.0)
                              * 1000));
              cycleTimer = vertx.setTimer(interval, id -> cycle());
            });
  }

  private Future<Void> replayAll() {
    int batch = (int) Math.max(1, dynamic.getLong("remediation_batch_size", settings.batchSize()));
    int maxPoison =
        (int) Math.max(1, dynamic.getLong("max_poison_retries", settings.maxPoisonRetries()));
    Future<Void> chain = Future.succeededFuture();
    for (DlqReplayer r : replayers) {
      chain =
          chain.compose(
              v ->
                  election.leading()
                      ? r.replay(batch, maxPoison).<Void>mapEmpty()
                      : Future.succeededFuture());
    }
    return chain;
  }

  private Future<Void> sampleDepths() {
    return Future.join(replayers.stream().map(DlqReplayer::depth).toList())
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }
}
