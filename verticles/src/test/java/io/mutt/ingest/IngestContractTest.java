package io.mutt.ingest;

import static io.mutt.ingest.IngestHttp.EVENT;
import static io.mutt.ingest.IngestHttp.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ingest API of docs/reference/http-api.md: routes, auth, parse and validation answers, ids,
 * headers, counters and metrics, through real HTTP and Redis.
 */
class IngestContractTest {

  static IngestHttp http;

  @BeforeAll
  static void start() {
    http = new IngestHttp(Map.of());
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  private static void assertError(HttpResponse<Buffer> res, int status, String message) {
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(status);
    assertThat(res.getHeader("Content-Type")).isEqualTo("application/json");
    JsonObject body = res.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("error");
    assertThat(body.getString("message")).isEqualTo(message);
    assertThat(body.getString("correlation_id"))
        .isNotBlank()
        .isEqualTo(res.getHeader("X-Correlation-ID"));
  }

  private static void assertErrorStarts(HttpResponse<Buffer> res, int status, String prefix) {
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(status);
    assertThat(res.bodyAsJsonObject().getString("message")).startsWith(prefix);
  }

  @Test
  void a_valid_event_is_queued_on_each_ingest_path_with_the_version_headers() {
    for (String path : List.of("/ingest", "/api/v2/ingest", "/api/v1/ingest")) {
      long before = http.xlen();
      HttpResponse<Buffer> res = http.ingestAt(path, EVENT);
      assertThat(res.statusCode()).as(path).isEqualTo(200);
      JsonObject body = res.bodyAsJsonObject();
      assertThat(body.getString("status")).isEqualTo("queued");
      assertThat(body.getString("correlation_id")).matches("[0-9a-f-]{36}");
      assertThat(body.getLong("queue_depth")).isGreaterThanOrEqualTo(1);
      assertThat(http.xlen()).isEqualTo(before + 1);
      assertThat(res.getHeader("X-API-Version")).isEqualTo("2.5");
      assertThat(res.getHeader("X-API-Supported-Versions")).isEqualTo("2.5, 2.0, 1.0");
      boolean v1 = path.startsWith("/api/v1");
      assertThat(res.getHeader("X-API-Deprecated")).isEqualTo(v1 ? "true" : "false");
      assertThat(res.getHeader("X-API-Sunset")).isEqualTo(v1 ? "2026-01-01" : null);
    }
    assertThat(
            http.ingestAt("/api/v1/ingest", EVENT, "Accept-Version", "2.0")
                .getHeader("X-API-Version"))
        .isEqualTo("2.0");
    assertThat(http.ingestAt("/api/v2/ingest/", EVENT).statusCode())
        .as("trailing slash")
        .isEqualTo(200);
    assertThat(http.ingestAt("/ingest?api_version=1.0", EVENT).getHeader("X-API-Version"))
        .isEqualTo("1.0");
  }

  @Test
  void the_queued_event_is_the_clients_event_with_correlation_and_event_ids_stamped() {
    String event =
        "{\"hostname\":\"r9\",\"message\":\"Störung 🚨\",\"timestamp\":\"t\",\"syslog_severity\":3,"
            + "\"nested\":{\"a\":[1,2,{\"b\":null}]},\"_correlation_id\":\"client-value\"}";
    HttpResponse<Buffer> res = http.ingest(event, "X-Correlation-ID", "req-abc-123");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.bodyAsJsonObject().getString("correlation_id")).isEqualTo("req-abc-123");
    assertThat(res.getHeader("X-Correlation-ID")).isEqualTo("req-abc-123");
    JsonObject queued =
        http.queued().stream()
            .filter(e -> "r9".equals(e.getString("hostname")))
            .findFirst()
            .orElseThrow();
    assertThat(queued.getString("_correlation_id")).isEqualTo("req-abc-123");
    assertThat(queued.getString("_event_id")).isNotBlank();
    JsonObject expected =
        new JsonObject(event)
            .put("_correlation_id", "req-abc-123")
            .put("_event_id", queued.getString("_event_id"));
    assertThat(queued).isEqualTo(expected);
  }

