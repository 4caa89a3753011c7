package io.mutt.notifier;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * A Slack-compatible incoming webhook: one JSON POST {@code {"text": …}} per message; any 2xx is
 * success. The URL (which carries the webhook's token) is never logged or put in an error.
 */
final class SlackChannel implements Channel {

  private final WebClient client;
  private final String url;

  SlackChannel(Vertx vertx, String url) {
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(10_000));
    this.url = url;
  }

  @Override
  public String name() {
    return "slack";
  }

  @Override
  public Future<Void> send(Digest digest) {
    return client
        .postAbs(url)
        .timeout(15_000)
        .sendJsonObject(new JsonObject().put("text", digest.subject() + "\n" + digest.text()))
        .transform(
            ar -> {
              if (ar.failed()) {
                return Future.failedFuture(
                    "webhook unreachable: " + ar.cause().getClass().getSimpleName());
              }
              int status = ar.result().statusCode();
              return status / 100 == 2
                  ? Future.succeededFuture()
                  : Future.failedFuture("webhook answered " + status);
            });
  }

  @Override
  public void close() {
    client.close();
  }
}
