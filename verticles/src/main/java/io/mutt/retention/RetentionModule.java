package io.mutt.retention;

import io.mutt.runtime.Module;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;

/**
 * Deploys the in-app retention scheduler next to the remediation role: one {@link
 * RetentionScheduler} per JVM, of which only the lease holder acts. {@code RETENTION_ENABLED=false}
 * deploys nothing.
 */
public final class RetentionModule implements Module {

  @Override
  public String name() {
    return "retention";
  }

  @Override
  public boolean needsDatabase() {
    return true;
  }

  @Override
  public Future<?> deploy(MuttRuntime rt, List<String> summary) {
    if (!rt.config().bool("RETENTION_ENABLED", true)) {
      summary.add("Retention   disabled (RETENTION_ENABLED=false)");
      return Future.succeededFuture();
    }
    if (rt.pg() == null) {
      return Future.failedFuture(
          "retention needs the PostgreSQL pool (deploy it with a database role)");
    }
    RetentionScheduler scheduler =
        new RetentionScheduler(rt, Clock.systemUTC(), new RetentionMetrics(rt.registry()));
    summary.add(
        "Retention   daily at "
            + rt.config().string("RETENTION_RUN_AT", "02:00")
            + " UTC on the leader (lease "
            + rt.keys().retentionLeader
            + "); partitions ensured hourly");
    return rt.vertx().deployVerticle(scheduler);
  }
}
