package io.mutt.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthTest {

  static final Set<String> PUBLIC =
      Set.of(
          "/health", "/metrics", "/api/v1/version", "/api/v2/version", "/login", "/static/public/");
  static WebFixture web;

  @BeforeAll
  static void start() {
    web = WebFixture.shared();
  }

  /** The router of the running web role, built by the same code. */
  static Router router() {
    WebFixture f = WebFixture.shared();
    return new WebRouter(f.rt().vertx(), f.rt(), new WebMetrics(f.rt().registry())).build();
  }

  static String concrete(String path) {
    String p =
        path.replace(":id", "1")
            .replace(":hostname", "h1")
            .replace(":key", "k1")
            .replace(":name", "alerter")
            .replace(":index", "0")
            .replace(":correlationId", "c1");
    return p.endsWith("/") && p.length() > 1 ? p + "style.css" : p;
  }

  @Test
  void every_route_except_the_public_ones_refuses_anonymous_access() {
    List<String> checked = new ArrayList<>();
    for (Route route : router().getRoutes()) {
      String path = route.getPath();
      if (path == null) {
        continue;
      }
      Set<HttpMethod> methods =
          route.methods() == null || route.methods().isEmpty()
              ? Set.of(HttpMethod.GET)
              : route.methods();
      for (HttpMethod m : methods) {
        HttpResponse<?> res = web.client.requestAbs(m, web.url(concrete(path))).send().await();
        String what =
            m + " " + concrete(path) + " -> " + res.statusCode() + " " + res.bodyAsString();
        if (PUBLIC.contains(path)) {
          assertThat(res.statusCode()).as(what).isNotIn(401, 403);
          assertThat(res.getHeader("Location")).as(what).isNotEqualTo("/login");
        } else if (path.startsWith("/api/")) {
          assertThat(res.statusCode()).as(what).isEqualTo(401);
          assertThat(res.bodyAsJsonObject().getString("error")).as(what).isEqualTo("Unauthorized");
          assertThat(res.bodyAsJsonObject().getString("correlation_id")).as(what).isNotBlank();
        } else {
          assertThat(res.statusCode()).as(what).isEqualTo(302);
          assertThat(res.getHeader("Location")).as(what).isEqualTo("/login");
        }
        checked.add(m + " " + path);
      }
    }
    assertThat(checked)
        .hasSizeGreaterThan(60)
        .contains("GET /api/v2/dlq/:name", "POST /api/v1/rules", "GET /");
  }

  @Test
  void a_wrong_key_in_header_or_query_is_refused_and_the_query_key_works() {
    var wrong =
        web.client.getAbs(web.url("/api/v2/rules")).putHeader("X-API-KEY", "nope").send().await();
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(web.client.getAbs(web.url("/api/v2/rules?api_key=nope")).send().await().statusCode())
        .isEqualTo(401);
    assertThat(
            web.client
                .getAbs(web.url("/api/v2/rules?api_key=" + WebFixture.KEY))
                .send()
                .await()
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void a_login_gives_an_httponly_strict_expiring_cookie_and_session_writes_need_the_csrf_token() {
    var bad =
        web.client
            .postAbs(web.url("/login"))
            .sendForm(MultiMap.caseInsensitiveMultiMap().add("api_key", "nope"))
            .await();
    assertThat(bad.statusCode()).isEqualTo(303);
    assertThat(bad.getHeader("Location")).isEqualTo("/login?error=1");
    assertThat(bad.cookies()).noneMatch(c -> c.startsWith("mutt_session="));

    var form =
        web.client
            .postAbs(web.url("/login"))
            .sendForm(MultiMap.caseInsensitiveMultiMap().add("api_key", WebFixture.KEY))
            .await();
    assertThat(form.statusCode()).isEqualTo(303);
    assertThat(form.getHeader("Location")).isEqualTo("/");
    String setCookie =
        form.cookies().stream()
            .filter(c -> c.startsWith("mutt_session="))
            .findFirst()
            .orElseThrow();
    assertThat(setCookie.toLowerCase())
        .contains("httponly")
        .contains("samesite=strict")
        .contains("path=/")
        .contains("max-age=3600");
    assertThat(setCookie).contains("SameSite=Strict").contains("Path=/").contains("Max-Age=3600");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    assertThat(
            web.client
                .getAbs(web.url("/"))
                .putHeader("Cookie", cookie)
                .send()
                .await()
                .bodyAsString())
        .contains("<html");
    JsonObject session =
        web.client
            .getAbs(web.url("/api/v2/session"))
            .putHeader("Cookie", cookie)
            .send()
            .await()
            .bodyAsJsonObject();
    assertThat(session.getString("actor")).isEqualTo("webui_session:test-web");
    String csrf = session.getString("csrf_token");
    assertThat(csrf).hasSizeGreaterThan(30);

    JsonObject host = new JsonObject().put("hostname", "csrf-lab-1");
    var noToken =
        web.client
            .postAbs(web.url("/api/v2/dev-hosts"))
            .putHeader("Cookie", cookie)
            .sendJsonObject(host)
            .await();
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(noToken.bodyAsJsonObject().getString("error"))
        .isEqualTo("Missing or invalid CSRF token");
    var wrongToken =
        web.client
            .postAbs(web.url("/api/v2/dev-hosts"))
            .putHeader("Cookie", cookie)
            .putHeader("X-CSRF-Token", "x" + csrf)
            .sendJsonObject(host)
            .await();
    assertThat(wrongToken.statusCode()).isEqualTo(403);
    var ok =
        web.client
            .postAbs(web.url("/api/v2/dev-hosts"))
            .putHeader("Cookie", cookie)
            .putHeader("X-CSRF-Token", csrf)
            .sendJsonObject(host)
            .await();
    assertThat(ok.statusCode()).isEqualTo(201);
    assertThat(
            web.lastAudit(
                    "development_hosts", io.mutt.pipeline.validation.RecordIds.of("csrf-lab-1"))
                .getString("changed_by"))
        .isEqualTo("webui_session:test-web");

    var logout =
        web.client
            .postAbs(web.url("/logout"))
            .putHeader("Cookie", cookie)
            .putHeader("X-CSRF-Token", csrf)
            .send()
            .await();
    assertThat(logout.statusCode()).isEqualTo(200);
    assertThat(
            web.client
                .getAbs(web.url("/api/v2/rules"))
                .putHeader("Cookie", cookie)
                .send()
                .await()
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void pages_carry_a_strict_content_security_policy() {
    var login = web.client.getAbs(web.url("/login")).send().await();
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.getHeader("Content-Security-Policy"))
        .contains("script-src 'self'")
        .doesNotContain("unsafe-inline");
    assertThat(login.getHeader("X-Frame-Options")).isEqualTo("DENY");
  }
}
