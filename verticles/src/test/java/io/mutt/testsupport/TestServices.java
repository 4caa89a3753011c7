package io.mutt.testsupport;

import io.mutt.app.EmbeddedServers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where tests find Redis and PostgreSQL, in this order: explicit environment ({@code
 * MUTT_TEST_REDIS_URI=redis://host:port}, {@code
 * MUTT_TEST_PG_URI=postgresql://user[:pass]@host:port}), Testcontainers when a Docker daemon
 * answers, otherwise embedded servers started once per test JVM. Each test gets its own Redis key
 * prefix and its own database, so tests never see each other's data.
 */
public final class TestServices {

  private static Endpoint redis;
  private static Endpoint postgres;
  private static EmbeddedServers embedded;

  private TestServices() {}

  record Endpoint(String host, int port, String user, String password) {}

  /** REDIS_* settings plus a fresh key prefix. */
  public static synchronized Map<String, String> redis() {
    if (redis == null) {
      redis = startRedis();
    }
    Map<String, String> m = new HashMap<>();
    m.put("REDIS_HOST", redis.host());
    m.put("REDIS_PORT", String.valueOf(redis.port()));
    m.put("REDIS_TLS_ENABLED", "false");
    if (redis.password() != null) {
      m.put("REDIS_PASS_CURRENT", redis.password());
    }
    m.put("MUTT_KEY_PREFIX", "t" + UUID.randomUUID().toString().substring(0, 8));
    return m;
  }

  /** DB_* settings of a new, empty database (MUTT migrates it when it starts). */
  public static synchronized Map<String, String> freshDatabase() {
    if (postgres == null) {
      postgres = startPostgres();
    }
    String name =
        "mutt_test_"
            + UUID.randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 12)
                .toLowerCase(Locale.ROOT);
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/postgres",
                postgres.user(),
                postgres.password());
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create test database: " + e.getMessage(), e);
    }
    Map<String, String> m = new HashMap<>();
    m.put("DB_HOST", postgres.host());
    m.put("DB_PORT", String.valueOf(postgres.port()));
    m.put("DB_NAME", name);
    m.put("DB_USER", postgres.user());
    m.put("DB_TLS_ENABLED", "false");
    if (postgres.password() != null) {
      m.put("DB_PASS_CURRENT", postgres.password());
    }
    return m;
  }

  /**
   * Redis, a fresh database, and test API keys: everything {@code MuttApp.start} needs besides
   * ports.
   */
  public static Map<String, String> all() {
    Map<String, String> m = new HashMap<>(redis());
    m.putAll(freshDatabase());
    m.put("INGEST_API_KEY", "test-ingest-key-0123456789");
    m.put("WEBUI_API_KEY", "test-webui-key-0123456789");
    m.put("MOOG_API_KEY", "test-moog-key-0123456789");
    m.put("MUTT_LOAD_DEMO_DATA", "true");
    return m;
  }

  private static Endpoint startRedis() {
    String uri = System.getenv("MUTT_TEST_REDIS_URI");
    if (uri != null && !uri.isBlank()) {
      URI u = URI.create(uri);
      String pass =
          u.getUserInfo() == null
              ? null
              : u.getUserInfo().substring(u.getUserInfo().indexOf(':') + 1);
      return new Endpoint(u.getHost(), u.getPort() > 0 ? u.getPort() : 6379, null, pass);
    }
    if (dockerAvailable()) {
      GenericContainer<?> c = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
      c.start();
      return new Endpoint(c.getHost(), c.getMappedPort(6379), null, null);
    }
    int port = embedded().startRedis(dataDir());
    return new Endpoint("127.0.0.1", port, null, null);
  }

  private static Endpoint startPostgres() {
    String uri = System.getenv("MUTT_TEST_PG_URI");
    if (uri != null && !uri.isBlank()) {
      URI u = URI.create(uri);
      String info = u.getUserInfo() == null ? "postgres" : u.getUserInfo();
      String user = info.contains(":") ? info.substring(0, info.indexOf(':')) : info;
      String pass = info.contains(":") ? info.substring(info.indexOf(':') + 1) : null;
      return new Endpoint(u.getHost(), u.getPort() > 0 ? u.getPort() : 5432, user, pass);
    }
    if (dockerAvailable()) {
      PostgreSQLContainer c = new PostgreSQLContainer("postgres:17-alpine");
      c.start();
      return new Endpoint(c.getHost(), c.getMappedPort(5432), c.getUsername(), c.getPassword());
    }
    int port = embedded().startPostgres(dataDir());
    return new Endpoint("127.0.0.1", port, "postgres", null);
  }

  private static EmbeddedServers embedded() {
    if (embedded == null) {
      System.setProperty("mutt.embedded.anyPort", "true");
      embedded = new EmbeddedServers();
      Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
    }
    return embedded;
  }

  private static Path dataDir() {
    try {
      return Files.createTempDirectory("mutt-test-");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable t) {
      return false;
    }
  }
}
