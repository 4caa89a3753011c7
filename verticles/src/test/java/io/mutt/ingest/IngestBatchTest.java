package io.mutt.ingest;

import static io.mutt.ingest.IngestHttp.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batch intake (ADR 0007): JSON arrays, NDJSON, gzip, all-or-nothing validation and the size
 * limits.
 */
@org.junit.jupiter.api.Timeout(60)
class IngestBatchTest {

  static IngestHttp http;

  @BeforeAll
  static void start() {
    http =
        new IngestHttp(Map.of("INGEST_MAX_BATCH_EVENTS", "50", "INGEST_MAX_BODY_BYTES", "65536"));
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  static String event(int i) {
    return "{\"hostname\":\"host-"
        + i
        + "\",\"message\":\"msg "
        + i
        + "\",\"timestamp\":\"2025-11-10T12:00:00Z\"}";
  }

  static String array(int n) {
    return IntStream.range(0, n)
        .mapToObj(IngestBatchTest::event)
        .collect(Collectors.joining(",", "[", "]"));
  }

  static String ndjson(int n) {
    return IntStream.range(0, n)
        .mapToObj(IngestBatchTest::event)
        .collect(Collectors.joining("\n", "", "\n"));
  }

  static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(s.getBytes());
    }
    return out.toByteArray();
  }

  private static List<JsonObject> queuedFrom(String hostPrefix) {
    return http.queued().stream()
        .filter(e -> e.getString("hostname", "").startsWith(hostPrefix))
        .toList();
  }

  @Test
  void a_json_array_is_queued_whole_with_one_correlation_id_per_event_in_order() {
    long before = http.xlen();
    HttpResponse<Buffer> res =
        http.ingest(array(20).replace("host-", "arr-"), "X-Correlation-ID", "batch-1");
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    JsonObject body = res.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("queued");
    assertThat(body.getInteger("count")).isEqualTo(20);
    assertThat(body.getString("correlation_id")).isEqualTo("batch-1");
    JsonArray ids = body.getJsonArray("correlation_ids");
    assertThat(ids).hasSize(20);
    assertThat(ids.stream().distinct().count()).isEqualTo(20);
    assertThat(body.getLong("queue_depth")).isGreaterThanOrEqualTo(before + 20);
    assertThat(http.xlen()).isEqualTo(before + 20);
    List<JsonObject> queued = queuedFrom("arr-");
    for (int i = 0; i < 20; i++) {
      assertThat(queued.get(i).getString("hostname")).isEqualTo("arr-" + i);
      assertThat(queued.get(i).getString("_correlation_id")).isEqualTo(ids.getString(i));
      assertThat(queued.get(i).getString("_event_id")).isNotBlank();
    }
  }

  @Test
  void ndjson_records_are_queued_as_events() {
    long before = http.xlen();
    HttpResponse<Buffer> res =
        http.ingest(ndjson(7).replace("host-", "nd-"), "Content-Type", "application/x-ndjson");
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    assertThat(res.bodyAsJsonObject().getInteger("count")).isEqualTo(7);
    assertThat(http.xlen()).isEqualTo(before + 7);
    assertThat(queuedFrom("nd-"))
        .extracting(e -> e.getString("hostname"))
        .containsExactly("nd-0", "nd-1", "nd-2", "nd-3", "nd-4", "nd-5", "nd-6");
  }

  @Test
  void gzip_bodies_are_decompressed_for_single_events_and_batches() throws IOException {
    long before = http.xlen();
    HttpResponse<Buffer> one =
        http.post(
            "/ingest",
            Buffer.buffer(gzip(event(1).replace("host-", "gz-"))),
            "X-API-KEY",
            KEY,
            "Content-Encoding",
            "gzip");
    assertThat(one.statusCode()).as(one.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> many =
        http.post(
            "/ingest",
            Buffer.buffer(gzip(ndjson(5).replace("host-", "gz-"))),
            "X-API-KEY",
            KEY,
            "Content-Encoding",
            "gzip",
            "Content-Type",
            "application/x-ndjson");
    assertThat(many.statusCode()).as(many.bodyAsString()).isEqualTo(200);
    assertThat(http.xlen()).isEqualTo(before + 6);
  }

  @Test
  void one_bad_item_refuses_the_whole_batch_naming_each_bad_index_and_field() {
    long before = http.xlen();
    String body =
        "["
            + event(0)
            + ",{\"message\":\"m\",\"timestamp\":\"t\"},"
            + event(2)
            + ",{\"hostname\":7,\"message\":\"m\",\"timestamp\":\"t\"},\"text\"]";
    HttpResponse<Buffer> res = http.ingest(body);
    assertThat(res.statusCode()).isEqualTo(400);
    JsonObject b = res.bodyAsJsonObject();
    assertThat(b.getString("status")).isEqualTo("error");
    assertThat(b.getString("message"))
        .isEqualTo("Invalid batch: 3 of 5 events refused, nothing was queued");
    assertThat(b.getInteger("error_count")).isEqualTo(3);
    assertThat(b.getJsonArray("errors"))
        .containsExactly(
            new JsonObject()
                .put("index", 1)
                .put("field", "hostname")
                .put("error", "missing required field"),
            new JsonObject()
                .put("index", 3)
                .put("field", "hostname")
                .put("error", "must be a string, got number"),
            new JsonObject().put("index", 4).put("error", "not a JSON object (got string)"));
    assertThat(http.xlen()).isEqualTo(before);
  }

  @Test
  void a_broken_ndjson_line_refuses_the_request_as_invalid_json() {
    long before = http.xlen();
    HttpResponse<Buffer> res =
        http.ingest(
            event(0) + "\n{\"hostname\" \"x\"}\n" + event(2),
            "Content-Type",
            "application/x-ndjson");
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.bodyAsJsonObject().getString("message"))
        .startsWith("Invalid JSON: ")
        .endsWith("line 2, column 13");
    assertThat(http.xlen()).isEqualTo(before);
  }

  @Test
  void more_events_than_allowed_is_413_and_nothing_is_queued() {
    long before = http.xlen();
    HttpResponse<Buffer> res = http.ingest(array(51));
    assertThat(res.statusCode()).isEqualTo(413);
    assertThat(res.bodyAsJsonObject().getString("message"))
        .isEqualTo("Payload Too Large - more than 50 events in one request");
    assertThat(res.bodyAsJsonObject().getInteger("limit_events")).isEqualTo(50);
    assertThat(http.ingest(array(50)).statusCode()).isEqualTo(200);
    assertThat(http.xlen()).isEqualTo(before + 50);
  }

  @Test
  void a_body_over_the_byte_limit_is_413_whether_announced_or_streamed() throws Exception {
    long before = http.xlen();
    String big = "[" + event(0).replace("msg 0", "x".repeat(70_000)) + "]";
    HttpResponse<Buffer> res = http.ingest(big);
    assertThat(res.statusCode()).isEqualTo(413);
    assertThat(res.bodyAsJsonObject().getString("message"))
        .startsWith("Payload Too Large - body of");
    assertThat(res.bodyAsJsonObject().getLong("limit_bytes")).isEqualTo(65536);

    HttpClient client = http.vertx.createHttpClient();
    Map.Entry<Integer, Buffer> streamed =
        client
            .request(
                new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setAbsoluteURI(http.mutt.ingestUrl() + "/ingest")
                    .putHeader("X-API-KEY", KEY))
            .compose(
                req -> {
                  req.setChunked(true);
                  var response =
                      req.response().compose(r -> r.body().map(b -> Map.entry(r.statusCode(), b)));
                  for (int i = 0; i < 10; i++) {
                    req.write(Buffer.buffer("x".repeat(10_000)));
                  }
                  req.end();
                  return response;
                })
            .await(10, TimeUnit.SECONDS);
    assertThat(streamed.getKey()).isEqualTo(413);
    assertThat(streamed.getValue().toJsonObject().getString("message"))
        .isEqualTo("Payload Too Large - body exceeds the limit of 65536 bytes");
    client.close();
    assertThat(http.xlen()).isEqualTo(before);
  }

  @Test
  void a_gzip_bomb_is_413_and_corrupt_gzip_is_400() throws IOException {
    long before = http.xlen();
    HttpResponse<Buffer> bomb =
        http.post(
            "/ingest",
            Buffer.buffer(gzip(" ".repeat(5_000_000) + event(0))),
            "X-API-KEY",
            KEY,
            "Content-Encoding",
            "gzip");
    assertThat(bomb.statusCode()).isEqualTo(413);
    assertThat(bomb.bodyAsJsonObject().getString("message"))
        .isEqualTo("Payload Too Large - decompressed body exceeds the limit of 65536 bytes");
    HttpResponse<Buffer> corrupt =
        http.post("/ingest", Buffer.buffer(event(0)), "X-API-KEY", KEY, "Content-Encoding", "gzip");
    assertThat(corrupt.statusCode()).isEqualTo(400);
    assertThat(corrupt.bodyAsJsonObject().getString("message"))
        .startsWith("Invalid JSON: the gzip body could not be decompressed");
    assertThat(http.xlen()).isEqualTo(before);
  }
}
