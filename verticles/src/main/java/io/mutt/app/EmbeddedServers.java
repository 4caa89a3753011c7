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

  public int startRedis(Path dataDir) {
    try {
      Path dir = Files.createDirectories(dataDir.resolve("redis"));
      redisPort = freePort(PREFERRED_REDIS_PORT);
      redis =
          RedisServer.newRedisServer()
              .bind("127.0.0.1")
              .port(redisPort)
              .setting("dir " + dir.toAbsolutePath())
              .setting("appendonly yes")
              .setting("appendfsync everysec")
              .setting("save \"\"")
              .setting("protected-mode yes")
              .onShutdownForceStop(true)
              .build();
      redis.start();
      LOG.info(
          "embedded Redis listening on 127.0.0.1:{} (data in {})", redisPort, dir.toAbsolutePath());
      return redisPort;
    } catch (IOException e) {
      throw new UncheckedIOException("embedded Redis could not start", e);
    }
  }

  public int startPostgres(Path dataDir) {
    try {
      Path dir = Files.createDirectories(dataDir.resolve("postgres"));
      int port = freePort(PREFERRED_PG_PORT);
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dir)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setServerConfig("max_connections", "200")
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setPGStartupWait(java.time.Duration.ofSeconds(60))
              .start();
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
