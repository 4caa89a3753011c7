package io.mutt.cli;

import io.mutt.app.MuttApp;
import io.mutt.config.ConfigException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.close();
                  stopped.countDown();
                },
                "mutt-shutdown"));
    System.out.println("MUTT is up (roles: " + roles + ")");
    app.summary().forEach(line -> System.out.println("  " + line));
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
