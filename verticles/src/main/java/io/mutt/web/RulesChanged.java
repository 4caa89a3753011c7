package io.mutt.web;

import io.mutt.contract.BusAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Announces a committed rule, dev-host or team change so every alerter reloads its cache within a
 * second.
 */
public final class RulesChanged {

  private RulesChanged() {}

  public static void publish(Vertx vertx, String table, String correlationId) {
    vertx
        .eventBus()
        .publish(
            BusAddresses.RULES_CHANGED,
            new JsonObject().put("table", table).put("correlation_id", correlationId));
  }
}
