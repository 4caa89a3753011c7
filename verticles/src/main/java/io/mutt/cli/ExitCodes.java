package io.mutt.cli;

/** Exit codes of the operator commands, stable for scripts. */
public final class ExitCodes {

  /** Done. */
  public static final int OK = 0;

  /** The command ran and failed (HTTP error, unhealthy role, failed task). */
  public static final int ERROR = 1;

  /** Bad usage or configuration (unknown option, missing setting, API key missing or refused). */
  public static final int USAGE = 2;

  /** A server the command needs did not answer. */
  public static final int UNREACHABLE = 3;

  private ExitCodes() {}
}
