package io.mutt.alerter;

import io.mutt.pipeline.alerting.RuleSet;
import io.mutt.pipeline.clearing.ClearingRules;
import io.mutt.pipeline.rules.Rule;
import io.mutt.pipeline.rules.RuleMatcher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the rule cache's three tables (docs/reference/sql-tables.md) on one connection and compiles
 * them into a {@link RuleSet}: active rules ordered by priority then id, the development hosts, the
 * device teams. Compiling (RE2 patterns, literal index) is CPU work and runs on a worker thread,
 * not on the event loop.
 */
public final class RuleStore {

  static final String RULES =
      "SELECT * FROM alert_rules WHERE is_active = true ORDER BY priority ASC, id ASC";
  static final String DEV_HOSTS = "SELECT hostname FROM development_hosts";
  static final String TEAMS = "SELECT hostname, team_assignment FROM device_teams";

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RuleStore.class);

  private RuleStore() {}

  static Future<RuleSet> load(Vertx vertx, Pool pg) {
    return pg.withConnection(RuleStore::read)
        .compose(
            t ->
                vertx.executeBlocking(
                    () ->
                        new RuleSet(
                            RuleMatcher.indexed(t.rules().rules()),
                            t.devHosts(),
                            t.teams(),
                            clearing(t.rules())),
                    false));
  }

  /**
   * The three tables as stored, read on {@code conn} (the backtest's "before" side reads these
   * too).
   */
  public static Future<Tables> read(SqlConnection conn) {
    return readRules(conn)
        .compose(
            rules ->
                conn.query(DEV_HOSTS)
                    .execute()
                    .compose(
                        hosts ->
                            conn.query(TEAMS)
                                .execute()
                                .map(teams -> new Tables(rules, hostSet(hosts), teamMap(teams)))));
  }

  private static Future<Rows> readRules(SqlConnection conn) {
    return conn.query(RULES)
        .execute()
        .map(
            rows -> {
              List<Rule> out = new ArrayList<>(rows.size());
              List<Map<String, Object>> raw = new ArrayList<>(rows.size());
              for (Row row : rows) {
                Map<String, Object> map = row.toJson().getMap();
                raw.add(map);
                out.add(Rule.fromMap(map));
              }
              return new Rows(out, raw);
            });
  }

  /**
   * The clearing parts of the rules that have one (ADR 0038), in priority order. A stored pattern
   * that no longer compiles (the API refuses such patterns) is left out with a log line.
   */
  static ClearingRules clearing(Rows rows) {
    return ClearingRules.fromRows(
        rows.rules(),
        rows.raw(),
        (rule, e) -> LOG.error("rule {}: clearing pattern ignored: {}", rule.id(), e.getMessage()));
  }

  /**
   * @param rules the active rules, parsed, in matching order
   * @param raw the same rows as column → value maps (what a backtest draft edits)
   */
  public record Rows(List<Rule> rules, List<Map<String, Object>> raw) {}

  private static Set<String> hostSet(RowSet<Row> rows) {
    Set<String> out = new HashSet<>();
    rows.forEach(r -> out.add(r.getString("hostname")));
    return out;
  }

  private static Map<String, String> teamMap(RowSet<Row> rows) {
    Map<String, String> out = new HashMap<>();
    rows.forEach(r -> out.put(r.getString("hostname"), r.getString("team_assignment")));
    return out;
  }

  /** The rule cache's tables as read. */
  public record Tables(Rows rules, Set<String> devHosts, Map<String, String> teams) {}
}
