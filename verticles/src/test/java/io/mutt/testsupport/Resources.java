package io.mutt.testsupport;

/** Closing what a test opened. */
public final class Resources {

  private Resources() {}

  /** Closes each resource that is not null, in the order given (what was opened last, first). */
  public static void close(AutoCloseable... resources) throws Exception {
    for (AutoCloseable r : resources) {
      if (r != null) {
        r.close();
      }
    }
  }
}
