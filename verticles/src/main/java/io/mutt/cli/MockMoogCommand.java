package io.mutt.cli;

import io.mutt.moog.FaultPlan;
import io.mutt.moog.MockMoogVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mutt mock-moog --port P}: the local Moogsoft stand-in alone, optionally failing from the
 * start.
 */
@Command(
    name = "mock-moog",
    description =
        "Run the local Moogsoft stand-in (POST /events, GET /stats, /health, POST /admin/faults).")
public final class MockMoogCommand implements java.util.concurrent.Callable<Integer> {

  @Option(
      names = "--port",
      defaultValue = "18083",
      description = "Port to listen on (default ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description =
          "Address to listen on (default ${DEFAULT-VALUE}; the stand-in has no key, so 0.0.0.0"
              + " exposes forwarded alerts and fault injection to the network)")
  String host;

  @Option(names = "--fault", defaultValue = "none", description = "none | status | delay | refuse")
  String fault;

  @Option(
      names = "--status",
      defaultValue = "500",
      description = "Status answered by the 'status' fault")
  int status;

  @Option(names = "--delay-ms", defaultValue = "0", description = "Delay of the 'delay' fault")
  long delayMs;

  @Option(
      names = "--fraction",
      defaultValue = "1.0",
      description = "Share of requests hit by the fault, 0..1")
  double fraction;

  @Option(
      names = "--duration-ms",
      defaultValue = "0",
      description = "Fault lasts this long (0 = until changed)")
  long durationMs;

  @Override
  public Integer call() throws Exception {
    FaultPlan plan;
    try {
      plan =
          FaultPlan.fromJson(
              new JsonObject()
                  .put("mode", fault)
                  .put("status", status)
                  .put("delay_ms", delayMs)
                  .put("fraction", fraction)
                  .put("duration_ms", durationMs),
              System.currentTimeMillis());
    } catch (IllegalArgumentException e) {
      System.err.println("mock-moog: " + e.getMessage());
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    try {
      vertx.deployVerticle(new MockMoogVerticle(host, port, plan)).await();
    } catch (Exception e) {
      System.err.println(
          "mock-moog: cannot listen on port " + port + ": " + RunCommand.rootMessage(e));
      vertx.close();
      return 1;
    }
    System.out.println(
        "Moogsoft stand-in listening on http://"
            + ("0.0.0.0".equals(host) ? "127.0.0.1" : host)
            + ":"
            + port
            + "/events (stats: /stats)");
    CountDownLatch latch = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  vertx.close();
                  latch.countDown();
                }));
    latch.await();
    return 0;
  }
}
