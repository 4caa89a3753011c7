package io.mutt.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.mutt.testsupport.RepoRoot;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The Prometheus rules (conf/prometheus) and the Grafana dashboard (conf/grafana): promtool accepts
 * the rule files and their unit tests pass; every alert has a firing and a non-firing unit test;
 * every metric they query is one MUTT exports (docs/reference/metrics.md).
 *
 * <p>Needs {@code promtool} (Debian package {@code prometheus}); {@code scripts/ci-prereqs.sh}
 * installs it. Without it these tests fail rather than skip.
 */
class PrometheusRulesTest {

  static final Path REPO = RepoRoot.find("conf/prometheus");
  static final Path PROMETHEUS = REPO.resolve("conf/prometheus");
  static final Path RECORDING_RULES = PROMETHEUS.resolve("mutt-recording-rules.yml");
  static final Path ALERT_RULES = PROMETHEUS.resolve("mutt-alert-rules.yml");
  static final Path DASHBOARD = REPO.resolve("conf/grafana/mutt-dashboard.json");

  /**
   * Counters and gauges MUTT exports (docs/reference/metrics.md), including the retention series
   * its alerts watch.
   */
  static final Set<String> EXPORTED_SERIES =
      Set.of(
          "mutt_ingest_requests_total",
          "mutt_ingest_queue_depth",
          "mutt_remediation_dlq_drain_seconds",
          "mutt_ingest_rate_limit_hits_total",
          "mutt_alerter_events_processed_total",
          "mutt_alerter_alerts_forwarded_total",
          "mutt_alerter_unhandled_meta_alerts_total",
          "mutt_alerter_cache_reload_total",
          "mutt_alerter_cache_reload_failures_total",
          "mutt_alerter_cache_rules_count",
          "mutt_alerter_cache_dev_hosts_count",
          "mutt_alerter_cache_teams_count",
          "mutt_alerter_dlq_depth",
          "mutt_alerter_processing_list_depth",
          "mutt_alerter_queue_depth",
          "mutt_alerter_shed_events_total",
          "mutt_moog_requests_total",
          "mutt_moog_dlq_depth",
          "mutt_moog_processing_list_depth",
          "mutt_moog_rate_limit_hits_total",
          "mutt_moog_alerts_processed_total",
          "mutt_moog_circuit_open",
          "mutt_circuit_breaker_state",
          "mutt_circuit_breaker_failures",
          "mutt_circuit_breaker_state_changes_total",
          "mutt_webui_api_requests_total",
          "mutt_remediation_loops_total",
          "mutt_remediation_dlq_depth",
          "mutt_remediation_replay_success_total",
          "mutt_remediation_replay_fail_total",
          "mutt_remediation_poison_messages_total",
          "mutt_remediation_moog_health",
          "mutt_retention_errors_total",
          "mutt_retention_cleanup_records_deleted_total",
          "mutt_retention_last_success_timestamp_seconds",
          "mutt_retention_partitions_missing",
          "mutt_retention_archive_bytes",
          "mutt_notifier_messages_total",
          "mutt_notifier_leader");

  /** Histograms MUTT exports: exported as _bucket, _sum and _count series. */
  static final Set<String> EXPORTED_HISTOGRAMS =
      Set.of(
          "mutt_ingest_latency_seconds",
          "mutt_alerter_processing_latency_seconds",
          "mutt_alerter_cache_reload_latency_seconds",
          "mutt_db_write_latency_ms",
          "mutt_moog_request_latency_seconds",
          "mutt_webui_api_latency_seconds",
          "mutt_webui_redis_scan_latency_seconds",
          "mutt_webui_db_query_latency_ms",
          "mutt_remediation_loop_duration_seconds");

  /** Series Prometheus itself writes for every target. */
  static final Set<String> PROMETHEUS_SERIES = Set.of("up");

  // ---------------------------------------------------------------------------------------------
  // promtool

  @Test
  void promtoolAcceptsTheRuleFilesAndTheScrapeConfig() throws Exception {
    Result check = promtool("check", "rules", RECORDING_RULES.toString(), ALERT_RULES.toString());
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output())
        .contains("SUCCESS: " + rules(RECORDING_RULES).size() + " rules found")
        .contains("SUCCESS: " + rules(ALERT_RULES).size() + " rules found")
        .doesNotContain("FAILED");

