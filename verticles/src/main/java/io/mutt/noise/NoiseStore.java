package io.mutt.noise;

import io.mutt.pipeline.noise.MaintenanceWindow;
import io.mutt.pipeline.noise.NoiseEngine;
import io.mutt.pipeline.noise.Silence;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every maintenance window and the silences not expired before a given instant into a {@link
 * NoiseEngine}. A stored row that no longer reads (it cannot be written so through the API) is
 * skipped with a warning rather than holding back the others.
 */
public final class NoiseStore {

  private static final Logger LOG = LoggerFactory.getLogger(NoiseStore.class);
  static final String WINDOWS =
      "SELECT " + NoiseRows.WINDOW_COLUMNS + " FROM maintenance_windows ORDER BY id";
  static final String SILENCES =
      "SELECT " + NoiseRows.SILENCE_COLUMNS + " FROM silences WHERE expires_at > $1 ORDER BY id";

  private NoiseStore() {}

  /** Windows, and silences whose expiry is after {@code since}. */
  public static Future<NoiseEngine> load(SqlClient pg, Instant since) {
    Future<List<MaintenanceWindow>> windows =
        pg.query(WINDOWS)
            .execute()
            .map(
                rows -> {
                  List<MaintenanceWindow> out = new ArrayList<>();
                  for (Row row : rows) {
                    try {
                      out.add(NoiseRows.window(row));
                    } catch (RuntimeException e) {
                      LOG.warn(
                          "maintenance window {} skipped: {}",
                          row.getInteger("id"),
                          e.getMessage());
                    }
                  }
                  return out;
                });
    Future<List<Silence>> silences =
        pg.preparedQuery(SILENCES)
            .execute(Tuple.of(OffsetDateTime.ofInstant(since, ZoneOffset.UTC)))
            .map(
                rows -> {
                  List<Silence> out = new ArrayList<>();
                  for (Row row : rows) {
                    try {
                      out.add(NoiseRows.silence(row));
                    } catch (RuntimeException e) {
                      LOG.warn("silence {} skipped: {}", row.getInteger("id"), e.getMessage());
                    }
                  }
                  return out;
                });
    return Future.all(windows, silences)
        .map(x -> new NoiseEngine(windows.result(), silences.result()));
  }
}
