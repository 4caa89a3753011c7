package io.mutt.redis;

import io.mutt.config.MuttConfig;
import io.mutt.config.Secrets;
import io.mutt.runtime.Failures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisClusterTransactions;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisReplicas;
import io.vertx.redis.client.RedisRole;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place MUTT builds its Redis client, for every {@link RedisMode}: a pooled client to one
 * server, to the master Sentinel names (the client follows a failover by itself), or to a Redis
 * Cluster (commands routed by slot, masters only, transactions on one node). TLS with server
 * verification when enabled, connect timeout 5 s, keep-alive, and the current/next password
 * fallback used during rotation, in every mode.
 */
public final class RedisConnector {

  private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);
  private static final int CONNECT_TIMEOUT_MS = 5000;

  private RedisConnector() {}

  /**
   * Connects with the current password, then the next one; fails with a message free of secrets.
   * Throws {@link io.mutt.config.ConfigException} at once when the mode's settings are unusable.
   */
  public static Future<Redis> connect(Vertx vertx, MuttConfig config) {
    RedisMode mode = RedisMode.from(config);
    List<String> passwords = new Secrets(config).passwords("REDIS_PASS");
    List<String> attempts = new ArrayList<>(passwords);
    if (attempts.isEmpty()) {
      attempts.add(null);
    }
    return tryConnect(vertx, config, mode, attempts, 0, null);
  }

  private static Future<Redis> tryConnect(
      Vertx vertx,
      MuttConfig config,
      RedisMode mode,
      List<String> passwords,
      int index,
      Throwable last) {
    if (index >= passwords.size()) {
      String why = last == null ? "unknown error" : last.getMessage();
      return Future.failedFuture("Redis (" + mode.describe() + ") is not reachable: " + why);
    }
    String password = passwords.get(index);
    RedisOptions options = options(config, mode, password);
    Redis client = Redis.createClient(vertx, options);
    return client
        .send(Request.cmd(Command.PING))
        // a sentinel or cluster seed that accepts the connection but never answers must not hang
        // the start
        .timeout(CONNECT_TIMEOUT_MS * 3, java.util.concurrent.TimeUnit.MILLISECONDS)
        .map(
            ok -> {
              if (mode.kind() != RedisMode.Kind.STANDALONE) {
                // Sentinel and Cluster clients keep the password that logged in (docs/SECURITY.md)
                return client;
              }
              client.close();
              // each new pooled connection reads the passwords again (rotation through Vault)
              Secrets secrets = new Secrets(config);
              return Redis.createStandaloneClient(
                  vertx,
                  options,
                  new RedisPasswords(
                      vertx, options, () -> secrets.passwords("REDIS_PASS"), password));
            })
        .recover(
            err -> {
              client.close();
              if (!Failures.isRedisAuthFailure(err)) {
                // unreachable, TLS refused, no answer: another password would not help
                return tryConnect(vertx, config, mode, passwords, passwords.size(), err);
              }
              if (index + 1 < passwords.size()) {
                LOG.warn("Redis login with the current password failed; trying the next password");
              }
              return tryConnect(vertx, config, mode, passwords, index + 1, err);
            });
  }

  /** The client options of {@code mode}; {@code password} null = none. */
  public static RedisOptions options(MuttConfig config, RedisMode mode, String password) {
    boolean tls = config.tlsFor("REDIS_TLS_ENABLED", mode.tlsHost());
    String scheme = tls ? "rediss" : "redis";
    NetClientOptions net =
        new NetClientOptions()
            .setConnectTimeout(CONNECT_TIMEOUT_MS)
            .setTcpKeepAlive(true)
            .setTcpNoDelay(true);
    if (tls) {
      net.setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
      String ca = config.string("REDIS_CA_CERT_PATH", "");
      if (!ca.isEmpty()) {
        net.setTrustOptions(new PemTrustOptions().addCertPath(ca));
      }
    }
    int max = config.atLeast("REDIS_MAX_CONNECTIONS", 32, 5);
    RedisOptions options =
        new RedisOptions()
            .setNetClientOptions(net)
            .setMaxPoolSize(max)
            .setMaxPoolWaiting(100_000)
            .setMaxWaitingHandlers(100_000)
            .setPreferredProtocolVersion(ProtocolVersion.RESP2);
    switch (mode.kind()) {
      case STANDALONE -> {
        RedisMode.HostPort hp = mode.endpoints().get(0);
        options.setConnectionString(scheme + "://" + hp + "/" + config.intValue("REDIS_DB", 0));
      }
      case SENTINEL -> {
        options
            .setType(RedisClientType.SENTINEL)
            .setRole(RedisRole.MASTER)
            .setMasterName(mode.masterName())
            .setAutoFailover(true)
            // a promoted replica is looked up again within this time after a failover
            .setTopologyCacheTTL(1000);
        mode.endpoints().forEach(hp -> options.addConnectionString(scheme + "://" + hp));
      }
      case CLUSTER -> {
        options
            .setType(RedisClientType.CLUSTER)
            .setUseReplicas(RedisReplicas.NEVER)
            .setClusterTransactions(RedisClusterTransactions.SINGLE_NODE)
            // the slot map is read again this often, so a promoted replica is found quickly
            .setHashSlotCacheTTL(1000);
        mode.endpoints().forEach(hp -> options.addConnectionString(scheme + "://" + hp));
      }
    }
    if (password != null) {
      options.setPassword(password);
    }
    return options;
  }
}
