package io.mutt.web;

import io.mutt.alerter.ClearingSettings;
import io.mutt.config.MuttConfig;
import io.mutt.db.DatabaseBreaker;
import io.mutt.http.ApiKeys;
import io.mutt.http.ApiVersions;
import io.mutt.http.AuthFailureLimiter;
import io.mutt.http.Json;
import io.mutt.http.ServerTls;
import io.mutt.runtime.MuttRuntime;
import io.mutt.web.backtest.BacktestApi;
import io.mutt.web.slo.LocalSource;
import io.mutt.web.slo.PrometheusSource;
import io.mutt.web.slo.SloApi;
import io.mutt.web.slo.SloService;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.ClusteredSessionStore;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.ext.web.sstore.SessionStore;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.List;

/**
 * The route table of the web role (docs/reference/http-api.md): public routes first (health,
 * metrics, version, login page and its assets), then authentication and CSRF, then the dashboard
 * pages and every API under /api/v1 and /api/v2 (v2 also carries the rule tester, DLQ, event-trace,
 * session and live endpoints). Everything not listed answers 404.
 */
public final class WebRouter {

  static final List<String> VERSIONS = List.of("/api/v1", "/api/v2");
  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

  private final Vertx vertx;
  private final MuttRuntime rt;
  private final WebMetrics metrics;
  private final LiveFeed live;
  private final WebClient client;

  private final DatabaseBreaker database;
  private final AuthFailureLimiter failures;

  public WebRouter(Vertx vertx, MuttRuntime rt, WebMetrics metrics) {
    this(
        vertx,
        rt,
        metrics,
        WebModule.breaker(vertx, rt),
        AuthFailureLimiter.from(rt.config(), rt.registry(), "web"));
  }

  public WebRouter(
      Vertx vertx,
      MuttRuntime rt,
      WebMetrics metrics,
      DatabaseBreaker database,
      AuthFailureLimiter failures) {
    this.database = database;
    this.failures = failures;
    this.vertx = vertx;
    this.rt = rt;
    this.metrics = metrics;
    MuttConfig c = rt.config();
    this.client = WebClient.create(vertx);
    PrometheusSource prometheus =
        new PrometheusSource(
            vertx,
            client,
            c.string("PROMETHEUS_URL", "http://localhost:9090"),
            c.longValue("PROMETHEUS_RETRY_DELAY_MS", 2000));
    LocalSource local =
        new LocalSource(rt.redis(), rt.registry(), rt.keys().sloCounters, rt.keys().counters);
    this.slo =
        new SloService(
            prometheus, local, rt.dynamic(), c.longValue("PROMETHEUS_DOWN_BACKOFF", 60) * 1000);
    this.live = new LiveFeed(vertx, new LiveSnapshot(rt, slo));
  }

  private final SloService slo;

  public LiveFeed live() {
    return live;
  }

