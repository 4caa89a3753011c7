package io.mutt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.Ports;
import org.junit.jupiter.api.Test;

class CliExitCodesTest {

  @Test
  void an_unreachable_web_api_exits_3_with_a_parseable_json_error() {
    String url = "http://127.0.0.1:" + Ports.free();
    Cli res = Cli.run("config", "list", "--url", url, "--api-key", "k", "--json");
    assertThat(res.exit()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(res.jsonObject().getString("error")).contains("not reachable");
    assertThat(res.err()).contains("mutt config list: web API at " + url + " is not reachable");
  }

  @Test
  void bad_usage_exits_2() {
    assertThat(Cli.run("config", "list", "--no-such-option").exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(Cli.run("dlq").exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(Cli.run("no-such-command").exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(Cli.run("logs", "--level", "LOUD", "--file", "/nonexistent").exit())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(Cli.run("partitions", "ensure", "--months", "0").exit()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void a_command_needing_the_database_without_db_host_exits_2() {
    Cli res =
        Cli.run(
            "retention",
            "run",
            "--set",
            "REDIS_HOST=127.0.0.1",
            "--set",
            "REDIS_PORT=" + Ports.free(),
            "--json");
    assertThat(res.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(res.jsonObject().getString("error")).contains("DB_HOST is not set");
  }

  @Test
  void status_with_nothing_listening_exits_3() {
    String[] args = {"status", "--json"};
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
    for (String key :
        new String[] {
          "SERVER_PORT_INGESTOR",
          "HEALTH_PORT_ALERTER",
          "METRICS_PORT_ALERTER",
          "HEALTH_PORT_MOOG",
          "METRICS_PORT_MOOG",
          "HEALTH_PORT_REMEDIATION",
          "METRICS_PORT_REMEDIATION",
          "SERVER_PORT_WEBUI"
        }) {
      all.add("--set");
      all.add(key + "=" + Ports.free());
    }
    Cli res = Cli.run(all.toArray(String[]::new));
    assertThat(res.exit()).as(res.toString()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(res.jsonObject().getBoolean("reachable")).isFalse();
  }

  @Test
  void help_lists_every_operator_command() {
    Cli res = Cli.run("--help");
    assertThat(res.exit()).isZero();
    assertThat(res.out())
        .contains(
            "setup",
            "status",
            "config",
            "rules",
            "dlq",
            "tail",
            "logs",
            "retention",
            "partitions",
            "run",
            "mock-moog");
  }
}
