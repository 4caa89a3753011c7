package io.mutt.cli;

import io.mutt.pipeline.retention.RetentionPolicy;
import io.mutt.retention.RetentionJob;
import io.mutt.retention.RetentionMetrics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mutt partitions ensure|list}: the monthly {@code event_audit_log} partitions
 * (docs/reference/sql-tables.md). {@code ensure} creates the current month and the next {@code
 * RETENTION_PRECREATE_MONTHS - 1} (or {@code --months}).
 */
@Command(
    name = "partitions",
    mixinStandardHelpOptions = true,
    description = "Manage the monthly event audit partitions.",
    subcommands = {PartitionsCommand.Ensure.class, PartitionsCommand.ListAll.class})
public final class PartitionsCommand extends CommandGroup {

  public PartitionsCommand() {
    super("ensure or list");
  }

  @Command(
      name = "ensure",
      mixinStandardHelpOptions = true,
      description = "Create missing partitions for this month and the coming ones.")
  static final class Ensure extends CliCommand {
    @Mixin SettingsOptions settings;

    @Option(
        names = "--months",
        description = "Months to ensure, this one included (default RETENTION_PRECREATE_MONTHS)")
    Integer months;

    @Override
    protected int execute() {
      if (months != null && months < 1) {
        throw usage("--months must be >= 1, got " + months);
      }
      try (CliRuntime cli = CliRuntime.open(settings.overrides(), true)) {
        RetentionJob job =
            new RetentionJob(
                cli.runtime(), Clock.systemUTC(), new RetentionMetrics(cli.runtime().registry()));
        RetentionPolicy policy = job.policy();
        int n = months != null ? months : policy.precreateMonths();
        int ensured = job.ensurePartitions(n).await();
        List<String> all = job.listPartitions().await();
        print(
            new JsonObject()
                .put("months", n)
                .put("ensured", ensured)
                .put("partitions", new JsonArray(all)),
            "ensured "
                + ensured
                + " of "
                + n
                + " months; partitions now: "
                + String.join(", ", all));
        return ensured == n ? ExitCodes.OK : ExitCodes.ERROR;
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the partitions that exist.")
  static final class ListAll extends CliCommand {
    @Mixin SettingsOptions settings;

    @Override
    protected int execute() {
      try (CliRuntime cli = CliRuntime.open(settings.overrides(), true)) {
        List<String> all =
            new RetentionJob(
                    cli.runtime(),
                    Clock.systemUTC(),
                    new RetentionMetrics(cli.runtime().registry()))
                .listPartitions()
                .await();
        print(
            new JsonObject().put("partitions", new JsonArray(all)),
            all.isEmpty() ? "(none)" : String.join("\n", all));
        return ExitCodes.OK;
      }
    }
  }
}
