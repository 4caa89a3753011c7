package io.mutt.cli;

import io.mutt.app.MuttApp;
import io.mutt.config.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code mutt run [--roles ...] [--cluster]}: starts the chosen roles in this JVM and runs until
 * stopped.
 */
@Command(name = "run", description = "Start MUTT (all roles by default) in this JVM.")
public final class RunCommand implements java.util.concurrent.Callable<Integer> {

  @Option(
      names = "--roles",
      description =
          "Comma list of modules: ingest, syslog, traps, alerter, forwarder, remediation, retention, web"
              + " (default: all)")
  String roles = "all";

  @Option(
      names = "--cluster",
      description = "Join a Vert.x cluster (Hazelcast; see MUTT_CLUSTER_* settings)")
  boolean cluster;

  @Override
  public Integer call() {
    MuttApp app;
    try {
      app = MuttApp.start(Map.of(), roles, cluster);
    } catch (ConfigException e) {
      System.err.println("mutt: configuration error: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      System.err.println("mutt: could not start: " + rootMessage(e));
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicInteger exitCode = new AtomicInteger();
    AtomicBoolean closing = new AtomicBoolean();
    Runnable stop =
        () -> {
          if (closing.compareAndSet(false, true)) {
            app.close();
          }
          stopped.countDown();
        };
    // SIGTERM and Ctrl-C stop the application here, in order (roles, then the clients, then the
    // embedded servers), before the JVM's exit hooks run: the embedded Redis library stops its
    // server from such a hook, which would otherwise run at the same time as the roles still use
    // it. The exit code stays the one of a JVM ended by the signal.
    for (String name : List.of("TERM", "INT")) {
      try {
        Signal.handle(
            new Signal(name),
            sig -> {
              exitCode.compareAndSet(0, 128 + sig.getNumber());
              new Thread(stop, "mutt-shutdown").start();
            });
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // not available here: the exit hook below still closes the application
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "mutt-shutdown-hook"));
    System.out.println("MUTT is up (roles: " + roles + ")");
    app.summary().forEach(line -> System.out.println("  " + line));
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return exitCode.get();
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
