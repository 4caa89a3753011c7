package io.mutt.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of its own for tests that stop and start the database: made with the
 * machine's {@code initdb} and run with {@code pg_ctl} (Debian's postgresql package, under
 * /usr/lib/postgresql/N/bin) on a free loopback port, trust authentication, in a temporary
 * directory that {@link #close()} removes. PostgreSQL refuses to run as root, so as root the
 * commands run as the {@code postgres} user through {@code runuser}.
 */
public final class PgCluster implements AutoCloseable {

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgres;

  private PgCluster(Path bin, Path dir, int port, boolean asPostgres) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgres = asPostgres;
  }

  /** Makes and starts a new cluster on a free port. */
  public static PgCluster start() throws Exception {
    Path bin = binaries();
    Path dir = Files.createTempDirectory("mutt-pg-");
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      run(List.of("chown", "postgres:postgres", dir.toString()), dir, 30);
    }
    PgCluster pg = new PgCluster(bin, dir, Ports.free(), root);
    pg.pg(
        60,
        bin.resolve("initdb").toString(),
        "-D",
        dir.resolve("data").toString(),
        "-A",
        "trust",
        "-U",
        "postgres",
        "-E",
        "UTF8",
        "--no-sync");
    pg.startServer();
    return pg;
  }

  public int port() {
    return port;
  }

  /** Starts the server (again) and waits until it accepts connections. */
  public void startServer() throws Exception {
    pg(
        90,
        bin.resolve("pg_ctl").toString(),
        "-D",
        dir.resolve("data").toString(),
        "-l",
        dir.resolve("server.log").toString(),
        "-w",
        "-t",
        "60",
        "-o",
        "-p "
            + port
            + " -c listen_addresses=127.0.0.1 -k "
            + dir
            + " -c fsync=off -c synchronous_commit=off -c max_connections=100",
        "start");
  }

  /** Stops the server at once (fast shutdown: sessions are ended, nothing waits for clients). */
  public void stopServer() throws Exception {
    pg(
        90,
        bin.resolve("pg_ctl").toString(),
        "-D",
        dir.resolve("data").toString(),
        "-m",
        "fast",
        "-w",
        "stop");
  }

  /** Creates a database. */
  public void createDatabase(String name) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
  }

  @Override
  public void close() {
    try {
      stopServer();
    } catch (Exception ignored) {
      // already stopped
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory
    }
  }

  private void pg(int timeoutSeconds, String... command) throws Exception {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(List.of(command));
    run(full, dir, timeoutSeconds);
  }

  private static void run(List<String> command, Path dir, int timeoutSeconds) throws Exception {
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("cmd.log").toFile())
            .start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + command);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          command
              + " exited "
              + p.exitValue()
              + ": "
              + Files.readString(dir.resolve("cmd.log"), StandardCharsets.UTF_8));
    }
  }

  /** The newest /usr/lib/postgresql/N/bin holding pg_ctl and initdb. */
  static Path binaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException(
          "no PostgreSQL server binaries under /usr/lib/postgresql (Debian package postgresql)");
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
          .orElseThrow(() -> new IllegalStateException("no pg_ctl under " + root));
    }
  }
}
