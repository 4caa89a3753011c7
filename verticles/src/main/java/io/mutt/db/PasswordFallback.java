package io.mutt.db;

import io.mutt.runtime.Failures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.SqlConnectOptions;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connect options for each new pooled PostgreSQL connection with the current/next password fallback
 * (docs/reference/configuration.md): the password that last worked is used; when the server refuses
 * it (SQLSTATE 28P01, e.g. after {@code ALTER ROLE … PASSWORD} during a rotation) the other one is
 * tried and, if accepted, used from then on. With a single password the options are returned as
 * they are, at no extra cost.
 */
final class PasswordFallback implements Supplier<Future<SqlConnectOptions>> {

  private static final Logger LOG = LoggerFactory.getLogger(PasswordFallback.class);

  private final Vertx vertx;
  private final PgConnectOptions base;
  private final Supplier<List<String>> livePasswords;
  private volatile String good;

  PasswordFallback(Vertx vertx, PgConnectOptions base, List<String> passwords, String firstGood) {
    this(vertx, base, () -> passwords, firstGood);
  }

  /**
   * With passwords read again for each new connection, so a password rotated in the secret source
   * (Vault) is tried without a restart.
   */
  PasswordFallback(
      Vertx vertx, PgConnectOptions base, Supplier<List<String>> passwords, String firstGood) {
    this.vertx = vertx;
    this.base = base;
    this.livePasswords = passwords;
    this.good = firstGood;
  }

  @Override
  public Future<SqlConnectOptions> get() {
    List<String> passwords = livePasswords.get();
    if (passwords.size() < 2 && (passwords.isEmpty() || passwords.contains(good))) {
      return Future.succeededFuture(with(good));
    }
    String current = good;
    return probe(current)
        .recover(
            err -> {
              if (!Failures.isPostgresAuthFailure(err)) {
                return Future.failedFuture(err);
              }
              String other =
                  passwords.stream().filter(p -> !p.equals(current)).findFirst().orElse(current);
              return probe(other)
                  .onSuccess(
                      ok -> {
                        good = other;
                        LOG.warn(
                            "PostgreSQL refused the password in use; switched to the other configured password (rotation)");
                      });
            });
  }

  private Future<SqlConnectOptions> probe(String password) {
    PgConnectOptions options = with(password);
    return PgConnection.connect(vertx, options)
        .compose(conn -> conn.close().map(v -> (SqlConnectOptions) options));
  }

  private PgConnectOptions with(String password) {
    PgConnectOptions o = new PgConnectOptions(base);
    if (password != null) {
      o.setPassword(password);
    }
    return o;
  }
}
