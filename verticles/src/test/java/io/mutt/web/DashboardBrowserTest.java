package io.mutt.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.mutt.testsupport.BrowserFixture;
import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.RepoRoot;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser (system Chromium through Playwright): sign in, watch the live
 * counter move when events are ingested, create a rule whose text contains a script tag (shown as
 * text, never run), test it inline, browse and replay a DLQ entry, and see events counted per
 * source when they arrive over HTTP, syslog and SNMP traps. Screenshots go to target/screenshots/.
 */
class DashboardBrowserTest {

  static BrowserFixture ui;
  static MuttTestApp mutt;

  @BeforeAll
  static void start() {
    ui =
        BrowserFixture.start(
            "ingest,syslog,traps,web",
            Map.of("PROMETHEUS_URL", "http://127.0.0.1:1", "PROMETHEUS_RETRY_DELAY_MS", "10"));
    mutt = ui.mutt;
  }

  @AfterAll
  static void stop() throws Exception {
    if (ui != null) {
      ui.close();
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) {
    BrowserFixture.waitFor(Duration.ofSeconds(30), condition);
  }

  /** The screenshots the docs show, written there with {@code -Dmutt.docs.screenshots=true}. */
  private static final Map<String, String> DOC_IMAGES =
      Map.of(
          "02-overview-live.png", "dashboard-overview.png",
          "03-rules-and-tester.png", "dashboard-rules.png",
          "04-dlq.png", "dashboard-dlq.png",
          "05-events-by-source.png", "dashboard-sources.png");

  private static void shot(Page page, String name) {
    Path file = BrowserFixture.shot(page, name);
    String doc = DOC_IMAGES.get(name);
    if (doc != null && Boolean.getBoolean("mutt.docs.screenshots")) {
      try {
        Path images = RepoRoot.find("docs/adr").resolve("docs").resolve("images");
        Files.createDirectories(images);
        Files.copy(file, images.resolve(doc), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static Page signedIn(List<String> dialogs) {
    return signedIn(dialogs, page -> {});
  }

  private static Page signedIn(List<String> dialogs, Consumer<Page> beforeSignIn) {
    Page page = ui.newPage(new Browser.NewPageOptions(), dialogs);
    beforeSignIn.accept(page);
    page.navigate(mutt.webUrl() + "/rules-that-do-not-exist");
    assertThat(page.url()).endsWith("/login");
    shot(page, "01-login.png");
    ui.signIn(page);
    return page;
  }

  private static void ingest(String message) {
    ui.ingest("router1", message, "2025-11-10T12:00:00Z");
  }

  /** Fills in and saves the rule form (priority left as it is when null). */
  static void createRule(
      Page page, String match, String priority, String prod, String team, String reason) {
    page.click("nav button[data-tab=rules]");
    page.fill("#r-match", match);
    if (priority != null) {
      page.fill("#r-prio", priority);
    }
    page.fill("#r-prod", prod);
    page.fill("#r-team", team);
    page.fill("#r-reason", reason);
    page.click("#rule-save");
    waitFor(() -> page.textContent("#rule-message").contains("created"));
  }

  @Test
  void events_arriving_over_http_syslog_and_traps_are_counted_per_source() throws Exception {
    List<String> dialogs = new ArrayList<>();
    Page page = signedIn(dialogs);
    waitFor(() -> page.textContent("#src-syslog-note").endsWith(" in total"));
    long httpBefore = total(page, "http");
    ingest("LINK-DOWN interface Gi0/9");
    ingest("LINK-DOWN interface Gi0/10");
    try (java.net.DatagramSocket udp = new java.net.DatagramSocket()) {
      for (int i = 0; i < 4; i++) {
        byte[] line =
            ("<187>1 2025-11-10T12:00:00Z edge-sw-0" + i + " - - - - %LINK-3-UPDOWN Gi0/" + i)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        udp.send(
            new java.net.DatagramPacket(
                line,
                line.length,
                java.net.InetAddress.getLoopbackAddress(),
                mutt.port("SYSLOG_UDP_PORT")));
      }
    }
    try (java.net.Socket tcp = new java.net.Socket("127.0.0.1", mutt.port("SYSLOG_TCP_PORT"))) {
      tcp.getOutputStream()
          .write(
              "<187>1 2025-11-10T12:00:00Z core-rtr-01 - - - - BGP-5-ADJCHANGE down\n"
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    String snmptrap = io.mutt.testsupport.IntakeKit.require("snmptrap", "snmp");
    for (int i = 0; i < 2; i++) {
      io.mutt.testsupport.IntakeKit.ok(
          10,
          snmptrap,
          "-v",
          "2c",
          "-c",
          "public",
          "127.0.0.1:" + mutt.port("SNMP_TRAP_PORT"),
          "",
          "1.3.6.1.4.1.9.9.41.2.0.1",
          "1.3.6.1.2.1.1.5.0",
          "s",
          "core-rtr-0" + i);
    }
    waitFor(() -> total(page, "syslog") == 5 && total(page, "traps") == 2);
    waitFor(() -> total(page, "http") == httpBefore + 2);
    assertThat(page.textContent("#src-syslog-note")).isEqualTo("5 today, 5 in total");
    assertThat(Double.parseDouble(page.textContent("#src-syslog"))).isPositive();
    assertThat(Double.parseDouble(page.textContent("#src-traps"))).isPositive();
    assertThat(Double.parseDouble(page.textContent("#src-http"))).isPositive();
    shot(page, "05-events-by-source.png");
  }

  /**
   * Returns once the current UTC minute has at least 20 s left, sleeping into the next one if need
   * be (3 s into it, so the once-a-second page shows that minute's count).
   */
  private static void awayFromTheMinutesEnd() {
    int second = LocalTime.now(ZoneOffset.UTC).getSecond();
    if (second >= 40) {
      try {
        Thread.sleep((63 - second) * 1000L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** The "N in total" of a source's card. */
  private static long total(Page page, String source) {
    String note = page.textContent("#src-" + source + "-note");
    int at = note.indexOf(", ");
    return at < 0 ? -1 : Long.parseLong(note.substring(at + 2, note.indexOf(" in total")));
  }

  @Test
  void an_operator_signs_in_and_sees_the_live_counters_move_when_events_arrive() {
    List<String> dialogs = new ArrayList<>();
    Page page = signedIn(dialogs);
    waitFor(() -> !"–".equals(page.textContent("#ev-1m")));
    // The card counts the current minute: start well inside one, so the count cannot restart
    // between the reading below and the three events.
    awayFromTheMinutesEnd();
    long before = Long.parseLong(page.textContent("#ev-1m"));
    for (int i = 0; i < 3; i++) {
      ingest("LINK-DOWN interface Gi0/" + i);
    }
    waitFor(() -> Long.parseLong(page.textContent("#ev-1m")) >= before + 3);
    waitFor(() -> Long.parseLong(page.textContent("#q-ingest")) >= 3);
    assertThat(page.textContent("#circuit")).isEqualTo("CLOSED");
    assertThat(page.textContent("#notifier")).isEqualTo("none sent");
    assertThat(page.textContent("#slo-source")).isEqualTo("local");
    page.waitForSelector("#slo-table tbody tr");
    shot(page, "02-overview-live.png");
    page.click("text=Sign out");
    page.waitForURL(mutt.webUrl() + "/login");
  }

  @Test
  void a_rule_with_a_script_tag_is_created_shown_as_text_and_tested_inline() {
    List<String> dialogs = new ArrayList<>();
    Page page = signedIn(dialogs);
    String evil = "<script>alert('x')</script><img src=x onerror=alert(1)> BGP-FLAP";
    createRule(page, evil, "2", "Page_and_ticket", "NetOps", "browser test");
    page.waitForSelector("td.rule-match:has-text('BGP-FLAP')");
    assertThat(page.locator("td.rule-match:has-text('BGP-FLAP')").first().textContent())
        .isEqualTo(evil);
    assertThat(page.locator("#rules-table script, #rules-table img").count()).isZero();

    page.fill(
        "#tester-events",
        new JsonObject()
            .put("hostname", "router1")
            .put("message", "peer " + evil + " now")
            .encode());
    page.click("#tester-run");
    page.waitForSelector("#tester-results tbody tr");
    String row = page.textContent("#tester-results tbody tr");
    assertThat(row)
        .contains("BGP-FLAP")
        .contains("Page_and_ticket")
        .contains("yes")
        .contains("NetOps");
    shot(page, "03-rules-and-tester.png");
    assertThat(dialogs).as("no script from operator text ran").isEmpty();
  }

  @Test
  void a_dead_lettered_event_is_browsed_inspected_and_replayed_from_the_dlq_page() {
    var rt = mutt.app.runtime();
    String entry =
        new JsonObject()
            .put("hostname", "router1")
            .put("message", "CRITICAL fan <b>tray</b>")
            .put("timestamp", "2025-11-10T12:00:00Z")
            .put("_correlation_id", "dlq-browser-1")
            .put("_retry_count", 4)
            .put("failed_at", "2025-11-10T12:00:05Z")
            .put("dlq_reason", "poison: retries exhausted")
            .encode();
    rt.redis().send(Request.cmd(Command.LPUSH).arg(rt.keys().alerterDlq).arg(entry)).await();
    List<String> dialogs = new ArrayList<>();
    Page page = signedIn(dialogs);
    waitFor(() -> "1".equals(page.textContent("#dlq-alerter")));
    page.click("nav button[data-tab=dlq]");
    page.waitForSelector("#dlq-table tbody tr");
    assertThat(page.textContent("#dlq-table tbody tr"))
        .contains("dlq-browser-1")
        .contains("poison: retries exhausted");
    page.click("#dlq-table tbody tr button:has-text('view')");
    assertThat(page.textContent("#dlq-detail"))
        .contains("\"_correlation_id\": \"dlq-browser-1\"")
        .contains("<b>tray</b>");
    shot(page, "04-dlq.png");
    page.check("#dlq-table tbody tr input.dlq-pick");
    page.click("#dlq-replay-selected");
    waitFor(() -> page.textContent("#dlq-message").contains("Replayed 1"));
    page.waitForSelector(
        "#dlq-table tbody tr",
        new Page.WaitForSelectorOptions().setState(WaitForSelectorState.DETACHED));
    assertThat(dialogs).hasSize(1).allMatch(d -> d.startsWith("confirm:"));
    List<String> apiCalls = new ArrayList<>();
    page.onRequest(
        req -> {
          if (req.url().contains("/api/")) {
            apiCalls.add(req.url());
          }
        });
    page.navigate(mutt.webUrl() + "/audit");
    page.waitForSelector("#audit-table tbody tr");
    assertThat(page.textContent("#audit-table")).contains("dlq");
    assertThat(apiCalls).isNotEmpty().allMatch(url -> url.contains("/api/v2/"));
    shot(page, "05-config-audit.png");
  }

  @Test
  void the_header_has_one_way_to_the_config_audit_and_the_tab_lists_changes() {
    Page page = signedIn(new ArrayList<>());
    assertThat(page.locator("header a[href='/audit']").count()).isZero();
    assertThat(page.locator("text=config audit viewer").count()).isZero();
    assertThat(page.locator("nav button[data-tab=config-audit]").count()).isEqualTo(1);
    createRule(page, "AUDIT-TAB-PROBE", null, "Ticket_only", "NetOps", "audit tab probe");
    page.click("nav button[data-tab=config-audit]");
    page.waitForSelector("#ca-table tbody tr:has-text('AUDIT-TAB-PROBE')");
  }

  @Test
  void a_failed_background_load_is_shown_to_the_operator_not_swallowed() {
    Page page =
        signedIn(
            new ArrayList<>(),
            p -> {
              for (String api : List.of("**/api/v2/metrics", "**/api/v2/slo")) {
                p.route(
                    api,
                    route ->
                        route.fulfill(
                            new Route.FulfillOptions()
                                .setStatus(503)
                                .setContentType("application/json")
                                .setBody("{\"error\":\"PostgreSQL unavailable\"}")));
              }
            });

    waitFor(() -> page.textContent("#chart-message").contains("PostgreSQL unavailable"));
    waitFor(() -> page.textContent("#slo-message").contains("PostgreSQL unavailable"));
    assertThat(page.getAttribute("#chart-message", "class")).contains("error");
    assertThat(page.isVisible("#slo-message")).isTrue();
    shot(page, "06-load-error-shown.png");
  }
}
