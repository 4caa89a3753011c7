package io.mutt.http;

import io.mutt.config.Secrets;
import io.vertx.core.json.JsonObject;

/**
 * Adds the state of the secret source to a healthy {@code /health} body: {@code "secrets":"ok"}, or
 * {@code "status":"degraded"} and {@code "secrets":"stale: <why>"} while Vault cannot be read (the
 * last secrets read stay in use, so the answer stays 200).
 */
public final class SecretsHealth {

  private SecretsHealth() {}

  public static JsonObject annotate(JsonObject healthyBody, Secrets secrets) {
    return secrets
        .problem()
        .map(p -> healthyBody.put("status", "degraded").put("secrets", "stale: " + p))
        .orElseGet(() -> healthyBody.put("secrets", "ok"));
  }
}
