package io.mutt.web.backtest;

import io.mutt.testsupport.MuttTestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A running web role for the backtest tests, and the backtest request and draft they send. */
final class BacktestWeb implements AutoCloseable {

  final MuttTestApp mutt;
  private final Vertx vertx = Vertx.vertx();
  private final WebClient client = WebClient.create(vertx);

  private BacktestWeb(MuttTestApp mutt) {
    this.mutt = mutt;
  }

  static BacktestWeb start() {
    return new BacktestWeb(MuttTestApp.start("web", Map.of()));
  }

  HttpResponse<Buffer> backtest(JsonObject body) {
    return client
        .postAbs(mutt.webUrl() + "/api/v2/backtest")
        .putHeader("X-API-KEY", "test-webui-key-0123456789")
        .sendJsonObject(body)
        .await();
  }

  /** A backtest of the hour from {@code since} with the draft. */
  HttpResponse<Buffer> backtestHour(Instant since, JsonObject draft) {
    return backtest(
        new JsonObject()
            .put("since", since.toString())
            .put("until", since.plusSeconds(3600).toString())
            .put("draft", draft));
  }

  /** Sets ingest's count of accepted events for the hour starting at {@code hour}. */
  void acceptedInHour(Instant hour, long events) {
    var rt = mutt.app.runtime();
    rt.redis()
        .send(Request.cmd(Command.SET).arg(rt.keys().counters.hour(hour)).arg(events))
        .await();
  }

  /** A draft rule. */
  static JsonObject rule(String match, String prod, String dev, String team) {
    return new JsonObject()
        .put("match_string", match)
        .put("prod_handling", prod)
        .put("dev_handling", dev)
        .put("team_assignment", team);
  }

  /** A draft's rule changes that add these rules. */
  static JsonObject adding(JsonObject... rules) {
    return new JsonObject().put("add", new JsonArray(List.of((Object[]) rules)));
  }

  @Override
  public void close() {
    client.close();
    vertx.close();
    mutt.close();
  }
}