  public Router build() {
    MuttConfig c = rt.config();
    SessionStore store =
        vertx.isClustered() ? ClusteredSessionStore.create(vertx) : LocalSessionStore.create(vertx);
    WebAuth auth =
        new WebAuth(
            ApiKeys.live(rt.secrets(), "WEBUI_API_KEY"),
            failures,
            store,
            c.atLeast("WEBUI_MAX_SESSIONS", 10_000, 1));
    Router r = Router.router(vertx);
    r.route().handler(WebRouter::securityHeaders).handler(Http::correlation);
    r.route("/api/*").handler(ApiVersions::handler);

    // public
    r.get("/health").handler(new HealthApi(rt)::handle);
    ServerTls tls = ServerTls.from(c, "WEBUI");
    r.get("/metrics")
        .handler(tls::metricsGuard)
        .handler(PrometheusScrapingHandler.create(rt.registry()));
    VERSIONS.forEach(v -> r.get(v + "/version").handler(VersionApi::handle));
    r.route().handler(sessions(c, store));
    r.get("/login").handler(ctx -> page(ctx, "login.html"));
    r.post("/login")
        .handler(BodyHandler.create(false).setBodyLimit(16 * 1024))
        .handler(auth::login);
    r.get("/static/public/*").handler(StaticHandler.create("webroot/static/public"));

    // everything below needs an API key or a session (and CSRF for session writes)
    r.route().handler(auth::authenticate).handler(auth::csrf);
    r.post("/logout").handler(auth::logout);
    r.get("/").handler(ctx -> page(ctx, "index.html"));
    r.get("/audit").handler(ctx -> page(ctx, "audit.html"));
    r.get("/static/app/*").handler(StaticHandler.create("webroot/static/app"));
    r.get("/api/openapi.json").handler(OpenApiDoc::handle);
    new DatabaseGate(database).mount(r, VERSIONS);
    r.route("/api/*")
        .handler(
            BodyHandler.create(false).setBodyLimit(c.longValue("WEBUI_MAX_BODY_BYTES", 1 << 20)))
        .handler(InputGuard::handle);

    RulesApi rules = new RulesApi(vertx, rt.pg(), metrics);
    RuleTester tester =
        new RuleTester(
            vertx,
            rt.pg(),
            c.atLeast(
                "RULE_MATCH_MAX_CHARS",
                io.mutt.pipeline.alerting.EventTriage.DEFAULT_MAX_MATCH_CHARS,
                1));
    HostsApi hosts = new HostsApi(vertx, rt.pg());
    TeamsApi teams = new TeamsApi(vertx, rt.pg());
    EventAuditApi eventAudit = new EventAuditApi(rt.pg(), c.intValue("AUDIT_LOG_PAGE_SIZE", 50));
    ConfigAuditApi configAudit = new ConfigAuditApi(rt.pg(), metrics);
    ConfigApi config = new ConfigApi(rt);
    DashboardMetricsApi dashboard =
        new DashboardMetricsApi(
            rt.redis(), rt.keys(), c.longValue("METRICS_CACHE_TTL", 5), metrics);
    SloApi sloApi = new SloApi(slo, metrics);
    for (String v : VERSIONS) {
      dashboard.mount(r, v);
      sloApi.mount(r, v);
      configAudit.mount(r, v);
      config.mount(r, v);
      rules.mount(r, v);
      eventAudit.mount(r, v);
      hosts.mount(r, v);
      teams.mount(r, v);
    }
    tester.mount(r, "/api/v2");
    new DlqApi(rt).mount(r, "/api/v2");
    new EventsApi(rt, c.intValue("WEBUI_TRACE_SCAN_LIMIT", 1000)).mount(r, "/api/v2");
    new MaintenanceWindowsApi(vertx, rt.pg()).mount(r, "/api/v2");
    ClearingSettings clearing = ClearingSettings.from(c);
    new BacktestApi(
            vertx,
            rt.pg(),
            rt.redis(),
            rt.keys().counters,
            c.intValue("BACKTEST_MAX_EXAMPLES", 20),
            () -> clearing.defaults(rt.dynamic()),
            clearing.stateTtlMs())
        .mount(r, "/api/v2");
    new SilencesApi(
            vertx, rt.pg(), java.time.Duration.ofHours(c.longValue("SILENCE_MAX_HOURS", 168)))
        .mount(r, "/api/v2");
    r.get("/api/v2/session").handler(auth::session);
    r.get("/api/v2/live").handler(live::handle);

    r.route().last().handler(WebRouter::notFound);
    r.route().failureHandler(WebRouter::failure);
    return r;
  }

  private SessionHandler sessions(MuttConfig c, SessionStore store) {
    long timeoutSeconds = c.longValue("WEBUI_SESSION_TIMEOUT", 3600);
    return SessionHandler.create(store)
        .setSessionCookieName(WebAuth.SESSION_COOKIE)
        .setCookieHttpOnlyFlag(true)
        .setCookieSameSite(CookieSameSite.STRICT)
        .setSessionCookiePath("/")
        .setCookieSecureFlag(
            ServerTls.from(c, "WEBUI").enabled() || c.bool("WEBUI_COOKIE_SECURE", false))
        .setSessionTimeout(timeoutSeconds * 1000)
        .setCookieMaxAge(timeoutSeconds)
        .setLazySession(true)
        .setNagHttps(false);
  }

  private static void securityHeaders(RoutingContext ctx) {
    ctx.response()
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Content-Security-Policy", CSP);
    ctx.next();
  }

  private static void page(RoutingContext ctx, String file) {
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .sendFile("webroot/" + file)
        .onFailure(
            err -> {
              if (!ctx.response().headWritten()) {
                ctx.fail(404);
              }
            });
  }

  private static void notFound(RoutingContext ctx) {
    if (ctx.request().path().startsWith("/api/")) {
      Json.error(ctx, 404, "Not found");
    } else {
      ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end("Not found");
    }
  }

  private static void failure(RoutingContext ctx) {
    if (ctx.failure() != null) {
      Http.fail(ctx, ctx.failure());
      return;
    }
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    Json.error(
        ctx,
        status,
        switch (status) {
          case 413 -> "Request body too large";
          case 400 -> "Bad request";
          case 404 -> "Not found";
          case 405 -> "Method not allowed";
          default -> "Internal server error";
        });
  }
}
