package io.mutt.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.config.MuttConfig;
import io.mutt.testsupport.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgPoolsTest {

  @Test
  void a_pool_with_current_and_next_passwords_runs_queries() {
    Map<String, String> db = TestServices.freshDatabase();
    JsonObject cfg = new JsonObject();
    db.forEach(cfg::put);
    cfg.put("DB_PASS_CURRENT", "a").put("DB_PASS_NEXT", "b");
    DbSettings settings = DbSettings.from(new MuttConfig(cfg));
    Vertx vertx = Vertx.vertx();
    Pool pool = PgPools.create(vertx, settings, "a");
    long one = pool.query("SELECT 1").execute().await().iterator().next().getLong(0);
    assertThat(one).isEqualTo(1);
    vertx.close().await();
  }
}
