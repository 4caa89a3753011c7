package io.mutt.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.config.MuttConfig;
import io.mutt.contract.CounterKeys;
import io.mutt.contract.RedisKeys;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.StandIn;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Holds docs/reference/ against the code: every setting of conf/mutt.yaml, every metric a running
 * MUTT with every role exports, and every Redis key built by RedisKeys and CounterKeys must be
 * named on its reference page.
 */
class ReferenceDocsTest {

  private static final Path ROOT = Path.of(System.getProperty("mutt.repo.root", ".."));

  @Test
  void every_key_of_the_default_configuration_is_documented() throws IOException {
    String doc = read("docs/reference/configuration.md");
    List<String> keys = new ArrayList<>();
    Matcher m =
        Pattern.compile("(?m)^([A-Z][A-Z0-9_]+):")
            .matcher(Files.readString(ROOT.resolve("conf/mutt.yaml")));
    while (m.find()) {
      keys.add(m.group(1));
    }

    assertThat(keys).hasSizeGreaterThan(100);
    assertThat(keys.stream().filter(k -> !doc.contains("`" + k + "`")).toList())
        .as("keys of conf/mutt.yaml missing from docs/reference/configuration.md")
        .isEmpty();
  }

  @Test
  void every_metric_a_running_mutt_exports_is_documented() throws IOException {
    String doc = read("docs/reference/metrics.md");
    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx);
    try (MuttTestApp mutt =
            MuttTestApp.start("all", Map.of("PROMETHEUS_URL", "http://127.0.0.1:1"));
        StandIn moog = mutt.standIn()) {
      // One event end to end, so that meters registered on first use exist too.
      int status =
          client
              .postAbs(mutt.ingestUrl() + "/api/v2/ingest")
              .putHeader("X-API-KEY", mutt.settings.get("INGEST_API_KEY"))
              .sendJsonObject(
                  new JsonObject()
                      .put("hostname", "router1")
                      .put("message", "LINK-DOWN ERROR on Gi0/1")
                      .put("timestamp", Instant.now().toString()))
              .await()
              .statusCode();
      assertThat(status).isEqualTo(200);
      Eventually.until(
          Duration.ofSeconds(20), "the event reaches the stand-in", () -> moog.count() >= 1);
      String text = client.getAbs(mutt.webUrl() + "/metrics").send().await().bodyAsString();

      TreeSet<String> exported = new TreeSet<>();
      Matcher m = Pattern.compile("(?m)^# TYPE (\\S+) ").matcher(text);
      while (m.find()) {
        exported.add(m.group(1));
      }

      assertThat(exported).contains("mutt_ingest_requests_total", "mutt_moog_requests_total");
      assertThat(
              exported.stream()
                  .filter(
                      name ->
                          !doc.contains("`" + name + "`")
                              && !(name.endsWith("_max")
                                  && doc.contains(
                                      "`" + name.substring(0, name.length() - 4) + "`")))
                  .toList())
          .as("metrics exported but missing from docs/reference/metrics.md")
          .isEmpty();
    } finally {
      client.close();
      vertx.close();
    }
  }

  @Test
  void every_redis_key_the_contract_builds_is_documented() throws Exception {
    String doc = read("docs/reference/redis-keys.md");
    List<Pattern> documented = new ArrayList<>();
    List<String> documentedNames = new ArrayList<>();
    Matcher m = Pattern.compile("`(\\{?mutt[^`]*)`").matcher(doc);
    while (m.find()) {
      documentedNames.add(m.group(1));
      StringBuilder regex = new StringBuilder();
      for (String part : m.group(1).split("(?=<)|(?<=>)")) {
        regex.append(part.startsWith("<") ? ".+" : Pattern.quote(part));
      }
      documented.add(Pattern.compile(regex.toString()));
    }
    RedisKeys keys = new RedisKeys(new MuttConfig(new JsonObject()));
    CounterKeys counters = keys.counters;
    Instant at = Instant.parse("2025-11-10T12:34:56Z");
    List<String> built =
        new ArrayList<>(
            List.of(
                counters.minute(at),
                counters.hour(at),
                counters.day(at),
                counters.minutePattern(),
                counters.sourceMinute("syslog", at),
                counters.sourceDay("syslog", at),
                counters.sourceTotal("syslog")));
    for (Field f : RedisKeys.class.getFields()) {
      if (f.getType() == String.class && !Modifier.isStatic(f.getModifiers())) {
        built.add((String) f.get(keys));
      }
    }
    RedisKeys partitioned =
        new RedisKeys(new MuttConfig(new JsonObject().put("REDIS_PARTITIONS", "3")));
    built.addAll(partitioned.ingestPartitions);
    for (RedisKeys.AlertSlot slot : partitioned.alertPartitions) {
      built.addAll(
          List.of(
              slot.stream(),
              slot.seenBucket(300, 5_893_000),
              slot.coalescePrefix() + "<key>",
              slot.openWindows(60_000, 29_465_000),
              slot.coalesceDue()));
    }
    built.add(partitioned.unhandledPrefix("host") + ":host:0123456789abcdef");
    built.add(partitioned.partitionMembers("alerter"));
    built.add(partitioned.partitionOwner("forwarder", 2));

    assertThat(built).hasSizeGreaterThan(20);
    assertThat(
            built.stream()
                .filter(
                    key ->
                        documented.stream().noneMatch(p -> p.matcher(key).matches())
                            && documentedNames.stream().noneMatch(d -> d.startsWith(key)))
                .toList())
        .as("keys built by RedisKeys/CounterKeys missing from docs/reference/redis-keys.md")
        .isEmpty();
  }

  private static String read(String path) throws IOException {
    return Files.readString(ROOT.resolve(path));
  }
}
