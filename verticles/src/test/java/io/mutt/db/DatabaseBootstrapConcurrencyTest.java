package io.mutt.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.config.MuttConfig;
import io.mutt.testsupport.TestServices;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several MUTT processes starting together on a database that does not exist yet (replicas of one
 * deployment, the nodes of a cluster): each creates it or finds it created, and the migrations run
 * once, whoever wins.
 */
@Timeout(120)
class DatabaseBootstrapConcurrencyTest {

  private static final int PROCESSES = 4;

  @Test
  void replicas_starting_at_once_on_a_new_database_all_start_and_migrate_it_once()
      throws Exception {
    for (int round = 0; round < 3; round++) {
      Map<String, String> settings = new HashMap<>(TestServices.freshDatabase());
      // a database no one has created yet: every "process" tries
      settings.put(
          "DB_NAME", "mutt_race_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
      DbSettings db = DbSettings.from(new MuttConfig(new JsonObject(new HashMap<>(settings))));
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(PROCESSES);
      try {
        List<Future<String>> starts = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
          starts.add(
              pool.submit(
                  () -> {
                    go.await();
                    String password = DatabaseBootstrap.workingPassword(db);
                    DatabaseBootstrap.migrate(db, password, 2);
                    return password == null ? "" : password;
                  }));
        }
        go.countDown();
        for (Future<String> start : starts) {
          start.get(60, TimeUnit.SECONDS); // rethrows the failure of a start
        }
      } finally {
        pool.shutdownNow();
      }
      try (Connection c =
              DatabaseBootstrap.open(
                  db, db.database(), db.passwords().isEmpty() ? null : db.passwords().get(0));
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT count(*), count(*) FILTER (WHERE NOT success),"
                      + " count(DISTINCT version) FROM flyway_schema_history"
                      + " WHERE version IS NOT NULL")) {
        rs.next();
        assertThat(rs.getInt(1)).as("migrations recorded").isPositive();
        assertThat(rs.getInt(2)).as("failed migrations").isZero();
        assertThat(rs.getInt(3)).as("each version applied once").isEqualTo(rs.getInt(1));
      }
    }
  }
}
