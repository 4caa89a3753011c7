package io.mutt.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.app.MuttApp;
import io.mutt.testsupport.Ports;
import io.mutt.testsupport.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The ingest API key is rotated with a rolling restart while a client keeps sending (OPERATIONS.md
 * "Rotate secrets"): instance A accepts k1; instance B accepts k1 and, as INGEST_API_KEY_NEXT, k2;
 * A stops (every live instance now accepts both); the client switches to k2; instance C accepts
 * only k2; B stops. No request is refused for its key and every accepted event is queued.
 */
class IngestKeyRotationTest {

  @Test
  void rotating_the_ingest_key_while_events_flow_refuses_and_loses_nothing() throws Exception {
    Map<String, String> shared = new HashMap<>(TestServices.redis());
    Vertx vertx = Vertx.vertx();
    WebClient http = WebClient.create(vertx);
    List<MuttApp> live = new CopyOnWriteArrayList<>();
    Map<MuttApp, Integer> ports = new java.util.concurrent.ConcurrentHashMap<>();
    AtomicReference<String> clientKey = new AtomicReference<>("rotation-key-one-0123456789");
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger unauthorized = new AtomicInteger();
    AtomicBoolean running = new AtomicBoolean(true);

    MuttApp a = start(shared, Map.of("INGEST_API_KEY", "rotation-key-one-0123456789"), ports);
    live.add(a);
    Thread client =
        new Thread(
            () -> {
              int i = 0;
              while (running.get()) {
                MuttApp target = live.get(i++ % live.size());
                try {
                  var res =
                      http.postAbs("http://127.0.0.1:" + ports.get(target) + "/api/v2/ingest")
                          .putHeader("X-API-KEY", clientKey.get())
                          .sendJsonObject(
                              new JsonObject()
                                  .put("hostname", "h")
                                  .put("message", "m" + i)
                                  .put("timestamp", "2026-01-01T00:00:00Z"))
                          .await();
                  if (res.statusCode() == 200) {
                    accepted.incrementAndGet();
                  } else if (res.statusCode() == 401) {
                    unauthorized.incrementAndGet();
                  }
                } catch (Exception stoppedInstance) {
                  // an instance being stopped refuses the connection; the client just sends the
                  // next event elsewhere
                }
              }
            });
    client.start();
    try {
      Thread.sleep(300);
      MuttApp b =
          start(
              shared,
              Map.of(
                  "INGEST_API_KEY",
                  "rotation-key-one-0123456789",
                  "INGEST_API_KEY_NEXT",
                  "rotation-key-two-0123456789"),
              ports);
      live.add(b);
      Thread.sleep(300);
      live.remove(a);
      Thread.sleep(100);
      a.close();
      clientKey.set("rotation-key-two-0123456789");
      MuttApp c = start(shared, Map.of("INGEST_API_KEY", "rotation-key-two-0123456789"), ports);
      live.add(c);
      Thread.sleep(300);
      live.remove(b);
      Thread.sleep(100);
      b.close();
      Thread.sleep(300);
      running.set(false);
      client.join();
      long queued =
          c.runtime()
              .redis()
              .send(Request.cmd(Command.XLEN).arg(c.runtime().keys().ingestQueue))
              .await()
              .toLong();
      assertThat(accepted.get()).isGreaterThan(50);
      assertThat(unauthorized.get()).as("requests refused for their key").isZero();
      assertThat(queued)
          .as("every accepted event is on the ingest queue")
          .isEqualTo(accepted.get());
      var old =
          http.postAbs("http://127.0.0.1:" + ports.get(c) + "/api/v2/ingest")
              .putHeader("X-API-KEY", "rotation-key-one-0123456789")
              .sendJsonObject(new JsonObject().put("hostname", "h"))
              .await();
      assertThat(old.statusCode()).as("the retired key is refused after rotation").isEqualTo(401);
      c.close();
    } finally {
      running.set(false);
      vertx.close().await();
    }
  }

  private static MuttApp start(
      Map<String, String> shared, Map<String, String> keys, Map<MuttApp, Integer> ports) {
    Map<String, String> s = new HashMap<>(shared);
    s.putAll(Ports.allFree());
    s.putAll(keys);
    MuttApp app = MuttApp.start(s, "ingest", false);
    ports.put(app, Integer.parseInt(s.get("SERVER_PORT_INGESTOR")));
    return app;
  }
}
