package io.mutt.cli;

import io.mutt.app.EmbeddedServers;
import io.mutt.app.LocalRun;
import io.mutt.config.MuttConfig;
import io.mutt.db.DatabaseBootstrap;
import io.mutt.db.DbSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The database a read-only CLI command uses: DB_HOST when set; else the embedded PostgreSQL of a
 * running local {@code mutt run} (127.0.0.1:15432); else the embedded database that {@code mutt
 * setup} left in the data folder, started for the duration of the command. {@link #close()} stops
 * what was started.
 */
final class LocalDatabase implements AutoCloseable {

  private final EmbeddedServers embedded = new EmbeddedServers();
  final DbSettings db;
  final String password;

  LocalDatabase(MuttConfig config) {
    if (config.has("DB_HOST")) {
      db = DbSettings.from(config);
      password = login(db);
      return;
    }
    // the login of a local run: mutt_user with the password kept in the secrets folder
    Path data = Path.of(config.string("MUTT_DATA_DIR", ".mutt")).toAbsolutePath();
    MuttConfig local =
        config
            .with("DB_HOST", "127.0.0.1")
            .with("DB_PORT", EmbeddedServers.PREFERRED_PG_PORT)
            .with("DB_USER", LocalRun.EMBEDDED_DB_USER)
            .with("DB_TLS_ENABLED", "false");
    String stored = storedSecret(data, "DB_PASS_CURRENT");
    if (stored != null && !new io.mutt.config.Secrets(config).get("DB_PASS_CURRENT").isPresent()) {
      local = local.with("DB_PASS_CURRENT", stored);
    }
    String pw = null;
    DbSettings candidate = DbSettings.from(local);
    try {
      pw = DatabaseBootstrap.workingPassword(candidate);
    } catch (Exception notRunning) {
      if (!Files.exists(data.resolve("postgres").resolve("PG_VERSION"))) {
        throw new CliException(
            ExitCodes.USAGE,
            "no database: set DB_HOST, start 'mutt run', or run 'mutt setup' first");
      }
      MuttConfig started =
          LocalRun.embeddedPostgres(local, embedded, data, new java.util.ArrayList<>());
      candidate = DbSettings.from(started);
      pw = login(candidate);
    }
    db = candidate;
    password = pw;
  }

  private static String storedSecret(Path data, String name) {
    Path f = data.resolve("secrets").resolve(name);
    try {
      return Files.isReadable(f) ? Files.readString(f).trim() : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static String login(DbSettings db) {
    try {
      return DatabaseBootstrap.workingPassword(db);
    } catch (Exception e) {
      throw new UnreachableException(
          "PostgreSQL " + db + " is not reachable: " + RunCommand.rootMessage(e));
    }
  }

  @Override
  public void close() {
    embedded.close();
  }
}
