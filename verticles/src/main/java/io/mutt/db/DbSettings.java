package io.mutt.db;

import io.mutt.config.MuttConfig;
import io.mutt.config.Secrets;
import java.util.List;

/** Where the PostgreSQL database is and how to log in (docs/reference/configuration.md). */
public record DbSettings(
    String host,
    int port,
    String database,
    String user,
    List<String> passwords,
    boolean tls,
    String caCertPath,
    int poolMin,
    int poolMax) {

  public static DbSettings from(MuttConfig c) {
    String host = c.string("DB_HOST", "127.0.0.1");
    int min = c.atLeast("DB_POOL_MIN_CONN", 2, 1);
    int max = c.intValue("DB_POOL_MAX_CONN", 10);
    if (max < min) {
      throw new io.mutt.config.ConfigException(
          "DB_POOL_MAX_CONN must be >= DB_POOL_MIN_CONN (" + min + "), got " + max);
    }
    Secrets secrets = new Secrets(c);
    String user = secrets.get("DB_USER").orElse(c.string("DB_USER", "mutt_user"));
    return new DbSettings(
        host,
        c.port("DB_PORT", 5432),
        c.string("DB_NAME", "mutt_db"),
        user,
        secrets.passwords("DB_PASS"),
        c.tlsFor("DB_TLS_ENABLED", host),
        c.string("DB_TLS_CA_CERT_PATH", ""),
        min,
        max);
  }

  public String jdbcUrl() {
    return jdbcUrl(database);
  }

  public String jdbcUrl(String db) {
    String url = "jdbc:postgresql://" + host + ":" + port + "/" + db;
    if (tls) {
      url +=
          caCertPath.isEmpty()
              ? "?sslmode=require"
              : "?sslmode=verify-full&sslrootcert=" + caCertPath;
    }
    return url;
  }

  /** The same database with another login (e.g. the migrating admin). */
  public DbSettings withLogin(String otherUser, List<String> otherPasswords) {
    return new DbSettings(
        host, port, database, otherUser, otherPasswords, tls, caCertPath, poolMin, poolMax);
  }

  public DbSettings withDatabase(String db) {
    return new DbSettings(host, port, db, user, passwords, tls, caCertPath, poolMin, poolMax);
  }

  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }
}
