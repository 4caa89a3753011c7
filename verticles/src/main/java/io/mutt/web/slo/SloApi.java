package io.mutt.web.slo;

import io.micrometer.core.instrument.Timer;
import io.mutt.web.Http;
import io.mutt.web.WebMetrics;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v{1,2}/slo}; metrics label {@code slo}. */
public final class SloApi {

  private final SloService service;
  private final WebMetrics metrics;

  public SloApi(SloService service, WebMetrics metrics) {
    this.service = service;
    this.metrics = metrics;
  }

  public void mount(Router r, String base) {
    r.get(base + "/slo").handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    Timer.Sample sample = Timer.start();
    service
        .report()
        .onComplete(
            ar -> {
              sample.stop(metrics.latency("slo"));
              if (ar.succeeded()) {
                metrics.request("slo", "success").increment();
                Http.ok(ctx, 200, ar.result());
              } else {
                metrics.request("slo", "error").increment();
                Http.fail(ctx, ar.cause());
              }
            });
  }
}
