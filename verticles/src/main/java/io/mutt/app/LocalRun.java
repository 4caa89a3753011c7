package io.mutt.app;

import io.mutt.config.MuttConfig;
import io.mutt.config.Secrets;
import io.mutt.db.DatabaseBootstrap;
import io.mutt.db.DbSettings;
import io.mutt.db.DemoData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * The embedded servers of a local run, locked down (docs/SECURITY.md "Local runs"): both listen on
 * 127.0.0.1 only; Redis requires a password and has no {@code CONFIG}, {@code DEBUG} or {@code
 * MODULE}; PostgreSQL trusts no login, its superuser {@code postgres} is used only to migrate, and
 * MUTT's queries run as {@code mutt_user}, a plain login holding the {@code mutt_app} grants. The
 * passwords are generated once and kept beside the API keys in {@code <data dir>/secrets/}
 * (REDIS_PASS_CURRENT, DB_ADMIN_PASS, DB_PASS_CURRENT; 0600), unless given as secrets. The data
 * folder is made private (0700).
 */
public final class LocalRun {

  /** The login MUTT's queries use on the embedded PostgreSQL. */
  public static final String EMBEDDED_DB_USER = "mutt_user";

  static final String EMBEDDED_DB_ADMIN = "postgres";

  private LocalRun() {}

  /** The data folder, created and made private. */
  public static Path dataDir(MuttConfig config) {
    Path dir = Path.of(config.string("MUTT_DATA_DIR", ".mutt")).toAbsolutePath();
    try {
      FilePermissions.privateDir(dir);
      // the log files written so far (later ones are guarded by the 0700 folder)
      FilePermissions.privateTree(dir.resolve("logs"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data folder " + dir, e);
    }
  }

  /** Starts the embedded Redis with its password; answers the settings that reach it. */
  public static MuttConfig embeddedRedis(
      MuttConfig config, EmbeddedServers embedded, Path dataDir, List<String> summary) {
    Secrets secrets = new Secrets(config);
    String password =
        secrets
            .get("REDIS_PASS_CURRENT")
            .or(() -> secrets.get("REDIS_PASS"))
            .orElseGet(
                () -> LocalSecrets.generated(dataDir, "REDIS_PASS_CURRENT", "password", summary));
    int port = embedded.startRedis(dataDir, password);
    return config
        .with("REDIS_HOST", "127.0.0.1")
        .with("REDIS_PORT", port)
        .with("REDIS_TLS_ENABLED", "false")
        .with("REDIS_PASS_CURRENT", password);
  }

  /**
   * Starts the embedded PostgreSQL with password logins only; answers the settings that reach it:
   * DB_ADMIN_USER/DB_ADMIN_PASS (the superuser, for migrations) and DB_USER/DB_PASS_CURRENT (MUTT's
   * queries).
   */
  public static MuttConfig embeddedPostgres(
      MuttConfig config, EmbeddedServers embedded, Path dataDir, List<String> summary) {
    Secrets secrets = new Secrets(config);
    String admin =
        secrets
            .get("DB_ADMIN_PASS")
            .orElseGet(() -> LocalSecrets.generated(dataDir, "DB_ADMIN_PASS", "password", summary));
    String user =
        secrets
            .get("DB_PASS_CURRENT")
            .or(() -> secrets.get("DB_PASS"))
            .orElseGet(
                () -> LocalSecrets.generated(dataDir, "DB_PASS_CURRENT", "password", summary));
    int port = embedded.startPostgres(dataDir, admin);
    return config
        .with("DB_HOST", "127.0.0.1")
        .with("DB_PORT", port)
        .with("DB_TLS_ENABLED", "false")
        .with("DB_ADMIN_USER", EMBEDDED_DB_ADMIN)
        .with("DB_ADMIN_PASS", admin)
        .with("DB_USER", EMBEDDED_DB_USER)
        .with("DB_PASS_CURRENT", user);
  }

  /**
   * Creates the database when missing, migrates it and (when asked) loads the demo data as the
   * admin login, creates the runtime login on the embedded server, grants it {@code mutt_app}, and
   * answers the password MUTT's own login works with.
   */
  public static Prepared prepareDatabase(
      MuttConfig config, boolean embeddedDb, boolean loadDemo, int precreateMonths)
      throws SQLException, IOException {
    DbSettings db = DbSettings.from(config);
    DbSettings admin = DatabaseBootstrap.admin(config, db);
    String adminPassword = DatabaseBootstrap.workingPassword(admin);
    if (embeddedDb) {
      DatabaseBootstrap.ensureLoginRole(admin, adminPassword, db.user(), db.passwords().get(0));
    }
    DatabaseBootstrap.migrate(admin, adminPassword, precreateMonths);
    DatabaseBootstrap.grantAppRole(admin, adminPassword, db.user());
    boolean loaded = loadDemo && DemoData.loadIfEmpty(admin, adminPassword);
    String password = DatabaseBootstrap.workingPassword(db);
    DatabaseBootstrap.warnIfSuperuser(db, password);
    return new Prepared(db, password, loaded);
  }

  /** The runtime login and the password that works, and whether demo data was loaded. */
  public record Prepared(DbSettings db, String password, boolean demoLoaded) {}
}
