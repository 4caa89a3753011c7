package io.mutt.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Which failures open the PostgreSQL breaker, and a breaker opened by an outage closes by itself
 * once its probe reaches a real PostgreSQL.
 */
class DatabaseBreakerTest {

  @Test
  void connection_failures_open_it_and_statement_errors_do_not() {
    assertThat(DatabaseBreaker.unreachable(new ConnectException("Connection refused"))).isTrue();
    assertThat(DatabaseBreaker.unreachable(new TimeoutException("no answer"))).isTrue();
    assertThat(DatabaseBreaker.unreachable(VertxException.noStackTrace("Connection is closed")))
        .isTrue();
    assertThat(
            DatabaseBreaker.unreachable(
                new IllegalStateException("wrapped", new ConnectException("refused"))))
        .isTrue();
    assertThat(DatabaseBreaker.unreachable(new IllegalArgumentException("value too long")))
        .isFalse();
  }

  @Test
  void an_open_breaker_refuses_at_once_and_its_probe_closes_it() {
    Vertx vertx = Vertx.vertx();
    Map<String, String> db = TestServices.freshDatabase();
    Pool pool =
        PgBuilder.pool()
            .with(new PoolOptions().setMaxSize(2))
            .connectingTo(
                new PgConnectOptions()
                    .setHost(db.get("DB_HOST"))
                    .setPort(Integer.parseInt(db.get("DB_PORT")))
                    .setDatabase(db.get("DB_NAME"))
                    .setUser(db.get("DB_USER"))
                    .setPassword(db.getOrDefault("DB_PASS_CURRENT", "")))
            .using(vertx)
            .build();
    try {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      DatabaseBreaker breaker = new DatabaseBreaker(vertx, pool, "test", 100, registry);
      assertThat(breaker.available()).isTrue();
      assertThat(breaker.failed(new IllegalArgumentException("bad row"))).isFalse();
      assertThat(breaker.available()).isTrue();

      assertThat(breaker.failed(new ConnectException("Connection refused"))).isTrue();
      assertThat(breaker.available()).isFalse();
      assertThat(breaker.reason()).startsWith("PostgreSQL unreachable since");
      assertThat(registry.scrape()).contains("mutt_db_breaker_open{role=\"test\"} 1.0");
      assertThat(breaker.guard(() -> pool.query("SELECT 1").execute()).failed()).isTrue();

      Eventually.until(Duration.ofSeconds(10), "probe closes it", breaker::available);
      assertThat(breaker.reason()).isEmpty();
      assertThat(registry.scrape()).contains("mutt_db_breaker_open{role=\"test\"} 0.0");
      breaker.stop();
    } finally {
      pool.close().await();
      vertx.close().await();
    }
  }
}
