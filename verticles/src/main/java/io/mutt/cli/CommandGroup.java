package io.mutt.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that only groups its subcommands ({@code mutt config}, {@code mutt dlq}...): run
 * without one, it is a usage error that names them.
 */
abstract class CommandGroup implements Runnable {

  private final String choices;

  @Spec CommandSpec spec;

  /**
   * @param choices the subcommands as the usage error lists them ("list, get, set or history")
   */
  CommandGroup(String choices) {
    this.choices = choices;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "choose " + choices);
  }
}
