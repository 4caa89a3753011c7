package io.mutt.cli;

/** A server the command needs did not answer (exit code 3). */
public final class UnreachableException extends RuntimeException {

  public UnreachableException(String message) {
    super(message);
  }
}
