package io.mutt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

class LogsCommandTest {

  private static String line(String level, String logger, String message, String cid) {
    JsonObject o =
        new JsonObject()
            .put("timestamp", "2026-11-22T10:00:00.000Z")
            .put("level", level)
            .put("logger", logger)
            .put("message", message);
    if (cid != null) {
      o.put("correlation_id", cid);
    }
    return o.encode() + "\n";
  }

  private static Path sample(Path dir) throws Exception {
    Path f = dir.resolve("mutt.json.log");
    Files.writeString(
        f,
        line("INFO", "io.mutt.ingest.IngestVerticle", "accepted", "c-1")
            + line("WARN", "io.mutt.alerter.AlerterVerticle", "shedding", "c-2")
            + line("ERROR", "io.mutt.alerter.AuditWriter", "insert failed", "c-1")
            + line("DEBUG", "io.mutt.runtime.DynamicConfig", "refresh", null)
            + "not json\n");
    return f;
  }

  @Test
  void filters_by_role_minimum_level_and_correlation_id(@TempDir Path dir) throws Exception {
    Path f = sample(dir);
    Cli alerterWarn =
        Cli.run("logs", "--file", f.toString(), "--role", "alerter", "--level", "warn");
    assertThat(alerterWarn.exit()).as(alerterWarn.toString()).isZero();
    assertThat(alerterWarn.out().lines())
        .containsExactly(
            "2026-11-22T10:00:00.000Z WARN  [alerter] shedding  cid=c-2",
            "2026-11-22T10:00:00.000Z ERROR [alerter] insert failed  cid=c-1");

    Cli cid = Cli.run("logs", "--file", f.toString(), "--correlation-id", "c-1", "--json");
    assertThat(cid.out().lines())
        .hasSize(2)
        .allSatisfy(
            l -> assertThat(new JsonObject(l).getString("correlation_id")).isEqualTo("c-1"));

    Cli core = Cli.run("logs", "--file", f.toString(), "--role", "core");
    assertThat(core.out()).contains("[core] refresh");

    Cli last = Cli.run("logs", "--file", f.toString(), "-n", "2");
    assertThat(last.out().lines()).hasSize(2).last().isEqualTo("not json");
  }

  @Test
  void follow_prints_lines_appended_while_it_runs(@TempDir Path dir) throws Exception {
    Path f = sample(dir);
    CompletableFuture<Cli> running =
        CompletableFuture.supplyAsync(
            () ->
                Cli.run(
                    "logs",
                    "--file",
                    f.toString(),
                    "-n",
                    "0",
                    "-f",
                    "--for",
                    "2",
                    "--role",
                    "web"));
    for (int i = 0; i < 15 && !running.isDone(); i++) {
      Thread.sleep(100);
      Files.writeString(
          f,
          line("INFO", "io.mutt.web.WebVerticle", "rule 7 updated", "c-" + i)
              + line("INFO", "io.mutt.ingest.IngestVerticle", "other role", null),
          StandardOpenOption.APPEND);
    }
    Cli res = running.get();
    assertThat(res.exit()).as(res.toString()).isZero();
    assertThat(res.out().lines())
        .isNotEmpty()
        .allSatisfy(
            l ->
                assertThat(l)
                    .matches(
                        "2026-11-22T10:00:00.000Z INFO  \\[web\\] rule 7 updated  cid=c-\\d+"));
  }

  @Test
  void a_missing_file_without_follow_exits_1(@TempDir Path dir) {
    Cli res = Cli.run("logs", "--file", dir.resolve("none.log").toString());
    assertThat(res.exit()).isEqualTo(1);
    assertThat(res.err()).contains("no log file");
  }

  @Test
  void the_run_logging_config_writes_json_lines_with_the_correlation_id_that_logs_can_filter(
      @TempDir Path dir) throws Exception {
    Path file = dir.resolve("logs").resolve("mutt.json.log");
    LoggerContext ctx = new LoggerContext();
    ctx.putProperty("mutt.json.log.file", file.toString());
    ctx.setMDCAdapter(MDC.getMDCAdapter());
    JoranConfigurator jc = new JoranConfigurator();
    jc.setContext(ctx);
    jc.doConfigure(getClass().getClassLoader().getResource("logback.xml"));
    try {
      MDC.put("correlation_id", "cid-42");
      ctx.getLogger("io.mutt.forwarder.ForwarderVerticle").info("delivered alert");
      MDC.remove("correlation_id");
      ctx.getLogger("io.mutt.ingest.IngestVerticle").warn("queue nearly full");
      assertThat(ctx.getLogger("ROOT").getAppender("STDOUT")).isNotNull();
    } finally {
      ctx.stop();
    }
    JsonObject first = new JsonObject(Files.readAllLines(file).get(0));
    assertThat(first.getString("message")).isEqualTo("delivered alert");
    assertThat(first.getString("level")).isEqualTo("INFO");
    assertThat(first.getString("logger")).isEqualTo("io.mutt.forwarder.ForwarderVerticle");
    assertThat(first.getString("correlation_id")).isEqualTo("cid-42");
    assertThat(first.getString("service")).isEqualTo("mutt");

    Cli res = Cli.run("logs", "--file", file.toString(), "--role", "forwarder", "--json");
    assertThat(res.out().lines()).hasSize(1).first().asString().contains("cid-42");
  }

  @Test
  void without_the_property_no_file_appender_is_configured() throws Exception {
    LoggerContext ctx = new LoggerContext();
    JoranConfigurator jc = new JoranConfigurator();
    jc.setContext(ctx);
    jc.doConfigure(getClass().getClassLoader().getResource("logback.xml"));
    assertThat(ctx.getLogger("ROOT").getAppender("JSONFILE")).isNull();
    assertThat(ctx.getLogger("ROOT").getAppender("STDOUT")).isNotNull();
    ctx.stop();
  }
}
