package io.mutt.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the trust authentication initdb sets up into password authentication for the embedded
 * PostgreSQL of a local run: the superuser gets its password, then {@code pg_hba.conf} is replaced
 * by one that accepts SCRAM password logins over TCP on the loopback only, and the server reloads
 * it. Done once per data folder (the file carries a marker); later starts only log in.
 */
final class EmbeddedPostgresAuth {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresAuth.class);

  static final String MARKER = "# MUTT local run: password logins on the loopback only";
  static final String HBA =
      MARKER
          + "\n"
          + "local all all scram-sha-256\n"
          + "host  all all 127.0.0.1/32 scram-sha-256\n"
          + "host  all all ::1/128 scram-sha-256\n";

  private EmbeddedPostgresAuth() {}

  static void requirePasswords(int port, Path dataDir, String superuserPassword)
      throws IOException {
    Properties props = new Properties();
    props.setProperty("user", "postgres");
    props.setProperty("password", superuserPassword);
    props.setProperty("connectTimeout", "5");
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", props);
        Statement st = c.createStatement()) {
      Path hba;
      try (ResultSet rs = st.executeQuery("SHOW hba_file")) {
        rs.next();
        hba = Path.of(rs.getString(1));
      }
      if (Files.isReadable(hba)
          && Files.readString(hba, StandardCharsets.UTF_8).startsWith(MARKER)) {
        return;
      }
      st.execute("ALTER ROLE postgres PASSWORD " + literal(superuserPassword));
      Files.writeString(hba, HBA, StandardCharsets.UTF_8);
      FilePermissions.privateFile(hba);
      st.execute("SELECT pg_reload_conf()");
      LOG.info("embedded PostgreSQL now requires passwords (pg_hba.conf replaced)");
    } catch (SQLException e) {
      throw new IOException(
          "embedded PostgreSQL in "
              + dataDir
              + " refused the stored superuser password (DB_ADMIN_PASS in the secrets folder):"
              + " SQLSTATE "
              + e.getSQLState(),
          e);
    }
  }

  /** A SQL string literal (standard_conforming_strings is on). */
  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
