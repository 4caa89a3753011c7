package io.mutt.web;

import io.mutt.contract.BusAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * The end of a configuration write of one table: once the change and its audit row have committed,
 * it is announced on the event bus — {@link BusAddresses#RULES_CHANGED} for rules, dev hosts and
 * teams (every alerter reloads its rule cache within a second), {@link BusAddresses#NOISE_CHANGED}
 * for maintenance windows and silences (every alerter reloads its noise state) — and the request is
 * answered.
 */
record ChangeNotice(Vertx vertx, String address, String table) {

  /** Changes that every alerter's rule cache reloads. */
  static ChangeNotice rules(Vertx vertx, String table) {
    return new ChangeNotice(vertx, BusAddresses.RULES_CHANGED, table);
  }

  /** Changes that every alerter's noise state reloads. */
  static ChangeNotice noise(Vertx vertx, String table) {
    return new ChangeNotice(vertx, BusAddresses.NOISE_CHANGED, table);
  }

  /** Announces a committed change made by this request. */
  void publish(RoutingContext ctx) {
    vertx
        .eventBus()
        .publish(
            address,
            new JsonObject().put("table", table).put("correlation_id", Http.correlationId(ctx)));
  }

  /**
   * When {@code committed} succeeds, announces the change and answers {@code status} with the body
   * made from its result; a failure is answered by {@link Http#fail}.
   */
  <T> void answer(
      RoutingContext ctx, Future<T> committed, int status, Function<T, JsonObject> body) {
    committed
        .onSuccess(
            result -> {
              publish(ctx);
              Http.ok(ctx, status, body.apply(result));
            })
        .onFailure(err -> Http.fail(ctx, err));
  }

  /** {@link #answer} with the body {@code {"message": message}}. */
  void answer(RoutingContext ctx, Future<?> committed, int status, String message) {
    answer(ctx, committed, status, x -> new JsonObject().put("message", message));
  }
}
