package io.mutt.http;

import io.vertx.core.json.JsonObject;

/**
 * The outcome of a role's health check: HTTP 200 when healthy, else 503, with a body naming each
 * check.
 */
public record HealthReport(boolean healthy, JsonObject body) {

  public int status() {
    return healthy ? 200 : 503;
  }
}
