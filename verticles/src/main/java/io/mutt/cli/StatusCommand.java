package io.mutt.cli;

import io.mutt.config.MuttConfig;
import io.mutt.contract.ConsumerGroups;
import io.mutt.contract.DrainReport;
import io.mutt.contract.RedisKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mutt status}: which roles answer on their ports, the syslog and trap listeners beside the
 * ingest role (enabled, bound port, state, connections), queue and DLQ depths, each replayed DLQ's
 * drain estimate (ADR 0018), circuit state and leaders, from the roles' {@code /health} and {@code
 * /metrics}, the web API's {@code /api/v1/metrics} and, with {@code --redis-host}, straight from
 * Redis, printed by {@link StatusText}. Exit 0 when every answering role is healthy, 1 when one is
 * not, 3 when nothing answers.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Roles, queue and DLQ depths, circuit state and leaders of a running MUTT.")
public final class StatusCommand extends CliCommand {

  /** role → {health port key, default, metrics port key, default}. */
  static final Map<String, Object[]> ROLES = new LinkedHashMap<>();

  static {
    ROLES.put("ingest", new Object[] {"SERVER_PORT_INGESTOR", 8080, "SERVER_PORT_INGESTOR", 8080});
    ROLES.put("alerter", new Object[] {"HEALTH_PORT_ALERTER", 8082, "METRICS_PORT_ALERTER", 8081});
    ROLES.put("forwarder", new Object[] {"HEALTH_PORT_MOOG", 8084, "METRICS_PORT_MOOG", 8083});
    ROLES.put(
        "remediation",
        new Object[] {"HEALTH_PORT_REMEDIATION", 8087, "METRICS_PORT_REMEDIATION", 8086});
    ROLES.put("web", new Object[] {"SERVER_PORT_WEBUI", 8090, "SERVER_PORT_WEBUI", 8090});
  }

  @Mixin ApiOptions api;

  @Mixin SettingsOptions settings;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Host running the roles (default ${DEFAULT-VALUE})")
  String host;

  @Option(
      names = "--redis-host",
      paramLabel = "HOST[:PORT]",
      description = "Also read depths, circuit and leaders from this Redis")
  String redisHost;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Override
  protected int execute() {
    MuttConfig config = settings.load();
    JsonObject roles = new JsonObject();
    Map<String, CompletableFuture<HttpResponse<String>>> health = new LinkedHashMap<>();
    Map<String, CompletableFuture<HttpResponse<String>>> metrics = new HashMap<>();
    for (Map.Entry<String, Object[]> r : ROLES.entrySet()) {
      Object[] p = r.getValue();
      int hp = config.port((String) p[0], (Integer) p[1]);
      int mp = config.port((String) p[2], (Integer) p[3]);
      health.put(r.getKey(), fetch("http://" + host + ":" + hp + "/health"));
      metrics.put(r.getKey(), fetch("http://" + host + ":" + mp + "/metrics"));
      roles.put(r.getKey(), new JsonObject().put("port", hp));
    }
    int answering = 0;
    boolean unhealthy = false;
    Map<String, PromText> scraped = new HashMap<>();
    for (String role : ROLES.keySet()) {
      JsonObject entry = roles.getJsonObject(role);
      HttpResponse<String> res = health.get(role).join();
      if (res == null) {
        entry.put("state", "down");
        continue;
      }
      answering++;
      boolean ok = res.statusCode() == 200;
      unhealthy |= !ok;
      entry.put("state", ok ? "healthy" : "unhealthy").put("http_status", res.statusCode());
      entry.put("health", bodyOf(res.body()));
      HttpResponse<String> m = metrics.get(role).join();
      if (m != null && m.statusCode() == 200) {
        scraped.put(role, new PromText(m.body()));
      }
    }
    JsonObject doc = new JsonObject().put("host", host).put("roles", roles);
    if (roles.getJsonObject("ingest").getValue("health") instanceof JsonObject h
        && h.getValue("listeners") instanceof JsonObject listeners) {
      doc.put("listeners", listeners);
    }
    redisTopology(roles).ifPresent(t -> doc.put("redis_topology", t));
    fromMetrics(doc, scraped);
    if ("healthy".equals(roles.getJsonObject("web").getString("state"))) {
      fromWeb(doc);
    }
    if (redisHost != null) {
      fromRedis(doc, config);
    }
    if (answering == 0 && redisHost == null) {
      print(
          doc.put("reachable", false),
          StatusText.render(doc)
              + "no MUTT role answers on "
              + host
              + " (is 'mutt run' running? are the ports different? use --set SERVER_PORT_...=)");
      return ExitCodes.UNREACHABLE;
    }
    print(doc.put("reachable", answering > 0), StatusText.render(doc));
    return unhealthy ? ExitCodes.ERROR : ExitCodes.OK;
  }

