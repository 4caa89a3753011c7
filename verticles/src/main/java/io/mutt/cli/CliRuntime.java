package io.mutt.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mutt.config.ConfigException;
import io.mutt.config.ConfigLoader;
import io.mutt.config.MuttConfig;
import io.mutt.config.Secrets;
import io.mutt.contract.RedisKeys;
import io.mutt.db.DatabaseBootstrap;
import io.mutt.db.DbSettings;
import io.mutt.db.PgPools;
import io.mutt.redis.RedisConnector;
import io.mutt.runtime.DynamicConfig;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.util.Map;

/**
 * A short-lived {@link MuttRuntime} for one CLI command (never used on an event loop):
 * configuration as {@code mutt run} reads it plus {@code --set} overrides, the external Redis and
 * PostgreSQL named by {@code REDIS_HOST} / {@code DB_HOST} (the CLI never starts embedded servers
 * behind a running MUTT's back), and the dynamic configuration snapshot. {@link #close()} releases
 * everything.
 */
public final class CliRuntime implements AutoCloseable {

  private final Vertx vertx;
  private final MuttRuntime runtime;

  private CliRuntime(Vertx vertx, MuttRuntime runtime) {
    this.vertx = vertx;
    this.runtime = runtime;
  }

  /** Loads the configuration only (no connection). */
  public static MuttConfig config(Map<String, String> overrides) {
    Vertx tmp = Vertx.vertx();
    try {
      return ConfigLoader.load(tmp, overrides).await();
    } finally {
      tmp.close();
    }
  }

  /**
   * Connects to Redis and, when {@code withDatabase}, PostgreSQL.
   *
   * @throws ConfigException when REDIS_HOST / DB_HOST is not set (exit 2)
   * @throws UnreachableException when a server does not answer or refuses the login (exit 3)
   */
  public static CliRuntime open(Map<String, String> overrides, boolean withDatabase) {
    MuttConfig config = config(overrides);
    if (io.mutt.redis.RedisMode.from(config).standalone() && !config.has("REDIS_HOST")) {
      throw new ConfigException(
          "REDIS_HOST is not set: give the Redis that MUTT uses (environment or --set REDIS_HOST=...)");
    }
    if (withDatabase && !config.has("DB_HOST")) {
      throw new ConfigException(
          "DB_HOST is not set: give the PostgreSQL that MUTT uses (environment or --set DB_HOST=...)");
    }
    Vertx vertx = Vertx.vertx();
    try {
      Redis redis;
      try {
        redis = RedisConnector.connect(vertx, config).await();
      } catch (Exception e) {
        throw new UnreachableException(RunCommand.rootMessage(e));
      }
      Pool pg = null;
      if (withDatabase) {
        DbSettings db = DbSettings.from(config);
        String password;
        try {
          password = DatabaseBootstrap.workingPassword(db);
        } catch (Exception e) {
          throw new UnreachableException(
              "PostgreSQL " + db + " is not reachable: " + RunCommand.rootMessage(e));
        }
        pg = PgPools.create(vertx, db, password);
      }
      RedisKeys keys = new RedisKeys(config);
      DynamicConfig dynamic =
          new DynamicConfig(vertx, redis, keys, config.bool("DYNAMIC_CONFIG_ENABLED", true));
      dynamic.start().await();
      MuttRuntime rt =
          new MuttRuntime(
              vertx,
              config,
              new Secrets(config),
              keys,
              redis,
              pg,
              dynamic,
              new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
              config.string("POD_NAME", "mutt-cli"),
              io.mutt.redis.ReplicaAcks.off());
      return new CliRuntime(vertx, rt);
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  public MuttRuntime runtime() {
    return runtime;
  }

  @Override
  public void close() {
    runtime.dynamic().close();
    try {
      vertx.close().await(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // closing anyway
    }
  }
}
