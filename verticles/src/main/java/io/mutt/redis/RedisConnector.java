package io.mutt.redis;

import io.mutt.config.MuttConfig;
import io.mutt.config.Secrets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the pooled Redis client: TLS with server verification when enabled, connect timeout 5 s,
 * keep-alive, and the current/next password fallback used during rotation.
 */
public final class RedisConnector {

  private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);

  private RedisConnector() {}

  /**
   * Connects with the current password, then the next one; fails with a message free of secrets.
   */
  public static Future<Redis> connect(Vertx vertx, MuttConfig config) {
    String host = config.string("REDIS_HOST", "127.0.0.1");
    int port = config.port("REDIS_PORT", 6379);
    List<String> passwords = new Secrets(config).passwords("REDIS_PASS");
    List<String> attempts = new ArrayList<>(passwords);
    if (attempts.isEmpty()) {
      attempts.add(null);
    }
    return tryConnect(vertx, config, host, port, attempts, 0, null);
  }

  private static Future<Redis> tryConnect(
      Vertx vertx,
      MuttConfig config,
      String host,
      int port,
      List<String> passwords,
      int index,
      Throwable last) {
    if (index >= passwords.size()) {
      String why = last == null ? "unknown error" : last.getMessage();
      return Future.failedFuture("Redis at " + host + ":" + port + " is not reachable: " + why);
    }
    String password = passwords.get(index);
    RedisOptions options = options(config, host, port, password);
    Redis client = Redis.createClient(vertx, options);
    return client
        .send(Request.cmd(Command.PING))
        .map(
            ok -> {
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
              if (index + 1 < passwords.size()) {
                LOG.warn("Redis login with the current password failed; trying the next password");
              }
              return tryConnect(vertx, config, host, port, passwords, index + 1, err);
            });
  }

  static RedisOptions options(MuttConfig config, String host, int port, String password) {
    boolean tls = config.tlsFor("REDIS_TLS_ENABLED", host);
    int db = config.intValue("REDIS_DB", 0);
    String scheme = tls ? "rediss" : "redis";
    NetClientOptions net =
        new NetClientOptions().setConnectTimeout(5000).setTcpKeepAlive(true).setTcpNoDelay(true);
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
            .setConnectionString(scheme + "://" + host + ":" + port + "/" + db)
            .setNetClientOptions(net)
            .setMaxPoolSize(max)
            .setMaxPoolWaiting(100_000)
            .setMaxWaitingHandlers(100_000)
            .setPreferredProtocolVersion(ProtocolVersion.RESP2);
    if (password != null) {
      options.setPassword(password);
    }
    return options;
  }
}
