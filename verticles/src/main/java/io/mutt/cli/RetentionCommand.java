package io.mutt.cli;

import io.mutt.pipeline.retention.RetentionOutcome;
import io.mutt.pipeline.retention.RetentionPolicy;
import io.mutt.pipeline.retention.RetentionTextMetrics;
import io.mutt.retention.RetentionJob;
import io.mutt.retention.RetentionMetrics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mutt retention run [--dry-run]}: one retention run against the configured PostgreSQL and
 * Redis, then the node-exporter text-file metrics in {@code RETENTION_METRICS_FILE} when its folder
 * exists. Exit 0 when every task succeeded (or retention is disabled), 1 when a task failed.
 */
@Command(
    name = "retention",
    mixinStandardHelpOptions = true,
    description = "Apply the data retention policy.",
    subcommands = RetentionCommand.Run.class)
public final class RetentionCommand extends CommandGroup {

  public RetentionCommand() {
    super("run");
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Run the retention job once (archive, expire, trim DLQs, ensure partitions).")
  static final class Run extends CliCommand {
    @Mixin SettingsOptions settings;

    @Option(names = "--dry-run", description = "Count what would be removed; change nothing")
    boolean dryRun;

    @Override
    protected int execute() throws IOException {
      try (CliRuntime cli = CliRuntime.open(settings.overrides(), true)) {
        RetentionJob job =
            new RetentionJob(
                cli.runtime(), Clock.systemUTC(), new RetentionMetrics(cli.runtime().registry()));
        RetentionPolicy policy = job.policy();
        if (dryRun) {
          policy = policy.withDryRun(true);
        }
        if (!policy.enabled()) {
          print(
              new JsonObject().put("enabled", false),
              "retention is disabled (RETENTION_ENABLED /"
                  + " retention_enforcement_enabled); nothing done");
          return ExitCodes.OK;
        }
        RetentionOutcome outcome = job.run(policy).await();
        String file = cli.runtime().config().string("RETENTION_METRICS_FILE", "");
        String written = writeTextMetrics(file, outcome, policy);
        print(toJson(outcome, policy).put("metrics_file", written), text(outcome, written));
        return outcome.succeeded() ? ExitCodes.OK : ExitCodes.ERROR;
      }
    }
  }

  /**
   * Writes the text-file metrics atomically when the folder exists; answers the path written or
   * null.
   */
  static String writeTextMetrics(String file, RetentionOutcome outcome, RetentionPolicy policy)
      throws IOException {
    if (file == null || file.isBlank()) {
      return null;
    }
    Path target = Path.of(file).toAbsolutePath();
    if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
      return null;
    }
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(
        tmp,
        RetentionTextMetrics.render(outcome, policy, System.currentTimeMillis() / 1000.0),
        StandardCharsets.UTF_8);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return target.toString();
  }

  static JsonObject toJson(RetentionOutcome o, RetentionPolicy p) {
    JsonObject dlq = new JsonObject();
    o.dlqRemoved().forEach(dlq::put);
    JsonObject policy = new JsonObject();
    p.policyDays().forEach(policy::put);
    return new JsonObject()
        .put("dry_run", o.dryRun())
        .put("succeeded", o.succeeded())
        .put("partitions_ensured", o.partitionsEnsured())
        .put("events_archived", o.eventsArchived())
        .put("partitions_dropped", o.partitionsDropped())
        .put("archive_rows_deleted", o.archiveRowsDeleted())
        .put("config_audits_deleted", o.configAuditsDeleted())
        .put("dlq_removed", dlq)
        .put("failed_tasks", new JsonArray(o.failedTasks()))
        .put("duration_seconds", o.durationSeconds())
        .put("policy_days", policy)
        .put("batch_size", p.batchSize());
  }

  private static String text(RetentionOutcome o, String written) {
    String verb = o.dryRun() ? "would be " : "";
    StringBuilder sb =
        new StringBuilder(o.dryRun() ? "Retention dry run (nothing changed)\n" : "Retention run\n");
    sb.append("  partitions ensured        ").append(o.partitionsEnsured()).append('\n');
    sb.append("  event audit rows ")
        .append(verb)
        .append("archived  ")
        .append(o.eventsArchived())
        .append('\n');
    sb.append("  old partitions ")
        .append(verb)
        .append("dropped   ")
        .append(o.partitionsDropped())
        .append('\n');
    sb.append("  archive rows ")
        .append(verb)
        .append("deleted     ")
        .append(o.archiveRowsDeleted())
        .append('\n');
    sb.append("  config audit rows ")
        .append(verb)
        .append("deleted ")
        .append(o.configAuditsDeleted())
        .append('\n');
    o.dlqRemoved()
        .forEach(
            (k, n) ->
                sb.append("  ")
                    .append(k)
                    .append(": ")
                    .append(n)
                    .append(' ')
                    .append(verb)
                    .append("removed\n"));
    if (!o.failedTasks().isEmpty()) {
      sb.append("  FAILED tasks: ")
          .append(String.join(", ", o.failedTasks()))
          .append(" (see the log)\n");
    }
    if (written != null) {
      sb.append("  metrics written to ").append(written).append('\n');
    }
    return sb.toString();
  }
}
