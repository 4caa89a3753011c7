package io.mutt.web.backtest;

import io.mutt.alerter.RuleStore;
import io.mutt.noise.NoiseStore;
import io.mutt.pipeline.noise.NoiseEngine;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;

/**
 * What a backtest's "before" side decides with: the rule cache's tables as the alerter reads them
 * (active rules, development hosts) and the maintenance windows and silences that reach into the
 * replayed range.
 */
record Baseline(RuleStore.Tables tables, NoiseEngine noise) {

  /**
   * Reads the baseline on one connection; windows and silences are those in force from {@code
   * since}.
   */
  static Future<Baseline> load(SqlConnection conn, Instant since) {
    Future<RuleStore.Tables> tables = RuleStore.read(conn);
    Future<NoiseEngine> noise = NoiseStore.load(conn, since);
    return Future.all(tables, noise).map(x -> new Baseline(tables.result(), noise.result()));
  }
}