  /** The Redis topology one answering role reported in its health (web first, then ingest). */
  private static java.util.Optional<JsonObject> redisTopology(JsonObject roles) {
    for (String role : List.of("web", "ingest")) {
      if (roles.getValue(role) instanceof JsonObject r
          && r.getValue("health") instanceof JsonObject h
          && h.getValue("redis_topology") instanceof JsonObject t) {
        return java.util.Optional.of(t);
      }
    }
    return java.util.Optional.empty();
  }

  private CompletableFuture<HttpResponse<String>> fetch(String url) {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build();
    return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).exceptionally(err -> null);
  }

  private static Object bodyOf(String body) {
    try {
      return new JsonObject(body);
    } catch (RuntimeException e) {
      return body == null ? "" : body.strip();
    }
  }

  private static void fromMetrics(JsonObject doc, Map<String, PromText> m) {
    JsonObject queues = new JsonObject();
    JsonObject dlq = new JsonObject();
    if (m.containsKey("ingest")) {
      m.get("ingest")
          .value("mutt_ingest_queue_depth")
          .ifPresent(v -> queues.put("ingest", v.longValue()));
    }
    if (m.containsKey("alerter")) {
      m.get("alerter")
          .value("mutt_alerter_queue_depth")
          .ifPresent(v -> queues.put("alert", v.longValue()));
      m.get("alerter")
          .value("mutt_alerter_dlq_depth")
          .ifPresent(v -> dlq.put("alerter", v.longValue()));
    }
    if (m.containsKey("forwarder")) {
      m.get("forwarder")
          .value("mutt_moog_dlq_depth")
          .ifPresent(v -> dlq.put("moog", v.longValue()));
      m.get("forwarder")
          .value("mutt_circuit_breaker_state", "name=\"moogsoft\"")
          .ifPresent(v -> doc.put("circuit", circuitName(v.intValue())));
    }
    JsonObject drain = new JsonObject();
    if (m.containsKey("remediation")) {
      PromText r = m.get("remediation");
      r.value("mutt_remediation_dlq_depth", "alerter")
          .ifPresent(v -> dlq.put("alerter", v.longValue()));
      for (String n : List.of("alerter", "moog")) {
        r.value("mutt_remediation_dlq_drain_seconds", "dlq:" + n)
            .ifPresent(
                v ->
                    drain.put(
                        n,
                        new JsonObject()
                            .put(
                                "depth",
                                r.value("mutt_remediation_dlq_depth", "dlq:" + n)
                                    .map(Double::longValue)
                                    .orElse(null))
                            .put("drain_seconds", v)));
      }
    }
    doc.put("queues", queues).put("dlq", dlq);
    if (!drain.isEmpty()) {
      doc.put("dlq_drain", drain);
    }
  }

  static String circuitName(int gauge) {
    return switch (gauge) {
      case 0 -> "CLOSED";
      case 1 -> "HALF_OPEN";
      case 2 -> "OPEN";
      default -> "UNKNOWN";
    };
  }

  /**
   * The web role's event rates, DLQ drain estimates, and the depths of the DLQs no metric carries
   * (the final {@code dead} one): what the metrics scraped before did not give.
   */
  private void fromWeb(JsonObject doc) {
    ApiOptions web = api;
    if (web.url == null) {
      web.url =
          "http://"
              + host
              + ":"
              + doc.getJsonObject("roles").getJsonObject("web").getInteger("port");
    }
    try {
      Object res = web.client().get("/api/v1/metrics");
      if (res instanceof JsonObject o && o.getValue("summary") instanceof JsonObject summary) {
        doc.put("rates", summary);
      }
      if (res instanceof JsonObject o && o.getValue("dlq") instanceof JsonObject drain) {
        doc.put("dlq_drain", drain);
      }
      if (web.client().get("/api/v2/dlq") instanceof JsonObject o
          && o.getValue("dlqs") instanceof JsonArray dlqs) {
        JsonObject depths = doc.getJsonObject("dlq");
        for (Object d : dlqs) {
          if (d instanceof JsonObject one
              && one.getValue("name") instanceof String name
              && one.getValue("depth") instanceof Number depth
              && !depths.containsKey(name)) {
            depths.put(name, depth.longValue());
          }
        }
      }
    } catch (CliException | UnreachableException e) {
      doc.put("rates_error", e.getMessage());
    }
  }

  private void fromRedis(JsonObject doc, MuttConfig config) {
    Map<String, String> o = new HashMap<>(settings.overrides());
    String[] hp = redisHost.split(":", 2);
    o.put("REDIS_HOST", hp[0]);
    if (hp.length > 1) {
      o.put("REDIS_PORT", hp[1]);
    }
    try (CliRuntime cli = CliRuntime.open(o, false)) {
      Redis redis = cli.runtime().redis();
      RedisKeys keys = cli.runtime().keys();
      JsonObject queues = doc.getJsonObject("queues");
      List<String> alertStreams =
          keys.alertPartitions.stream().map(RedisKeys.AlertSlot::stream).toList();
      queues
          .put("ingest", lengths(redis, keys.ingestPartitions))
          .put("alert", lengths(redis, alertStreams));
      queues
          .put("ingest_pending", pending(redis, keys.ingestPartitions, ConsumerGroups.ALERTER))
          .put("alert_pending", pending(redis, alertStreams, ConsumerGroups.FORWARDER));
      if (keys.partitions.partitioned()) {
        queues.put("partitions", keys.partitions.count());
      }
      doc.getJsonObject("dlq")
          .put("alerter", length(redis, keys.alerterDlq))
          .put("moog", length(redis, keys.moogDlq))
          .put("dead", length(redis, keys.deadLetters));
      JsonObject drain = new JsonObject();
      for (String n : List.of("alerter", "moog")) {
        Response stored =
            redis
                .send(
                    Request.cmd(io.vertx.redis.client.Command.HGET)
                        .arg(keys.remediationDrain)
                        .arg(n))
                .await();
        drain.put(
            n,
            DrainReport.view(
                DrainReport.parse(stored == null ? null : stored.toString()),
                length(redis, keys.dlq(n))));
      }
      doc.put("dlq_drain", drain);
      String state = get(redis, keys.circuitState);
      doc.put("circuit", state == null ? doc.getString("circuit", "CLOSED") : state);
      doc.put(
          "leaders",
          new JsonObject()
              .put("remediation", get(redis, keys.remediationLeader))
              .put("retention", get(redis, keys.retentionLeader)));
      doc.put("redis", redisHost);
    }
  }

  private static Long length(Redis redis, String key) {
    Response type = redis.send(Request.cmd(io.vertx.redis.client.Command.TYPE).arg(key)).await();
    String t = type == null ? "none" : type.toString();
    return switch (t) {
      case "stream" ->
          redis.send(Request.cmd(io.vertx.redis.client.Command.XLEN).arg(key)).await().toLong();
      case "list" ->
          redis.send(Request.cmd(io.vertx.redis.client.Command.LLEN).arg(key)).await().toLong();
      default -> 0L;
    };
  }

  /** The summed length of a stream's partitions. */
  private static Long lengths(Redis redis, List<String> partitions) {
    long total = 0;
    for (String key : partitions) {
      total += length(redis, key);
    }
    return total;
  }

  /** The summed pending count of a stream's partitions; null when none has the group. */
  private static Long pending(Redis redis, List<String> partitions, String group) {
    Long total = null;
    for (String key : partitions) {
      Long p = pending(redis, key, group);
      if (p != null) {
        total = (total == null ? 0 : total) + p;
      }
    }
    return total;
  }

  private static Long pending(Redis redis, String key, String group) {
    return redis
        .send(Request.cmd(io.vertx.redis.client.Command.XPENDING).arg(key).arg(group))
        .map(r -> r == null ? null : r.get(0).toLong())
        .otherwise((Long) null)
        .await();
  }

  private static String get(Redis redis, String key) {
    Response r = redis.send(Request.cmd(io.vertx.redis.client.Command.GET).arg(key)).await();
    return r == null ? null : r.toString();
  }
}
