package io.mutt.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.app.EmbeddedServers;
import io.mutt.app.MuttApp;
import io.mutt.testsupport.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Rotation (current/next password, docs/reference/configuration.md) of the Redis password on a
 * dedicated Redis whose default user accepts two passwords during the change (ACL): (1) p1 only,
 * MUTT with CURRENT=p1; (2) Redis accepts p1 and p2; a new instance with CURRENT=p2, NEXT=p1 takes
 * over; (3) Redis drops p1. Events flow throughout; every accepted event is queued. An instance
 * whose CURRENT password is already retired connects with NEXT.
 */
class RedisPasswordRotationTest {

  @Test
  void rotating_the_redis_password_while_events_flow_loses_nothing() throws Exception {
    try (EmbeddedServers servers = new EmbeddedServers()) {
      int port = servers.startRedis(Files.createTempDirectory("mutt-rot-"));
      Vertx vertx = Vertx.vertx();
      Redis admin =
          Redis.createClient(
              vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:" + port));
      admin
          .send(Request.cmd(Command.ACL).arg("SETUSER").arg("default").arg("resetpass").arg(">p1"))
          .await();
      Redis admin1 =
          Redis.createClient(
              vertx,
              new RedisOptions()
                  .setConnectionString("redis://127.0.0.1:" + port)
                  .setPassword("p1"));

      Map<String, String> base =
          new HashMap<>(
              Map.of(
                  "REDIS_HOST",
                  "127.0.0.1",
                  "REDIS_PORT",
                  String.valueOf(port),
                  "REDIS_TLS_ENABLED",
                  "false",
                  "INGEST_API_KEY",
                  "k"));
      AtomicReference<Integer> target = new AtomicReference<>();
      AtomicInteger accepted = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      AtomicBoolean running = new AtomicBoolean(true);
      WebClient http = WebClient.create(vertx);

      MuttApp a = start(base, Map.of("REDIS_PASS_CURRENT", "p1"), target);
      Thread client =
          new Thread(
              () -> {
                int i = 0;
                while (running.get()) {
                  try {
                    var res =
                        http.postAbs("http://127.0.0.1:" + target.get() + "/api/v2/ingest")
                            .putHeader("X-API-KEY", "k")
                            .sendJsonObject(
                                new JsonObject()
                                    .put("hostname", "h")
                                    .put("message", "m" + i++)
                                    .put("timestamp", "2026-01-01T00:00:00Z"))
                            .await();
                    if (res.statusCode() == 200) {
                      accepted.incrementAndGet();
                    } else {
                      failed.incrementAndGet();
                    }
                  } catch (Exception switching) {
                    // connection refused while switching instances: the client retries with the
                    // next event
                  }
                }
              });
      client.start();
      Thread.sleep(300);
      admin1.send(Request.cmd(Command.ACL).arg("SETUSER").arg("default").arg(">p2")).await();
      MuttApp b = start(base, Map.of("REDIS_PASS_CURRENT", "p2", "REDIS_PASS_NEXT", "p1"), target);
      Thread.sleep(100);
      a.close();
      admin1.send(Request.cmd(Command.ACL).arg("SETUSER").arg("default").arg("<p1")).await();
      Thread.sleep(300);
      // a late instance still configured with the retired password as CURRENT falls back to NEXT
      MuttApp c = start(base, Map.of("REDIS_PASS_CURRENT", "p1", "REDIS_PASS_NEXT", "p2"), target);
      Thread.sleep(300);
      running.set(false);
      client.join();

      Redis admin2 =
          Redis.createClient(
              vertx,
              new RedisOptions()
                  .setConnectionString("redis://127.0.0.1:" + port)
                  .setPassword("p2"));
      long queued =
          admin2.send(Request.cmd(Command.XLEN).arg("mutt:ingest_queue")).await().toLong();
      assertThat(accepted.get()).isGreaterThan(50);
      assertThat(failed.get()).as("non-200 answers during rotation").isZero();
      assertThat(queued).isEqualTo(accepted.get());
      b.close();
      c.close();
      vertx.close().await();
    }
  }

  private static MuttApp start(
      Map<String, String> base, Map<String, String> pass, AtomicReference<Integer> target) {
    Map<String, String> s = new HashMap<>(base);
    s.putAll(Ports.allFree());
    s.putAll(pass);
    MuttApp app = MuttApp.start(s, "ingest", false);
    target.set(Integer.parseInt(s.get("SERVER_PORT_INGESTOR")));
    return app;
  }
}
