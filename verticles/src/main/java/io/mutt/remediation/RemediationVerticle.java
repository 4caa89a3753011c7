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
 * The remediation loop (ADR 0018), run only by the elected leader: count the loop, probe Moogsoft,
 * run one {@link PacedReplay} round, record the loop time, and wait what the round asks: back to
 * back at the replay pace while a DLQ drains, every {@code remediation_interval} while there is
 * nothing to do or Moogsoft is unhealthy. Followers only keep trying to take the lease. Nothing
 * here blocks; failures are logged and the loop goes on.
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
  private final PacedReplay paced;
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
      PacedReplay paced,
      RemediationMetrics metrics) {
    this.settings = settings;
    this.config = config;
    this.dynamic = dynamic;
    this.elections = elections;
    this.replayers = replayers;
    this.paced = paced;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    probe =
        new MoogHealthProbe(
            vertx,
            settings,
            metrics,
            io.mutt.config.LiveSecret.of(
                new io.mutt.config.Secrets(config), "MOOG_API_KEY", settings.apiKey()));
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
    long started = System.currentTimeMillis();
    probe
        .healthy()
        .compose(healthy -> paced.round(healthy, election::leading))
        .otherwise(
            err -> {
              LOG.warn("remediation loop failed: {}", err.getMessage());
              return paced.idleMs();
            })
        .onSuccess(
            next -> {
              sample.stop(metrics.loopDuration);
              if (!election.leading()) {
                replayers.forEach(r -> metrics.drainSeconds(r.dlq()).set(-1.0));
              }
              long wait = Math.max(1, next - (System.currentTimeMillis() - started));
              cycleTimer = vertx.setTimer(wait, id -> cycle());
            });
  }
}
