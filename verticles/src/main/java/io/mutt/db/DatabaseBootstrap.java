package io.mutt.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the database before any verticle starts (blocking JDBC, run once on the launcher thread,
 * never on an event loop): creates the database when it is missing and the login may, applies the
 * Flyway migrations, and ensures the audit partitions of the current and coming months exist.
 */
public final class DatabaseBootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseBootstrap.class);

  private DatabaseBootstrap() {}

  /** Logs in with the current password, then the next one. Returns the password that worked. */
  public static String workingPassword(DbSettings db) throws SQLException {
    List<String> candidates = new ArrayList<>(db.passwords());
    if (candidates.isEmpty()) {
      candidates.add(null);
    }
    SQLException last = null;
    for (String p : candidates) {
      try (Connection ignored = open(db, db.database(), p)) {
        return p;
      } catch (SQLException e) {
        last = e;
        if ("3D000".equals(e.getSQLState())) {
          createDatabase(db, p);
          return p;
        }
      }
    }
    throw new SQLException(
        "PostgreSQL login to " + db + " failed: " + (last == null ? "" : firstLine(last)));
  }

  /**
   * The key of the PostgreSQL advisory lock held while one process migrates ("MUTTMIGR" in ASCII).
   */
  static final long MIGRATION_LOCK = 0x4D5554544D494752L;

  /**
   * Applies the migrations and creates the coming audit partitions, one MUTT process at a time:
   * several replicas starting together on a new database would otherwise race in Flyway, which
   * creates its history table before it takes its own lock (one of them then fails with "Unable to
   * baseline schema history table … as it already exists, and is empty"). The others wait on a
   * session advisory lock, then find everything applied.
   */
  public static void migrate(DbSettings db, String password, int precreateMonths)
      throws SQLException {
    try (Connection lock = open(db, db.database(), password);
        Statement st = lock.createStatement()) {
      st.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
      try {
        Flyway.configure()
            .dataSource(db.jdbcUrl(), db.user(), password)
            .locations("classpath:db/migration")
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
        ensurePartitions(
            db, password, LocalDate.now(java.time.ZoneOffset.UTC), Math.max(2, precreateMonths));
      } finally {
        st.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
      }
    }
  }

  /**
   * Creates {@code event_audit_log_YYYY_MM} for the month of {@code from} and the following months.
   */
  public static void ensurePartitions(DbSettings db, String password, LocalDate from, int months)
      throws SQLException {
    try (Connection c = open(db, db.database(), password);
        Statement st = c.createStatement()) {
      LocalDate month = from.withDayOfMonth(1);
      for (int i = 0; i < months; i++) {
        st.execute("SELECT create_monthly_partition(DATE '" + month.plusMonths(i) + "')");
      }
    }
  }

  /** The group role MUTT's queries need (created and granted by migration V50). */
  public static final String APP_ROLE = "mutt_app";

  /**
   * The login that creates the database and runs the migrations: {@code DB_ADMIN_USER} with {@code
   * DB_ADMIN_PASS} when set, else {@code DB_USER} itself (it then owns what it creates).
   */
  public static DbSettings admin(io.mutt.config.MuttConfig config, DbSettings db) {
    io.mutt.config.Secrets secrets = new io.mutt.config.Secrets(config);
    String user = config.string("DB_ADMIN_USER", "");
    if (user.isEmpty()) {
      return db;
    }
    return db.withLogin(user, secrets.get("DB_ADMIN_PASS").map(List::of).orElse(List.of()));
  }

  /**
   * Creates the login role {@code user} when absent (or resets its password), never superuser: used
   * for the embedded database, whose superuser MUTT holds.
   */
  public static void ensureLoginRole(
      DbSettings admin, String adminPassword, String user, String password) throws SQLException {
    try (Connection c = open(admin, admin.database(), adminPassword);
        Statement st = c.createStatement()) {
      String role = identifier(user);
      boolean exists;
      try (var ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
        ps.setString(1, user);
        try (var rs = ps.executeQuery()) {
          exists = rs.next();
        }
      }
      String attributes =
          " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD "
              + literal(password);
      st.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + role + attributes);
    }
  }

  /**
   * Grants the role of migration V50 to the runtime login when it is not the login that migrated
   * (which owns the tables and needs nothing more).
   */
  public static void grantAppRole(DbSettings admin, String adminPassword, String user)
      throws SQLException {
    if (admin.user().equals(user)) {
      return;
    }
    try (Connection c = open(admin, admin.database(), adminPassword);
        Statement st = c.createStatement()) {
      try (var rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + APP_ROLE + "'")) {
        if (!rs.next()) {
          LOG.warn(
              "role {} does not exist ({} may not create roles): grant {} its privileges by hand"
                  + " (docs/SECURITY.md)",
              APP_ROLE,
              admin.user(),
              user);
          return;
        }
      }
      st.execute("GRANT " + APP_ROLE + " TO " + identifier(user));
    }
  }

  /** A warning when MUTT's queries would run with superuser rights. */
  public static void warnIfSuperuser(DbSettings db, String password) throws SQLException {
    try (Connection c = open(db, db.database(), password);
        Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
      if (rs.next() && rs.getBoolean(1)) {
        LOG.warn(
            "DB_USER {} is a PostgreSQL superuser: run MUTT's queries as a role holding {} only,"
                + " and migrations as DB_ADMIN_USER (docs/SECURITY.md)",
            db.user(),
            APP_ROLE);
      }
    }
  }

  static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static void createDatabase(DbSettings db, String password) throws SQLException {
    LOG.info("database {} does not exist; creating it", db.database());
    try (Connection c = open(db, "postgres", password);
        Statement st = c.createStatement()) {
      if (!db.database().matches("[A-Za-z0-9_]+")) {
        throw new SQLException(
            "DB_NAME may only contain letters, digits and '_' to be created automatically");
      }
      try {
        st.execute("CREATE DATABASE " + db.database());
      } catch (SQLException e) {
        // another MUTT process created it first: 42P04 duplicate_database, or 23505 when both
        // inserted into pg_database at once
        if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
          throw e;
        }
        LOG.info("database {} was created by another process meanwhile", db.database());
      }
    }
  }

  static Connection open(DbSettings db, String database, String password) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", db.user());
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(db.jdbcUrl(database), props);
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
