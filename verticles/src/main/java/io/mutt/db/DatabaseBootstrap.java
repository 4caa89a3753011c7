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

  public static void migrate(DbSettings db, String password, int precreateMonths)
      throws SQLException {
    Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), password)
        .locations("classpath:db/migration")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    ensurePartitions(
        db, password, LocalDate.now(java.time.ZoneOffset.UTC), Math.max(2, precreateMonths));
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

  private static void createDatabase(DbSettings db, String password) throws SQLException {
    LOG.info("database {} does not exist; creating it", db.database());
    try (Connection c = open(db, "postgres", password);
        Statement st = c.createStatement()) {
      if (!db.database().matches("[A-Za-z0-9_]+")) {
        throw new SQLException(
            "DB_NAME may only contain letters, digits and '_' to be created automatically");
      }
      st.execute("CREATE DATABASE " + db.database());
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
