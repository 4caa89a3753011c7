package io.mutt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code mutt.jar}: {@code run}, {@code mock-moog} and the operator commands. */
@Command(
    name = "mutt",
    mixinStandardHelpOptions = true,
    version = "MUTT 2.5",
    description = "MUTT - Multi-Use Telemetry Tool",
    subcommands = {
      RunCommand.class,
      MockMoogCommand.class,
      SetupCommand.class,
      StatusCommand.class,
      ConfigCommand.class,
      RulesCommand.class,
      DlqCommand.class,
      TailCommand.class,
      LogsCommand.class,
      RetentionCommand.class,
      PartitionsCommand.class,
      SilenceCommand.class,
      BacktestCommand.class
    })
public final class MuttCli implements Runnable {

  public static void main(String[] args) {
    LogSetup.configure(args);
    System.exit(new CommandLine(new MuttCli()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
