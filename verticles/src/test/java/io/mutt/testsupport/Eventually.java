package io.mutt.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition every 50 ms until it holds or a deadline passes (no long sleeps in tests). */
public final class Eventually {

  private Eventually() {}

  public static void until(Duration within, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      if (condition.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + within.toMillis() + " ms: " + what);
      }
      pause(50);
    }
  }

  /** Like {@link #until} but reports the last observed value on timeout. */
  public static <T> T value(
      Duration within, String what, Supplier<T> probe, java.util.function.Predicate<T> ok) {
    long deadline = System.nanoTime() + within.toNanos();
    T last;
    while (true) {
      last = probe.get();
      if (ok.test(last)) {
        return last;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "not within " + within.toMillis() + " ms: " + what + " (last: " + last + ")");
      }
      pause(50);
    }
  }

  public static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
