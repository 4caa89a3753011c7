package io.mutt.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenApiTest {

  static WebFixture web;
  static String docsFile;

  @BeforeAll
  static void start() throws Exception {
    web = WebFixture.shared();
    docsFile =
        Files.readString(
            Path.of(System.getProperty("mutt.repo.root", ".."), "docs", "openapi.json"));
  }

  @Test
  void every_route_of_the_router_is_documented_with_its_method() {
    JsonObject paths = new JsonObject(docsFile).getJsonObject("paths");
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Route route : AuthTest.router().getRoutes()) {
      String path = route.getPath();
      if (path == null || path.endsWith("/") && path.length() > 1) {
        continue;
      }
      String documented = path.replaceAll(":([A-Za-z]+)", "{$1}");
      Set<HttpMethod> methods =
          route.methods() == null || route.methods().isEmpty()
              ? Set.of(HttpMethod.GET)
              : route.methods();
      for (HttpMethod m : methods) {
        checked++;
        JsonObject item = paths.getJsonObject(documented);
        if (item == null || !item.containsKey(m.name().toLowerCase(Locale.ROOT))) {
          missing.add(m + " " + documented);
        }
      }
    }
    assertThat(missing).as("routes missing from docs/openapi.json").isEmpty();
    assertThat(checked).isGreaterThan(50);
  }

  @Test
  void the_served_and_packed_document_is_the_one_in_docs() throws Exception {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(OpenApiDoc.RESOURCE)) {
      assertThat(in).as("classpath " + OpenApiDoc.RESOURCE).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(docsFile);
    }
    var served = web.get("/api/openapi.json");
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.bodyAsString()).isEqualTo(docsFile);
    assertThat(served.bodyAsJsonObject().getString("openapi")).startsWith("3.");
  }
}
