package io.mutt.db;

import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * The reactive PostgreSQL pool shared by the verticles of one JVM; new connections fall back
 * current → next password.
 */
public final class PgPools {

  private PgPools() {}

  public static Pool create(Vertx vertx, DbSettings db, String password) {
    return create(vertx, db, password, db::passwords);
  }

  /** With the passwords re-read for each new connection (rotation through the secret source). */
  public static Pool create(
      Vertx vertx,
      DbSettings db,
      String password,
      java.util.function.Supplier<java.util.List<String>> passwords) {
    PgConnectOptions connect =
        new PgConnectOptions()
            .setHost(db.host())
            .setPort(db.port())
            .setDatabase(db.database())
            .setUser(db.user())
            .setCachePreparedStatements(true)
            .setPipeliningLimit(256);
    if (db.tls()) {
      connect.setSslMode(db.caCertPath().isEmpty() ? SslMode.REQUIRE : SslMode.VERIFY_FULL);
      if (!db.caCertPath().isEmpty()) {
        // no SSL options exist until set: getSslOptions() alone is null
        connect.setSslOptions(
            new io.vertx.core.net.ClientSSLOptions()
                .setHostnameVerificationAlgorithm("HTTPS")
                .setTrustOptions(new PemTrustOptions().addCertPath(db.caCertPath())));
      }
    }
    PoolOptions pool =
        new PoolOptions()
            .setMaxSize(db.poolMax())
            .setShared(true)
            .setName("mutt-pg")
            .setMaxWaitQueueSize(10_000);
    return PgBuilder.pool()
        .with(pool)
        .connectingTo(new PasswordFallback(vertx, connect, passwords, password))
        .using(vertx)
        .build();
  }
}