    Result config = promtool("check", "config", PROMETHEUS.resolve("prometheus.yml").toString());
    assertThat(config.exitCode()).as(config.output()).isZero();
    assertThat(config.output()).contains("SUCCESS: 2 rule files found").doesNotContain("FAILED");
  }

  @Test
  void promtoolUnitTestsPass() throws Exception {
    List<Path> tests = unitTestFiles();
    List<String> command = new ArrayList<>(List.of("test", "rules"));
    tests.forEach(t -> command.add(t.toString()));

    Result result = promtool(command.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).doesNotContain("FAILED");
    assertThat(
            Pattern.compile("^\\s*SUCCESS\\s*$", Pattern.MULTILINE)
                .matcher(result.output())
                .results()
                .count())
        .as("one SUCCESS per unit-test file in %s", result.output())
        .isEqualTo(tests.size());
  }

  @Test
  void everyAlertHasAFiringAndANonFiringUnitTest() throws IOException {
    Set<String> alerts = new TreeSet<>();
    rules(ALERT_RULES).forEach(r -> alerts.add((String) r.get("alert")));
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(15);

    Map<String, Set<String>> firing = new LinkedHashMap<>();
    Map<String, Set<String>> quiet = new LinkedHashMap<>();
    for (Path file : unitTestFiles()) {
      Map<String, Object> suite = yaml(file);
      assertThat(list(suite, "rule_files"))
          .as(file.toString())
          .containsExactly("../mutt-recording-rules.yml", "../mutt-alert-rules.yml");
      for (Map<String, Object> test : maps(suite, "tests")) {
        for (Map<String, Object> check : maps(test, "alert_rule_test")) {
          String alert = (String) check.get("alertname");
          List<?> expected = (List<?>) check.get("exp_alerts");
          (expected == null || expected.isEmpty() ? quiet : firing)
              .computeIfAbsent(alert, a -> new HashSet<>())
              .add(file.getFileName() + ": " + test.get("name"));
        }
      }
    }
    assertThat(firing.keySet()).as("alerts with a firing case").containsAll(alerts);
    assertThat(quiet.keySet()).as("alerts with a non-firing case").containsAll(alerts);
    assertThat(alerts)
        .as("unit tests name only existing alerts")
        .containsAll(firing.keySet())
        .containsAll(quiet.keySet());
  }

  // ---------------------------------------------------------------------------------------------
  // rule content

  @Test
  void ruleFilesQueryOnlyExportedMetrics() throws IOException {
    Set<String> used = new TreeSet<>();
    Set<String> recorded = recordingRuleNames();
    for (Path file : List.of(RECORDING_RULES, ALERT_RULES)) {
      for (Map<String, Object> rule : rules(file)) {
        Set<String> names = metricNames((String) rule.get("expr"));
        assertThat(names).as("%s: %s", file.getFileName(), rule.get("expr")).isNotEmpty();
        assertThat(unknownMetrics(names, recorded))
            .as("%s: %s queries metrics MUTT does not export", file.getFileName(), rule.get("expr"))
            .isEmpty();
        used.addAll(names);
      }
    }
    assertThat(used)
        .contains(
            "mutt_ingest_requests_total",
            "mutt_moog_requests_total",
            "mutt_alerter_dlq_depth",
            "mutt_moog_dlq_depth",
            "mutt_remediation_dlq_depth",
            "mutt_circuit_breaker_state",
            "mutt_moog_circuit_open",
            "mutt_ingest_queue_depth",
            "mutt_alerter_queue_depth",
            "mutt_alerter_events_processed_total",
            "mutt_remediation_moog_health",
            "up",
            "mutt:slo:ingestor_error_budget_burn_rate:1h",
            "mutt:slo:forwarder_error_budget_burn_rate:5m");
  }

  @Test
  void recordingRulesFollowTheSloNamingOfTheSpec() throws IOException {
    Set<String> recorded = recordingRuleNames();
    assertThat(recorded)
        .allMatch(
            n ->
                n.matches("mutt:slo:[a-z0-9_]+:(5m|30m|1h|6h|24h)")
                    || n.matches("mutt:retention:[a-z0-9_]+(:(6h|24h))?"),
            "mutt:slo:<name>:<window> or mutt:retention:<name>[:<window>]");
    for (String slo :
        List.of(
            "ingestor_availability",
            "ingestor_latency_p99",
            "forwarder_availability",
            "forwarder_latency_p99",
            "alerter_processing_success",
            "alerter_cache_reload_success")) {
      for (String window : List.of("5m", "1h", "24h")) {
        assertThat(recorded).contains("mutt:slo:" + slo + ":" + window);
      }
    }
    // Every window a burn-rate alert needs is recorded for both availability SLOs.
    for (String component : List.of("ingestor", "forwarder")) {
      for (String window : List.of("5m", "30m", "1h", "6h", "24h")) {
        assertThat(recorded)
            .contains("mutt:slo:" + component + "_error_budget_burn_rate:" + window);
      }
    }
  }

  @Test
  void alertsUseMultiWindowBurnRatesAndCarrySeverityAndRunbook() throws IOException {
    Map<String, String> exprs = new LinkedHashMap<>();
    for (Map<String, Object> rule : rules(ALERT_RULES)) {
      String alert = (String) rule.get("alert");
      exprs.put(alert, ((String) rule.get("expr")).replaceAll("\\s+", " ").trim());
      assertThat(map(rule, "labels")).as(alert).containsKey("severity");
      assertThat((String) map(rule, "labels").get("severity"))
          .as(alert)
          .isIn("warning", "critical");
      assertThat(map(rule, "annotations"))
          .as(alert)
          .containsKeys("summary", "description", "runbook");
      assertThat((String) map(rule, "annotations").get("runbook"))
          .isEqualTo("docs/OPERATIONS.md#" + alert.toLowerCase());
    }
    for (String component : List.of("ingestor", "forwarder")) {
      String prefix = component.equals("ingestor") ? "MuttIngest" : "MuttForwarder";
      String burn = "mutt:slo:" + component + "_error_budget_burn_rate:";
      assertThat(exprs.get(prefix + "ErrorBudgetFastBurn"))
          .isEqualTo(burn + "1h > 14.4 and " + burn + "5m > 14.4");
      assertThat(exprs.get(prefix + "ErrorBudgetSlowBurn"))
          .isEqualTo(burn + "6h > 6 and " + burn + "30m > 6");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Grafana dashboard

  @Test
  void dashboardQueriesOnlyExportedMetricsThroughTheDatasourceVariable() throws IOException {
    JsonObject dashboard = new JsonObject(Files.readString(DASHBOARD));
    assertThat(dashboard.getString("uid")).isEqualTo("mutt-overview");
    JsonObject dsVariable =
        dashboard.getJsonObject("templating").getJsonArray("list").stream()
            .map(JsonObject.class::cast)
            .filter(v -> "DS_PROMETHEUS".equals(v.getString("name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no DS_PROMETHEUS templating variable"));
    assertThat(dsVariable.getString("type")).isEqualTo("datasource");
    assertThat(dsVariable.getString("query")).isEqualTo("prometheus");

    List<JsonObject> panels = panels(dashboard.getJsonArray("panels"));
    Set<Integer> ids = new HashSet<>();
    Set<String> used = new TreeSet<>();
    Set<String> recorded = recordingRuleNames();
    int queries = 0;
    for (JsonObject panel : panels) {
      assertThat(ids.add(panel.getInteger("id")))
          .as("unique panel id %s", panel.getInteger("id"))
          .isTrue();
      if ("row".equals(panel.getString("type"))) {
        continue;
      }
      assertThat(panel.getJsonObject("datasource").getString("uid"))
          .as(panel.getString("title"))
          .isEqualTo("${DS_PROMETHEUS}");
      JsonArray targets = panel.getJsonArray("targets");
      assertThat(targets).as(panel.getString("title")).isNotEmpty();
      for (Object t : targets) {
        JsonObject target = (JsonObject) t;
        assertThat(target.getJsonObject("datasource").getString("uid"))
            .isEqualTo("${DS_PROMETHEUS}");
        String expr = target.getString("expr");
        Set<String> names = metricNames(expr);
        assertThat(names).as("%s: %s", panel.getString("title"), expr).isNotEmpty();
        assertThat(unknownMetrics(names, recorded))
            .as("panel %s queries metrics MUTT does not export: %s", panel.getString("title"), expr)
            .isEmpty();
        used.addAll(names);
        queries++;
      }
    }
    assertThat(queries).isGreaterThan(30);
    // The dashboard covers what operators look at (ingest, latency, queues, alerter, forwarder,
    // circuit, DLQs, remediation, cache reloads).
    assertThat(used)
        .contains(
            "mutt_ingest_requests_total",
            "mutt_ingest_latency_seconds_bucket",
            "mutt_ingest_queue_depth",
            "mutt_alerter_queue_depth",
            "mutt_alerter_events_processed_total",
            "mutt_moog_requests_total",
            "mutt_moog_request_latency_seconds_bucket",
            "mutt_circuit_breaker_state",
            "mutt_moog_circuit_open",
            "mutt_alerter_dlq_depth",
            "mutt_moog_dlq_depth",
            "mutt_remediation_dlq_depth",
            "mutt_remediation_moog_health",
            "mutt_remediation_replay_success_total",
            "mutt_remediation_replay_fail_total",
            "mutt_alerter_cache_reload_total",
            "mutt_alerter_cache_reload_failures_total");
  }

  @Test
  void dashboardQueriesAreValidPromQL(@TempDir Path tmp) throws Exception {
    // promtool has no "check query"; wrap each panel query in a recording rule and check that.
    JsonObject dashboard = new JsonObject(Files.readString(DASHBOARD));
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
    int n = 0;
    for (JsonObject panel : panels(dashboard.getJsonArray("panels"))) {
      JsonArray targets = panel.getJsonArray("targets", new JsonArray());
      for (Object t : targets) {
        String expr =
            ((JsonObject) t)
                .getString("expr")
                .replace("$__rate_interval", "5m")
                .replace("$__interval", "1m")
                .replace("$__range", "1h");
        rules
            .append("      - record: dashboard:query_")
            .append(++n)
            .append('\n')
            .append("        expr: ")
            .append(Json.encode(expr))
            .append('\n'); // a JSON string is a YAML scalar
      }
    }
    Path file = tmp.resolve("dashboard-queries.yml");
    Files.writeString(file, rules);

    Result check = promtool("check", "rules", file.toString());

    assertThat(check.exitCode()).as(check.output() + "\n" + rules).isZero();
    assertThat(check.output()).contains("SUCCESS: " + n + " rules found");
  }

  // ---------------------------------------------------------------------------------------------
  // the metric-name extractor the checks above rely on

  @Test
  void metricNameExtractorFindsSeriesAndIgnoresFunctionsLabelsStringsAndDurations() {
    String expr =
        """
        sum by (status, reason) (rate(mutt_moog_requests_total{status="fail", reason=~"http|mutt_fake"}[5m]))
        / on () group_left (name) mutt:slo:forwarder_availability:1h
        + histogram_quantile(0.99, sum without (instance) (rate(mutt_ingest_latency_seconds_bucket[$__rate_interval])))
        or label_replace(max(mutt_moog_circuit_state) == bool 1e3, "name", "mutt_other", "", "")
        and absent(up{job=~"mutt.*"}) unless count(mutt_alerter_dlq_depth offset 1h) > 0.5
        """;

    Set<String> names = metricNames(expr);

    assertThat(names)
        .containsExactlyInAnyOrder(
            "mutt_moog_requests_total",
            "mutt:slo:forwarder_availability:1h",
            "mutt_ingest_latency_seconds_bucket",
            "mutt_moog_circuit_state",
            "up",
            "mutt_alerter_dlq_depth");
    assertThat(unknownMetrics(names, Set.of("mutt:slo:forwarder_availability:1h")))
        .as("a name the original's docs used but MUTT never exported is caught")
        .containsExactly("mutt_moog_circuit_state");
    assertThat(
            unknownMetrics(
                Set.of("mutt_ingest_latency_seconds", "mutt_ingest_latency_seconds_count"),
                Set.of()))
        .as("a histogram is queried through its _bucket/_sum/_count series")
        .containsExactly("mutt_ingest_latency_seconds");
  }

  // =============================================================================================
  // helpers

  static final Set<String> PROMQL_KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "offset",
          "inf",
          "nan",
          "atan2");
  static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");

  /**
   * Series names referenced by a PromQL expression: identifiers that are not functions or
   * aggregations (followed by "("), keywords, label names (in {...} or by/without/on/ignoring/
   * group_left/group_right lists), strings, durations, numbers or Grafana variables.
   */
  static Set<String> metricNames(String expr) {
    String s =
        expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
            .replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''")
            .replaceAll("`[^`]*`", "``")
            .replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\[[^\\]]*]", " ")
            .replaceAll(
                "(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
            .replaceAll("(?i)\\boffset\\s+-?[0-9a-z]+", " ");
    Set<String> names = new LinkedHashSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      String token = m.group();
      char before = m.start() > 0 ? s.charAt(m.start() - 1) : ' ';
      if (Character.isDigit(before)
          || before == '.'
          || before == '$'
          || PROMQL_KEYWORDS.contains(token.toLowerCase())
          || s.substring(m.end()).stripLeading().startsWith("(")) {
        continue;
      }
      names.add(token);
    }
    return names;
  }

  static Set<String> unknownMetrics(Set<String> names, Set<String> recordingRules) {
    Set<String> unknown = new TreeSet<>();
    for (String name : names) {
      boolean histogramSeries =
          Stream.of("_bucket", "_sum", "_count")
              .anyMatch(
                  suffix ->
                      name.endsWith(suffix)
                          && EXPORTED_HISTOGRAMS.contains(
                              name.substring(0, name.length() - suffix.length())));
      if (!EXPORTED_SERIES.contains(name)
          && !histogramSeries
          && !PROMETHEUS_SERIES.contains(name)
          && !recordingRules.contains(name)) {
        unknown.add(name);
      }
    }
    return unknown;
  }

  static Set<String> recordingRuleNames() throws IOException {
    Set<String> names = new TreeSet<>();
    rules(RECORDING_RULES).forEach(r -> names.add((String) r.get("record")));
    assertThat(names).isNotEmpty();
    return names;
  }

  static List<Map<String, Object>> rules(Path file) throws IOException {
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Map<String, Object> group : maps(yaml(file), "groups")) {
      rules.addAll(maps(group, "rules"));
    }
    assertThat(rules).as(file.toString()).isNotEmpty();
    return rules;
  }

  static List<Path> unitTestFiles() throws IOException {
    try (Stream<Path> files = Files.list(PROMETHEUS.resolve("tests"))) {
      List<Path> tests = files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
      assertThat(tests)
          .as("promtool unit tests in conf/prometheus/tests")
          .hasSizeGreaterThanOrEqualTo(6);
      return tests;
    }
  }

  /** Panels, with the panels nested in collapsed rows. */
  static List<JsonObject> panels(JsonArray array) {
    List<JsonObject> out = new ArrayList<>();
    for (Object o : array) {
      JsonObject panel = (JsonObject) o;
      out.add(panel);
      if (panel.containsKey("panels")) {
        out.addAll(panels(panel.getJsonArray("panels")));
      }
    }
    return out;
  }

  record Result(int exitCode, String output) {}

  /** Runs promtool in conf/prometheus; fails (never skips) when it is not installed. */
  static Result promtool(String... args) throws IOException, InterruptedException {
    Path promtool = onPath("promtool");
    if (promtool == null) {
      fail(
          "promtool is not on PATH ("
              + System.getenv("PATH")
              + "). Run scripts/ci-prereqs.sh first: "
              + "it installs Debian's 'prometheus' package, which provides promtool.");
    }
    List<String> command = new ArrayList<>();
    command.add(promtool.toString());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(PROMETHEUS.toFile())
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail("promtool timed out: " + command);
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  static Path onPath(String executable) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, executable);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(Path file) throws IOException {
    return (Map<String, Object>) new Yaml().load(Files.readString(file));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    assertThat(value).as("%s in %s", key, parent).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    assertThat(value).as("%s in %s", key, parent).isInstanceOf(List.class);
    return (List<Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    if (value == null) {
      return List.of();
    }
    assertThat(value).as("%s in %s", key, parent).isInstanceOf(List.class);
    return (List<Map<String, Object>>) value;
  }
}