  @Test
  void every_event_gets_its_own_event_id_and_a_generated_correlation_id_without_the_header() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      ids.add(http.ingest(EVENT).bodyAsJsonObject().getString("correlation_id"));
    }
    assertThat(ids).hasSize(5);
    List<JsonObject> queued = http.queued();
    assertThat(queued.stream().map(e -> e.getString("_event_id")).distinct().count())
        .isEqualTo(queued.size());
  }

  @Test
  void a_missing_or_wrong_key_is_401_and_counted_as_auth() {
    double before = http.requests("fail", "auth");
    long depth = http.xlen();
    assertError(http.post("/ingest", Buffer.buffer(EVENT)), 401, "Unauthorized");
    assertError(
        http.post("/api/v2/ingest", Buffer.buffer(EVENT), "X-API-KEY", "wrong"),
        401,
        "Unauthorized");
    assertError(
        http.post("/api/v2/ingest?api_key=" + KEY, Buffer.buffer(EVENT)), 401, "Unauthorized");
    assertThat(http.xlen()).isEqualTo(depth);
    assertThat(http.requests("fail", "auth")).isEqualTo(before + 3);
  }

  @Test
  void bodies_that_are_not_one_json_object_or_array_are_400_invalid_json() {
    long depth = http.xlen();
    assertError(http.ingest(""), 400, "Invalid JSON: empty body");
    assertError(
        http.ingest("null"),
        400,
        "Invalid JSON: expected a JSON object or an array of objects, got null");
    assertError(
        http.ingest("\"text\""),
        400,
        "Invalid JSON: expected a JSON object or an array of objects, got string");
    assertErrorStarts(http.ingest("{\"hostname\": "), 400, "Invalid JSON: Unexpected end-of-input");
    assertErrorStarts(http.ingest("hostname=r1"), 400, "Invalid JSON: ");
    assertErrorStarts(
        http.ingest(EVENT + EVENT), 400, "Invalid JSON: unexpected content after the JSON value");
    assertErrorStarts(
        http.ingest(EVENT.replace("}", ",\"d\":" + "[".repeat(200) + "]".repeat(200) + "}")),
        400,
        "Invalid JSON: nesting deeper than 64 levels");
    byte[] latin1 = EVENT.replace("boom", "Störung").getBytes(StandardCharsets.ISO_8859_1);
    assertErrorStarts(
        http.post("/ingest", Buffer.buffer(latin1), "X-API-KEY", KEY),
        400,
        "Invalid JSON: Invalid UTF-8");
    byte[] utf16 = EVENT.getBytes(StandardCharsets.UTF_16);
    assertErrorStarts(
        http.post("/ingest", Buffer.buffer(utf16), "X-API-KEY", KEY),
        400,
        "Invalid JSON: the body must be UTF-8");
    assertThat(http.xlen()).isEqualTo(depth);
  }

  @Test
  void json_is_parsed_whatever_the_content_type_says() {
    assertThat(http.ingest(EVENT, "Content-Type", "text/plain").statusCode()).isEqualTo(200);
    assertThat(http.ingest(EVENT, "Content-Type", "application/x-www-form-urlencoded").statusCode())
        .isEqualTo(415);
  }

  @Test
  void missing_required_fields_are_400_with_the_originals_message_in_config_order() {
    long depth = http.xlen();
    assertError(
        http.ingest("{\"message\":\"m\"}"),
        400,
        "Missing required fields: ['hostname', 'timestamp']");
    assertError(
        http.ingest("{}"), 400, "Missing required fields: ['hostname', 'message', 'timestamp']");
    assertThat(http.xlen()).isEqualTo(depth);
  }

  @Test
  void numbers_or_objects_where_text_is_expected_are_400_naming_the_field() {
    assertError(
        http.ingest("{\"hostname\":42,\"message\":\"m\",\"timestamp\":\"t\"}"),
        400,
        "Invalid field 'hostname': must be a string, got number");
    assertError(
        http.ingest("{\"hostname\":\"h\",\"message\":{\"x\":1},\"timestamp\":\"t\"}"),
        400,
        "Invalid field 'message': must be a string, got object");
    assertError(
        http.ingest("{\"hostname\":\"h\",\"message\":\"m\",\"timestamp\":1731240000}"),
        400,
        "Invalid field 'timestamp': must be a string, got number");
  }

  @Test
  void a_wrong_method_is_405_in_json_with_allow() {
    HttpResponse<Buffer> res =
        http.request(HttpMethod.GET, "/api/v2/ingest", MultiMap.caseInsensitiveMultiMap());
    assertError(res, 405, "Method Not Allowed - use POST with a JSON body");
    assertThat(res.getHeader("Allow")).isEqualTo("POST");
    assertThat(
            http.request(HttpMethod.PUT, "/ingest", MultiMap.caseInsensitiveMultiMap())
                .statusCode())
        .isEqualTo(405);
    assertThat(
            http.request(HttpMethod.DELETE, "/health", MultiMap.caseInsensitiveMultiMap())
                .statusCode())
        .isEqualTo(405);
  }

  @Test
  void an_unknown_path_is_404_in_json() {
    HttpResponse<Buffer> res =
        http.request(HttpMethod.GET, "/nope", MultiMap.caseInsensitiveMultiMap());
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(res.bodyAsJsonObject().getString("message")).isEqualTo("Not Found");
  }

  @Test
  void multipart_bodies_and_unknown_content_codings_are_415() {
    assertError(
        http.ingest(EVENT, "Content-Type", "multipart/form-data; boundary=xyz"),
        415,
        "Unsupported Media Type - send one JSON event, a JSON array of events, or application/x-ndjson");
    assertError(
        http.ingest(EVENT, "Content-Encoding", "br"),
        415,
        "Unsupported Content-Encoding - send identity or gzip");
  }

  @Test
  void info_health_and_metrics_need_no_key() {
    JsonObject info =
        http.request(HttpMethod.GET, "/", MultiMap.caseInsensitiveMultiMap()).bodyAsJsonObject();
    assertThat(info.getString("service")).isEqualTo("MUTT Ingestor Service");
    assertThat(info.getJsonObject("endpoints").fieldNames())
        .containsExactlyInAnyOrder("ingest", "health", "metrics", "info");
    JsonObject health =
        http.request(HttpMethod.GET, "/health", MultiMap.caseInsensitiveMultiMap())
            .bodyAsJsonObject();
    JsonObject topology = (JsonObject) health.remove("redis_topology");
    assertThat(topology.getString("mode")).isEqualTo("standalone");
    assertThat(topology.getJsonArray("masters")).hasSize(1);
    assertThat(health)
        .isEqualTo(
            new JsonObject()
                .put("service", "mutt-ingestor")
                .put("version", "2.5")
                .put("status", "healthy")
                .put("redis", "connected")
                .put("secrets", "ok"));
    String metrics = http.scrape();
    assertThat(metrics)
        .contains(
            "mutt_ingest_queue_depth",
            "mutt_ingest_latency_seconds_bucket{le=\"0.001\"}",
            "mutt_ingest_latency_seconds_bucket{le=\"5.0\"}",
            "mutt_ingest_rate_limit_hits_total");
  }

  @Test
  void admin_config_needs_the_key_and_shows_settings_without_secrets() {
    assertThat(
            http.request(HttpMethod.GET, "/admin/config", MultiMap.caseInsensitiveMultiMap())
                .statusCode())
        .isEqualTo(401);
    http.rt().dynamic().set("max_ingest_queue_size", "500000").await();
    HttpResponse<Buffer> res =
        http.request(
            HttpMethod.GET,
            "/admin/config",
            MultiMap.caseInsensitiveMultiMap().add("X-API-KEY", KEY));
    assertThat(res.statusCode()).isEqualTo(200);
    JsonObject body = res.bodyAsJsonObject();
    assertThat(body.getBoolean("dynamic_config_enabled")).isTrue();
    assertThat(body.getJsonObject("static").getString("REQUIRED_FIELDS"))
        .isEqualTo("hostname,message,timestamp");
    assertThat(body.getJsonObject("dynamic").getString("max_ingest_queue_size"))
        .isEqualTo("500000");
    assertThat(res.bodyAsString())
        .doesNotContain(KEY, "test-webui-key-0123456789", "test-moog-key-0123456789")
        .doesNotContain("INGEST_API_KEY", "WEBUI_API_KEY");
    http.redis(
        Request.cmd(Command.DEL).arg(http.rt().keys().configPrefix + "max_ingest_queue_size"));
  }

  @Test
  void accepted_events_bump_the_minute_hour_and_day_counters_with_their_ttls() {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    String prefix = http.rt().keys().metricsPrefix;
    String minute = prefix + ":1m:" + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(now);
    String hour = prefix + ":1h:" + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").format(now);
    String day = prefix + ":24h:" + DateTimeFormatter.ofPattern("yyyy-MM-dd").format(now);
    long hourBefore = counter(hour);
    assertThat(http.ingest("[" + EVENT + "," + EVENT + "]").statusCode()).isEqualTo(200);
    assertThat(http.ingest(EVENT).statusCode()).isEqualTo(200);
    assertThat(counter(hour)).isEqualTo(hourBefore + 3);
    assertThat(counter(day)).isGreaterThanOrEqualTo(3);
    if (minute.equals(
        prefix
            + ":1m:"
            + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
                .format(ZonedDateTime.now(ZoneOffset.UTC)))) {
      assertThat(counter(minute)).isGreaterThanOrEqualTo(3);
      assertThat(ttl(minute)).isBetween(7000L, 7200L);
    }
    assertThat(ttl(hour)).isBetween(172000L, 172800L);
    assertThat(ttl(day)).isBetween(2591000L, 2592000L);
  }

  private static long counter(String key) {
    var r = http.redis(Request.cmd(Command.GET).arg(key));
    return r == null ? 0 : r.toLong();
  }

  private static long ttl(String key) {
    return http.redis(Request.cmd(Command.TTL).arg(key)).toLong();
  }

  @Test
  void every_outcome_moves_its_requests_counter_and_the_latency_histogram() {
    String[][] outcomes = {
      {"success", ""},
      {"fail", "auth"},
      {"fail", "json"},
      {"fail", "validation"},
      {"fail", "too_large"},
      {"fail", "unsupported_media_type"},
      {"fail", "method_not_allowed"}
    };
    String before = http.scrape();
    double latencyBefore = IngestHttp.sample(before, "mutt_ingest_latency_seconds_count");
    http.ingest(EVENT);
    http.post("/ingest", Buffer.buffer(EVENT), "X-API-KEY", "nope");
    http.ingest("{");
    http.ingest("{\"hostname\":\"h\"}");
    http.ingest("x".repeat(11 * 1024 * 1024));
    http.ingest(EVENT, "Content-Type", "multipart/mixed");
    http.request(HttpMethod.PATCH, "/ingest", MultiMap.caseInsensitiveMultiMap());
    String after = http.scrape();
    for (String[] o : outcomes) {
      String[] labels = {"status=\"" + o[0] + "\"", "reason=\"" + o[1] + "\""};
      assertThat(
              IngestHttp.sample(after, "mutt_ingest_requests_total", labels)
                  - IngestHttp.sample(before, "mutt_ingest_requests_total", labels))
          .as(o[0] + "/" + o[1])
          .isEqualTo(1.0);
    }
    assertThat(IngestHttp.sample(after, "mutt_ingest_latency_seconds_count") - latencyBefore)
        .isEqualTo(7.0);
  }
}
