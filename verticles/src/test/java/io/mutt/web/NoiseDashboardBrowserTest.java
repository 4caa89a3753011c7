package io.mutt.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.mutt.testsupport.BrowserFixture;
import io.mutt.testsupport.MuttTestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The noise-control pages in a real browser (system Chromium through Playwright): maintenance
 * windows active and upcoming, silences created from the live feed and the event audit in two
 * clicks and expired, and the backtest of the rule form. Operator text with markup is shown as
 * text, never run. Screenshots go to target/screenshots/.
 */
class NoiseDashboardBrowserTest {

  static final String KEY = BrowserFixture.WEBUI_KEY;
  static BrowserFixture ui;
  static MuttTestApp mutt;
  static WebClient client;

  @BeforeAll
  static void start() {
    ui =
        BrowserFixture.start(
            "ingest,alerter,web",
            Map.of(
                "PROMETHEUS_URL", "http://127.0.0.1:1",
                "PROMETHEUS_RETRY_DELAY_MS", "10",
                "ALERT_COALESCE_WINDOW_SECONDS", "0"));
    mutt = ui.mutt;
    client = ui.client;
  }

  @AfterAll
  static void stop() throws Exception {
    if (ui != null) {
      ui.close();
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) {
    BrowserFixture.waitFor(Duration.ofSeconds(15), condition);
  }

  private static void shot(Page page, String name) {
    BrowserFixture.shot(page, name);
  }

  private static Page signedIn(List<String> dialogs) {
    Page page = ui.newPage(new Browser.NewPageOptions().setTimezoneId("UTC"), dialogs);
    page.navigate(mutt.webUrl() + "/login");
    ui.signIn(page);
    return page;
  }

  private static JsonObject api(String method, String path, JsonObject body) {
    var req =
        client
            .requestAbs(io.vertx.core.http.HttpMethod.valueOf(method), mutt.webUrl() + path)
            .putHeader("X-API-KEY", KEY);
    var res = body == null ? req.send().await() : req.sendJsonObject(body).await();
    assertThat(res.statusCode()).as(res.bodyAsString()).isBetween(200, 201);
    return res.bodyAsJsonObject();
  }

  private static void ingest(String host, String message) {
    ui.ingest(host, message, Instant.now().toString());
  }

  private static List<Row> audit(String host) {
    List<Row> out = new ArrayList<>();
    mutt.app
        .runtime()
        .pg()
        .preparedQuery(
            "SELECT noise_decision, forwarded_to_moog FROM event_audit_log WHERE hostname = $1 ORDER BY id")
        .execute(Tuple.of(host))
        .await()
        .forEach(out::add);
    return out;
  }

  private static JsonArray matcher(String kind, String value) {
    return new JsonArray().add(new JsonObject().put("kind", kind).put("value", value));
  }

  @Test
  void windows_active_now_and_upcoming_are_listed_with_their_names_as_text() {
    String evil = "<img src=x onerror=alert(1)> core <b>patch</b>";
    Instant now = Instant.now();
    JsonObject active =
        api(
            "POST",
            "/api/v2/maintenance-windows",
            new JsonObject()
                .put("name", evil)
                .put("matchers", matcher("hostname_glob", "core-*"))
                .put("effect", "downgrade")
                .put("severity", "Minor")
                .put(
                    "schedule",
                    new JsonObject()
                        .put("type", "once")
                        .put("start", now.minusSeconds(600).toString())
                        .put("end", now.plusSeconds(3600).toString())));
    List<String> dialogs = new ArrayList<>();
    Page page = signedIn(dialogs);
    page.click("nav button[data-tab=windows]");
    // an upcoming one-off window created through the form (times in the page's zone, UTC here)
    LocalDateTime start = LocalDateTime.ofInstant(now.plus(2, ChronoUnit.HOURS), ZoneOffset.UTC);
    page.fill("#mw-name", "db <script>alert(2)</script> upgrade");
    page.selectOption("#mw-kind", "team");
    page.fill("#mw-value", "DB");
    page.fill("#mw-start", start.truncatedTo(ChronoUnit.MINUTES).toString());
    page.fill("#mw-end", start.plusHours(2).truncatedTo(ChronoUnit.MINUTES).toString());
    page.click("#mw-save");
    waitFor(() -> page.textContent("#mw-message").contains("created"));
    page.waitForSelector("#mw-upcoming tbody tr:has-text('upgrade')");

    String activeRow =
        page.textContent("#mw-active tr[data-window-id='" + active.getInteger("id") + "']");
    assertThat(activeRow)
        .contains(evil)
        .contains("hostname_glob=core-*")
        .contains("downgrade to Minor");
    assertThat(page.textContent("#mw-upcoming tbody"))
        .contains("db <script>alert(2)</script> upgrade")
        .contains("team=DB")
        .contains(start.truncatedTo(ChronoUnit.MINUTES).toString().replace('T', ' '));
    assertThat(page.locator("#tab-windows img, #tab-windows script, #tab-windows b").count())
        .isZero();
    shot(page, "10-maintenance-windows.png");
    assertThat(dialogs).as("no script from operator text ran").isEmpty();
  }

  private static JsonArray windows() {
    return api("GET", "/api/v2/maintenance-windows?state=all", null).getJsonArray("windows");
  }

  private static JsonObject windowNamed(String name) {
    JsonArray all = windows();
    for (int i = 0; i < all.size(); i++) {
      if (name.equals(all.getJsonObject(i).getString("name"))) {
        return all.getJsonObject(i);
      }
    }
    throw new AssertionError("no window named " + name + " in " + all.encode());
  }

  /** Submits the window form; returns its message once it has changed (each answer differs). */
  private static String submitWindow(Page page) {
    String before = page.textContent("#mw-message");
    page.click("#mw-save");
    waitFor(() -> !page.textContent("#mw-message").equals(before));
    return page.textContent("#mw-message");
  }

  @Test
  void recurring_windows_are_created_through_the_form_and_a_refusal_shows_the_api_error() {
    List<String> dialogs = new ArrayList<>();
    Page page = signedIn(dialogs);
    page.click("nav button[data-tab=windows]");
    assertThat(page.isVisible("#mw-days")).as("one-off is the default").isFalse();
    page.selectOption("#mw-schedule", "weekly");
    assertThat(page.isVisible("#mw-start")).isFalse();
    assertThat(page.isVisible("#mw-days")).isTrue();
    assertThat(page.inputValue("#mw-tz")).as("the browser's time zone").isEqualTo("UTC");
    List<Integer> created = new ArrayList<>();
    try {
      // Mon-Fri 22:00-23:00 in Berlin, for one host no other test sends
      String name = "nightly <i>batch</i> run";
      page.fill("#mw-name", name);
      page.selectOption("#mw-kind", "hostname");
      page.fill("#mw-value", "batch-7.example.com");
      for (String day : List.of("mon", "tue", "wed", "thu", "fri")) {
        page.check("#mw-days input[value=" + day + "]");
      }
      page.fill("#mw-from", "22:00");
      page.fill("#mw-to", "23:00");
      page.fill("#mw-tz", "Europe/Berlin");
      assertThat(submitWindow(page)).matches("Window \\d+ created");
      JsonObject weekly = windowNamed(name);
      created.add(weekly.getInteger("id"));
      JsonObject schedule = weekly.getJsonObject("schedule");
      assertThat(schedule.fieldNames())
          .containsExactlyInAnyOrder("type", "days", "from", "to", "time_zone");
      assertThat(schedule.getString("type")).isEqualTo("weekly");
      assertThat(schedule.getJsonArray("days").getList())
          .containsExactly("mon", "tue", "wed", "thu", "fri");
      assertThat(schedule.getString("from")).isEqualTo("22:00");
      assertThat(schedule.getString("to")).isEqualTo("23:00");
      assertThat(schedule.getString("time_zone")).isEqualTo("Europe/Berlin");
      assertThat(weekly.getJsonArray("matchers"))
          .isEqualTo(matcher("hostname", "batch-7.example.com"));
      // active now or upcoming (it opens every weekday), with its schedule readable
      String weeklyRow = "tr[data-window-id='" + weekly.getInteger("id") + "']";
      page.waitForSelector(weeklyRow);
      assertThat(page.textContent(weeklyRow))
          .contains(name)
          .contains("weekly Mon–Fri 22:00–23:00 Europe/Berlin");

      // a cron window: Saturdays 01:30 for 90 minutes
      page.selectOption("#mw-schedule", "cron");
      assertThat(page.isVisible("#mw-days")).isFalse();
      page.fill("#mw-name", "saturday backup");
      page.fill("#mw-cron", "30 1 * * 6");
      page.fill("#mw-duration", "90");
      assertThat(submitWindow(page)).matches("Window \\d+ created");
      JsonObject cron = windowNamed("saturday backup");
      created.add(cron.getInteger("id"));
      assertThat(cron.getJsonObject("schedule").getString("type")).isEqualTo("cron");
      assertThat(cron.getJsonObject("schedule").getString("cron")).isEqualTo("30 1 * * 6");
      assertThat(cron.getJsonObject("schedule").getInteger("duration_minutes")).isEqualTo(90);
      assertThat(cron.getJsonObject("schedule").getString("time_zone")).isEqualTo("Europe/Berlin");
      String cronRow = "tr[data-window-id='" + cron.getInteger("id") + "']";
      page.waitForSelector(cronRow);
      assertThat(page.textContent(cronRow)).contains("cron 30 1 * * 6, open 90 min, Europe/Berlin");
      assertThat(page.locator("#tab-windows i").count()).isZero();
      shot(page, "14-maintenance-recurring.png");

      // refused: an unknown time zone; the API's status, field and text are shown, nothing is
      // stored
      int stored = windows().size();
      page.selectOption("#mw-schedule", "weekly");
      page.fill("#mw-name", "typo zone");
      page.fill("#mw-tz", "Europe/Atlantis");
      assertThat(submitWindow(page))
          .isEqualTo(
              "HTTP 400 Bad Request · field schedule.time_zone · schedule.time_zone is not a"
                  + " known time zone (e.g. Europe/Paris)");
      assertThat(page.getAttribute("#mw-message", "class")).contains("error");
      assertThat(page.getAttribute("#mw-tz", "aria-invalid")).isEqualTo("true");
      shot(page, "15-maintenance-refused.png");
      // refused: a one-off window ending before it starts
      page.selectOption("#mw-schedule", "once");
      LocalDateTime start =
          LocalDateTime.ofInstant(Instant.now().plus(3, ChronoUnit.HOURS), ZoneOffset.UTC)
              .truncatedTo(ChronoUnit.MINUTES);
      page.fill("#mw-start", start.toString());
      page.fill("#mw-end", start.minusHours(1).toString());
      assertThat(submitWindow(page))
          .isEqualTo(
              "HTTP 400 Bad Request · field schedule.end · schedule.end must be after"
                  + " schedule.start");
      assertThat(page.getAttribute("#mw-end", "aria-invalid")).isEqualTo("true");
      assertThat(page.getAttribute("#mw-tz", "aria-invalid")).isNull();
      // refused: a cron text with a minute out of range
      page.selectOption("#mw-schedule", "cron");
      page.fill("#mw-tz", "Europe/Berlin");
      page.fill("#mw-cron", "61 1 * * *");
      page.fill("#mw-duration", "60");
      assertThat(submitWindow(page))
          .isEqualTo(
              "HTTP 400 Bad Request · field schedule.cron · schedule.cron is not a valid five-field"
                  + " cron expression (minute hour day-of-month month day-of-week)");
      assertThat(page.getAttribute("#mw-cron", "aria-invalid")).isEqualTo("true");
      assertThat(page.getAttribute("#mw-end", "aria-invalid")).isNull();
      assertThat(windows().size()).as("nothing created by the refused entries").isEqualTo(stored);
      assertThat(dialogs).isEmpty();
    } finally {
      for (int id : created) {
        api("DELETE", "/api/v2/maintenance-windows/" + id, null);
      }
    }
  }

  @Test
  void a_signature_is_silenced_from_the_live_feed_in_two_clicks_and_expired_again()
      throws Exception {
    String host = "fan-1.example.com";
    String message = "ERROR fan <script>alert(3)</script> tray";
    List<String> dialogs = new ArrayList<>();
    Page page = signedIn(dialogs);
    ingest(host, message);
    page.waitForSelector("#live-feed li:has-text('" + host + "') button.silence-signature");
    page.click("#live-feed li:has-text('" + host + "') button.silence-signature"); // click 1
    assertThat(page.inputValue("#si-value1")).isEqualTo(host);
    assertThat(page.inputValue("#si-value2")).isEqualTo(message);
    shot(page, "11-silence-prefilled.png");
    page.click("#si-save"); // click 2
    waitFor(() -> page.textContent("#si-message").contains("created"));
    page.waitForSelector("#si-table td.si-matchers:has-text('" + host + "')");
    assertThat(page.textContent("#si-table tbody"))
        .contains("hostname=" + host + " AND message_contains=" + message)
        .contains("silenced from the live feed");
    assertThat(page.locator("#si-table script").count()).isZero();
    shot(page, "12-silences.png");

    // the next such event is suppressed by it
    Thread.sleep(1000);
    ingest(host, message);
    waitFor(() -> audit(host).size() == 2);
    assertThat(audit(host).get(1).getString("noise_decision")).startsWith("suppressed by silence");
    assertThat(audit(host).get(1).getBoolean("forwarded_to_moog")).isFalse();

    page.click("#si-table tr:has-text('" + host + "') button:has-text('expire')");
    waitFor(() -> page.textContent("#si-message").contains("expired"));
    page.waitForSelector(
        "#si-table tr:has-text('" + host + "')",
        new Page.WaitForSelectorOptions()
            .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
    assertThat(dialogs).hasSize(1).allMatch(d -> d.startsWith("confirm:Expire silence"));
  }

  @Test
  void a_host_is_silenced_from_the_event_audit_in_two_clicks() {
    String host = "psu-2.example.com";
    ingest(host, "CRITICAL psu <i>2</i> failed");
    waitFor(() -> audit(host).size() == 1);
    Page page = signedIn(new ArrayList<>());
    page.click("nav button[data-tab=event-audit]");
    page.fill("#ea-form input[name=hostname]", host);
    page.click("#ea-form button[type=submit]");
    page.waitForSelector("#ea-table tbody tr:has-text('" + host + "')");
    assertThat(page.locator("#ea-table i").count()).isZero();
    page.click("#ea-table tbody tr:has-text('" + host + "') button.silence-host"); // click 1
    assertThat(page.inputValue("#si-value1")).isEqualTo(host);
    assertThat(page.inputValue("#si-value2")).isEmpty();
    page.click("#si-save"); // click 2
    waitFor(() -> page.textContent("#si-message").contains("created"));
    page.waitForSelector("#si-table td.si-matchers:text-is('hostname=" + host + "')");
    assertThat(page.textContent("#si-table tbody")).contains("silenced from the event audit");
  }

  @Test
  void the_rule_form_is_backtested_against_recent_events_before_saving() {
    String host = "bt-1.example.com";
    ingest(host, "ERROR bt-probe on <u>slot</u> 3");
    waitFor(() -> audit(host).size() == 1);
    List<String> dialogs = new ArrayList<>();
    Page page = signedIn(dialogs);
    page.click("nav button[data-tab=rules]");
    long rules = api("GET", "/api/v2/rules", null).getJsonArray("rules").size();
    page.fill("#r-match", "bt-probe");
    page.fill("#r-prio", "1");
    page.fill("#r-prod", "Ticket_only");
    page.fill("#r-team", "<b>DB</b>");
    page.selectOption("#bt-since", "1h");
    page.click("#bt-run");
    page.waitForSelector("#bt-table td.bt-change:has-text('team NETO → team <b>DB</b>')");
    assertThat(page.textContent("#bt-table tbody")).contains("rule 2 → rule -1").contains(host);
    assertThat(page.textContent("#bt-message")).contains("would change");
    assertThat(page.locator("#bt-table b, #bt-table u").count()).isZero();
    shot(page, "13-rules-backtest.png");
    // nothing was saved
    assertThat(api("GET", "/api/v2/rules", null).getJsonArray("rules").size()).isEqualTo(rules);
    assertThat(dialogs).isEmpty();
  }
}
