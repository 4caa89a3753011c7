package io.mutt.remediation;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remediation's Moogsoft health probe (docs/reference/http-api.md): POSTs the {@code
 * source=MUTT_HEALTH_CHECK} event with the Bearer key ([D]) and {@code MOOG_HEALTH_TIMEOUT};
 * healthy iff 200/201/202. Disabled or no URL → healthy without a request (gauge untouched). A
 * result is reused for {@code MOOG_HEALTH_CACHE_SECONDS} (60, as the original).
 */
final class MoogHealthProbe {

  private static final Logger LOG = LoggerFactory.getLogger(MoogHealthProbe.class);

  private final RemediationSettings settings;
  private final RemediationMetrics metrics;
  private final java.util.function.Supplier<String> apiKey;
  private final WebClient client;
  private long checkedAtMs = Long.MIN_VALUE;
  private boolean lastHealthy;

  MoogHealthProbe(Vertx vertx, RemediationSettings settings, RemediationMetrics metrics) {
    this(vertx, settings, metrics, settings::apiKey);
  }

  /** With the Moogsoft key read for each probe (a key rotated in Vault is used at once). */
  MoogHealthProbe(
      Vertx vertx,
      RemediationSettings settings,
      RemediationMetrics metrics,
      java.util.function.Supplier<String> apiKey) {
    this.apiKey = apiKey;
    this.settings = settings;
    this.metrics = metrics;
    this.client =
        WebClient.create(
            vertx, new WebClientOptions().setKeepAlive(false).setUserAgent("MUTT/2.5"));
  }

  Future<Boolean> healthy() {
    if (!settings.healthCheckEnabled() || settings.webhookUrl().isEmpty()) {
      return Future.succeededFuture(true);
    }
    long now = System.currentTimeMillis();
    if (checkedAtMs != Long.MIN_VALUE && now - checkedAtMs < settings.healthCacheMs()) {
      return Future.succeededFuture(lastHealthy);
    }
    HttpRequest<Buffer> req =
        client.postAbs(settings.webhookUrl()).timeout(settings.healthTimeoutMs());
    String key = apiKey.get();
    if (key != null) {
      req.putHeader("Authorization", "Bearer " + key);
    }
    return req.sendJsonObject(event(now))
        .map(res -> res.statusCode() == 200 || res.statusCode() == 201 || res.statusCode() == 202)
        .otherwise(
            err -> {
              LOG.info("Moogsoft health probe failed: {}", err.getClass().getSimpleName());
              return false;
            })
        .onSuccess(
            ok -> {
              checkedAtMs = now;
              lastHealthy = ok;
              metrics.moogHealth.set(ok ? 1 : 0);
            });
  }

  static JsonObject event(long nowMs) {
    return new JsonObject()
        .put("source", "MUTT_HEALTH_CHECK")
        .put("description", "Health check probe - auto-close")
        .put("severity", "clear")
        .put("check_id", "health_check_" + nowMs / 1000)
        .put("timestamp", Instant.ofEpochMilli(nowMs).toString());
  }

  void close() {
    client.close();
  }
}
