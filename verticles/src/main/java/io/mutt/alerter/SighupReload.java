package io.mutt.alerter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP asks the alerter for a rule-cache reload. One JVM-wide handler, installed with the first
 * listener, calls every registered listener (one per rule cache in this JVM). Installing it
 * replaces the JVM's default SIGHUP action (shutdown); where the platform refuses the handler (e.g.
 * {@code -Xrs}), it is not installed and a warning is logged.
 */
final class SighupReload {

  private static final Logger LOG = LoggerFactory.getLogger(SighupReload.class);
  private static final List<Runnable> LISTENERS = new CopyOnWriteArrayList<>();
  private static volatile boolean installed;

  private SighupReload() {}

  static synchronized void add(Runnable listener) {
    LISTENERS.add(listener);
    if (!installed) {
      try {
        Signal.handle(new Signal("HUP"), sig -> LISTENERS.forEach(Runnable::run));
        installed = true;
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        LOG.warn("SIGHUP rule reload not available: {}", e.getMessage());
      }
    }
  }

  static void remove(Runnable listener) {
    LISTENERS.remove(listener);
  }

  static boolean installed() {
    return installed;
  }
}
