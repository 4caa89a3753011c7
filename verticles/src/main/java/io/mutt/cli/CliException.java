package io.mutt.cli;

/** A command failed with a message for the operator and an exit code (see {@link ExitCodes}). */
public final class CliException extends RuntimeException {

  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
