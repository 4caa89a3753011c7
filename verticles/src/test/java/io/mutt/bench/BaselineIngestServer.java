package io.mutt.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's baseline (docs/PERFORMANCE-ingest.md): the least an HTTP ingest can do on the
 * same stack — read the body, parse it as JSON, append it to a Redis stream (one XADD per event, a
 * batch pipelined in one round trip) and answer 200. No auth, validation, ids, cap, counters or
 * metrics, so {@code scripts/bench/ingest.sh} can report MUTT's throughput as a ratio of it,
 * measured side by side. Lives with the tests: it is not shipped.
 *
 * <p>{@code java -cp mutt.jar:<test classes> io.mutt.bench.BaselineIngestServer <port> <redisHost>
 * <redisPort> <streamKey> <instances> [redisPassword]}
 */
public final class BaselineIngestServer extends VerticleBase {

  private final Redis redis;
  private final String stream;
  private final int port;

  BaselineIngestServer(Redis redis, String stream, int port) {
    this.redis = redis;
    this.stream = stream;
    this.port = port;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    String stream = args[3];
    int instances = Integer.parseInt(args[4]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    RedisOptions options =
        new RedisOptions()
            .setConnectionString("redis://" + args[1] + ":" + args[2])
            .setMaxPoolSize(32)
            .setMaxPoolWaiting(100_000)
            .setMaxWaitingHandlers(100_000)
            .setPreferredProtocolVersion(ProtocolVersion.RESP2);
    if (args.length > 5 && !args[5].isEmpty()) {
      options.setPassword(args[5]);
    }
    Redis redis = Redis.createClient(vertx, options);
    vertx
        .deployVerticle(
            () -> new BaselineIngestServer(redis, stream, port),
            new DeploymentOptions().setInstances(instances))
        .await();
    System.out.println("baseline listening on 127.0.0.1:" + port + " -> " + stream);
  }

  @Override
  public Future<?> start() {
    return vertx
        .createHttpServer(new HttpServerOptions().setPort(port).setHost("127.0.0.1"))
        .requestHandler(this::handle)
        .listen();
  }

  private void handle(HttpServerRequest req) {
    req.body()
        .onSuccess(
            body -> {
              Object parsed;
              try {
                parsed = Json.decodeValue(body);
              } catch (RuntimeException e) {
                req.response().setStatusCode(400).end("{\"status\":\"error\"}");
                return;
              }
              append(body, parsed)
                  .onComplete(
                      ar ->
                          req.response()
                              .setStatusCode(ar.succeeded() ? 200 : 503)
                              .putHeader("Content-Type", "application/json")
                              .end(ar.succeeded() ? "{\"status\":\"queued\"}" : "{}"));
            });
  }

  private Future<?> append(Buffer body, Object parsed) {
    if (parsed instanceof JsonArray events) {
      List<Request> batch = new ArrayList<>(events.size());
      for (Object e : events) {
        batch.add(
            Request.cmd(Command.XADD)
                .arg(stream)
                .arg("*")
                .arg("e")
                .arg(((JsonObject) e).toBuffer()));
      }
      return redis.batch(batch);
    }
    return redis.send(Request.cmd(Command.XADD).arg(stream).arg("*").arg("e").arg(body));
  }
}
