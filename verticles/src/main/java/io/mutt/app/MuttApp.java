package io.mutt.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mutt.config.ConfigException;
import io.mutt.config.ConfigLoader;
import io.mutt.config.MuttConfig;
import io.mutt.config.Secrets;
import io.mutt.config.VaultSecrets;
import io.mutt.contract.RedisKeys;
import io.mutt.db.DbSettings;
import io.mutt.db.PgPools;
import io.mutt.moog.FaultPlan;
import io.mutt.moog.MockMoogVerticle;
import io.mutt.redis.RedisConnector;
import io.mutt.redis.RedisMode;
import io.mutt.redis.ReplicaAcks;
import io.mutt.runtime.DynamicConfig;
import io.mutt.runtime.Module;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts MUTT in this JVM: configuration, embedded servers when no external ones are named,
 * database migration and demo data, the Vert.x instance (clustered on request), the shared clients,
 * then the chosen roles. Used by {@code mutt run} and by the end-to-end tests.
 */
public final class MuttApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MuttApp.class);

  private final EmbeddedServers embedded = new EmbeddedServers();
  private VaultSecrets vault;
  private Vertx vertx;
  private MuttRuntime runtime;
  private final List<String> summary = new ArrayList<>();

  /**
   * Starts the given roles; blocks until they are deployed. Throws {@link ConfigException} on a bad
   * setting.
   */
  public static MuttApp start(Map<String, String> overrides, String roles, boolean cluster) {
    MuttApp app = new MuttApp();
    try {
      app.doStart(overrides, Modules.select(roles), cluster);
      return app;
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
  }

  private void doStart(Map<String, String> overrides, List<Module> modules, boolean cluster) {
    boolean needsDatabase = modules.stream().anyMatch(Module::needsDatabase);
    MuttConfig config = loadConfig(overrides);
    vault = VaultSecrets.startIfConfigured(config).orElse(null);
    if (vault != null) {
      config = config.withSecretSource(vault);
      summary.add(
          "Secrets     Vault "
              + config.string("VAULT_ADDR")
              + " ("
              + config.string("VAULT_SECRETS_PATH", "secret/mutt")
              + ")");
    }
    boolean embeddedDb = !config.has("DB_HOST");
    RedisMode redisMode = RedisMode.from(config);
    boolean embeddedRedis = redisMode.standalone() && !config.has("REDIS_HOST");
    new RedisKeys(config);
    boolean local = embeddedDb && embeddedRedis;
    Path dataDir =
        embeddedDb || embeddedRedis
            ? LocalRun.dataDir(config)
            : Path.of(config.string("MUTT_DATA_DIR", ".mutt")).toAbsolutePath();
    if (embeddedRedis) {
      config = LocalRun.embeddedRedis(config, embedded, dataDir, summary);
      summary.add(
          "Redis       embedded at 127.0.0.1:"
              + config.string("REDIS_PORT")
              + " (password in "
              + dataDir.resolve("secrets")
              + ")");
    } else {
      summary.add("Redis       " + redisMode.describe());
    }
    if (needsDatabase) {
      if (embeddedDb) {
        config = LocalRun.embeddedPostgres(config, embedded, dataDir, summary);
        summary.add(
            "PostgreSQL  embedded at 127.0.0.1:"
                + config.string("DB_PORT")
                + "/"
                + config.string("DB_NAME", "mutt_db")
                + " as "
                + LocalRun.EMBEDDED_DB_USER);
      } else {
        summary.add(
            "PostgreSQL  "
                + config.string("DB_HOST")
                + ":"
                + config.string("DB_PORT", "5432")
                + "/"
                + config.string("DB_NAME", "mutt_db"));
      }
    }
    config = LocalSecrets.ensure(config, dataDir, local, modules, summary);

    String dbPassword = null;
    DbSettings db = null;
    if (needsDatabase) {
      db = DbSettings.from(config);
      try {
        String demo = config.string("MUTT_LOAD_DEMO_DATA", "auto");
        boolean loadDemo =
            demo.equalsIgnoreCase("true") || (demo.equalsIgnoreCase("auto") && embeddedDb);
        LocalRun.Prepared prepared =
            LocalRun.prepareDatabase(
                config, embeddedDb, loadDemo, config.intValue("RETENTION_PRECREATE_MONTHS", 3));
        dbPassword = prepared.password();
        if (prepared.demoLoaded()) {
          summary.add("Demo data   5 rules, 3 dev hosts, 4 teams loaded from conf/demo-data.json");
        }
      } catch (Exception e) {
        throw new ConfigException("database " + db + " is not usable: " + e.getMessage());
      }
    }

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    if (vault != null) {
      vault.bind(registry);
    }
    vertx = createVertx(config, registry, cluster);

    boolean moogFromConfig = config.has("MOOG_WEBHOOK_URL");
    if (!moogFromConfig && modules.stream().anyMatch(Module::callsMoogsoft)) {
      int port = config.port("MOCK_MOOG_PORT", 18083);
      // the stand-in keeps forwarded alerts: it answers only the Moogsoft key (and /health)
      vertx
          .deployVerticle(
              new MockMoogVerticle(
                  "127.0.0.1",
                  port,
                  FaultPlan.NONE,
                  io.mutt.http.ApiKeys.live(new Secrets(config), "MOOG_API_KEY")))
          .await();
      config = config.with("MOOG_WEBHOOK_URL", "http://127.0.0.1:" + port + "/events");
      summary.add(
          "Moogsoft    local stand-in at http://127.0.0.1:"
              + port
              + "/events (stats: /stats, with the key in MOOG_API_KEY)");
    } else if (moogFromConfig) {
      summary.add("Moogsoft    " + config.string("MOOG_WEBHOOK_URL"));
    }

    Redis redis = RedisConnector.connect(vertx, config).await();
    MuttConfig finalConfig = config;
    Pool pg =
        db == null
            ? null
            : PgPools.create(
                vertx, db, dbPassword, () -> new Secrets(finalConfig).passwords("DB_PASS"));
    RedisKeys keys = new RedisKeys(config);
    DynamicConfig dynamic =
        new DynamicConfig(vertx, redis, keys, config.bool("DYNAMIC_CONFIG_ENABLED", true));
    dynamic.start().await();
    String pod =
        config.string(
            "POD_NAME", "mutt-" + HexFormat.of().formatHex(java.security.SecureRandom.getSeed(3)));
    runtime =
        new MuttRuntime(
            vertx,
            config,
            new Secrets(config),
            keys,
            redis,
            pg,
            dynamic,
            registry,
            pod,
            ReplicaAcks.create(vertx, redis, config, registry));
    for (Module module : modules) {
      module.deploy(runtime, summary).await();
    }
  }

  private static MuttConfig loadConfig(Map<String, String> overrides) {
    Vertx tmp = Vertx.vertx();
    try {
      return ConfigLoader.load(tmp, overrides).await();
    } finally {
      tmp.close();
    }
  }

  private static Vertx createVertx(
      MuttConfig config, PrometheusMeterRegistry registry, boolean cluster) {
    MicrometerMetricsOptions metrics =
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .setJvmMetricsEnabled(true)
            .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
            .addDisabledMetricsCategory(MetricsDomain.NAMED_POOLS)
            // Generic HTTP-server metrics are optional and cost ~10% of the ingest hot
            // path (ADR 0007).
            .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)
            // Likewise the generic HTTP-client metrics: the forwarder makes one webhook request per
            // alert and exports its
            // own mutt_moog_request_latency_seconds / mutt_moog_requests_total
            // (docs/reference/metrics.md).
            .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT);
    VertxBuilder builder =
        Vertx.builder()
            .with(new VertxOptions().setMetricsOptions(metrics).setPreferNativeTransport(true))
            .withMetrics(new MicrometerMetricsFactory(registry));
    if (cluster || config.bool("MUTT_CLUSTER", false)) {
      io.vertx.spi.cluster.hazelcast.HazelcastClusterManager manager =
          ClusterSupport.clusterManager(config);
      Vertx clustered = builder.withClusterManager(manager).buildClustered().await();
      ClusterSupport.logMembership(manager);
      return clustered;
    }
    return builder.build();
  }

  public MuttRuntime runtime() {
    return runtime;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Human-readable lines describing where everything listens (printed by {@code mutt run}). */
  public List<String> summary() {
    return summary;
  }

  @Override
  public void close() {
    if (runtime != null) {
      runtime.dynamic().close();
    }
    if (vertx != null) {
      try {
        // undeploy the roles first, so their stop() still has Redis and PostgreSQL (in-flight work
        // is acknowledged or
        // left pending, leases are released), then close the shared clients and Vert.x
        List<io.vertx.core.Future<?>> undeployed = new ArrayList<>();
        for (String id : vertx.deploymentIDs()) {
          undeployed.add(vertx.undeploy(id).recover(err -> io.vertx.core.Future.succeededFuture()));
        }
        io.vertx.core.Future.all(undeployed).await(30, java.util.concurrent.TimeUnit.SECONDS);
        if (runtime != null) {
          runtime.redis().close();
          if (runtime.pg() != null) {
            runtime.pg().close();
          }
        }
        vertx.close().await(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("Vert.x did not close cleanly: {}", e.getMessage());
      }
    }
    embedded.close();
    if (vault != null) {
      vault.close();
    }
  }

  static Map<String, String> copy(Map<String, String> m) {
    return new LinkedHashMap<>(m);
  }
}
