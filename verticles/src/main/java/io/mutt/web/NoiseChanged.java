package io.mutt.web;

import io.mutt.contract.BusAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Announces a committed maintenance-window or silence change so every alerter of the cluster
 * reloads its noise state within a second.
 */
final class NoiseChanged {

  private NoiseChanged() {}

  static void publish(Vertx vertx, String table, String correlationId) {
    vertx
        .eventBus()
        .publish(
            BusAddresses.NOISE_CHANGED,
            new JsonObject().put("table", table).put("correlation_id", correlationId));
  }
}
