package io.mutt.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The embedded Redis and PostgreSQL used when no REDIS_HOST / DB_HOST is given, so that a first run
 * needs only a JDK. Data lives under the MUTT data folder and survives restarts (Redis with an
 * append-only file). Ports are the preferred ones when free, else any free port: a real server
 * often already listens on 6379/5432.
 */
public final class EmbeddedServers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServers.class);
  public static final int PREFERRED_REDIS_PORT = 16379;
  public static final int PREFERRED_PG_PORT = 15432;

  private RedisServer redis;
  private EmbeddedPostgres postgres;
  private int redisPort;

  /** An open Redis (no password, every command): the test fixtures' servers. */
  public int startRedis(Path dataDir) {
    return startRedis(dataDir, null);
  }

  /**
   * A Redis on the loopback with its data under {@code dataDir/redis}. With a password (a local
   * run) it requires it, and the commands that reconfigure or extend the server ({@code CONFIG},
   * {@code DEBUG}, {@code MODULE}) are disabled: a holder of the password can use the data, not
   * write files where it likes or load code. The data folder is made private (0700, files 0600).
   */
  public int startRedis(Path dataDir, String password) {
    try {
      Path dir = Files.createDirectories(dataDir.resolve("redis"));
      if (password != null) {
        FilePermissions.privateTree(dir);
      }
      redisPort = freePort(PREFERRED_REDIS_PORT);
      var builder =
          RedisServer.newRedisServer()
              .bind("127.0.0.1")
              .port(redisPort)
              .setting("dir " + dir.toAbsolutePath())
              .setting("appendonly yes")
              .setting("appendfsync everysec")
              .setting("save \"\"")
              .setting("protected-mode yes");
      if (password != null) {
        // the settings go to a temporary configuration file only its owner can read (0600)
        builder
            .setting("requirepass " + password)
            .setting("rename-command CONFIG \"\"")
            .setting("rename-command DEBUG \"\"")
            .setting("rename-command MODULE \"\"");
      }
      redis = builder.onShutdownForceStop(true).build();
      redis.start();
      if (password != null) {
        FilePermissions.privateTree(dir);
      }
      LOG.info(
          "embedded Redis listening on 127.0.0.1:{} (data in {})", redisPort, dir.toAbsolutePath());
      return redisPort;
    } catch (IOException e) {
      throw new UncheckedIOException("embedded Redis could not start", e);
    }
  }

  /** An open PostgreSQL (local logins trusted): the test fixtures' servers. */
  public int startPostgres(Path dataDir) {
    return startPostgres(dataDir, null);
  }

  /**
   * A PostgreSQL on the loopback with its data under {@code dataDir/postgres}. With a superuser
   * password (a local run) no login is trusted: the superuser {@code postgres} gets that password,
   * {@code pg_hba.conf} allows password (SCRAM) logins over TCP on the loopback only, and no Unix
   * socket is opened. A data folder made by initdb before (trust) is converted on its first start.
   */
  public int startPostgres(Path dataDir, String superuserPassword) {
    try {
      Path dir = Files.createDirectories(dataDir.resolve("postgres"));
      int port = freePort(PREFERRED_PG_PORT);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dir)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setServerConfig("max_connections", "200")
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setPGStartupWait(java.time.Duration.ofSeconds(60));
      if (superuserPassword != null) {
        // the start-up check logs in as postgres over TCP: with the password once it is required
        builder
            .setConnectConfig("password", superuserPassword)
            .setServerConfig("unix_socket_directories", "")
            .setServerConfig("password_encryption", "scram-sha-256");
      }
      postgres = builder.start();
      if (superuserPassword != null) {
        EmbeddedPostgresAuth.requirePasswords(port, dir, superuserPassword);
        // PostgreSQL's own files are 0600 already; the start-up lock file is not
        FilePermissions.privateTree(dir);
      }
      LOG.info(
          "embedded PostgreSQL listening on 127.0.0.1:{} (data in {})", port, dir.toAbsolutePath());
      return port;
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL could not start", e);
    }
  }

  /**
   * {@code preferred} when it is free, else any free port; always any free port with {@code
   * -Dmutt.embedded.anyPort=true} (test JVMs running side by side would otherwise race for the
   * preferred one, and one would end up talking to the other's server).
   */
  static int freePort(int preferred) throws IOException {
    if (!Boolean.getBoolean("mutt.embedded.anyPort")) {
      try (ServerSocket s =
          new ServerSocket(preferred, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
        s.setReuseAddress(true);
        return preferred;
      } catch (IOException busy) {
        // fall through to any free port
      }
    }
    try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    if (redis != null) {
      try {
        redis.stop();
      } catch (IOException e) {
        LOG.warn("embedded Redis did not stop cleanly: {}", e.getMessage());
      }
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
      }
    }
  }
}
