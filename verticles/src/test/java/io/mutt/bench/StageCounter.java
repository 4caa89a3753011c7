package io.mutt.bench;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scrapes one Prometheus counter (summed over its labels) every second, for a per-stage rate in the
 * summary.
 */
final class StageCounter {

  private final String name;
  private final AtomicLong value = new AtomicLong();

  StageCounter(Vertx vertx, String url, String name) {
    this.name = name;
    if (url.isEmpty() || name.isEmpty()) {
      return;
    }
    WebClient client = WebClient.create(vertx);
    vertx.setPeriodic(
        0, 1000, id -> client.getAbs(url).send().onSuccess(r -> value.set(sum(r.bodyAsString()))));
  }

  String name() {
    return name;
  }

  long value() {
    return value.get();
  }

  private long sum(String body) {
    double total = 0;
    for (String line : body.split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return (long) total;
  }
}
