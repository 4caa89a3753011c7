package io.mutt.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * MUTT in the test JVM with the dashboard's browser tests' tools: an HTTP client, and the system
 * Chromium through Playwright. {@link #close()} stops all of it.
 */
public final class BrowserFixture implements AutoCloseable {

  public static final String WEBUI_KEY = "test-webui-key-0123456789";
  public static final String INGEST_KEY = "test-ingest-key-0123456789";

  /** Where {@link #shot} writes screenshots. */
  public static final Path SHOTS = Paths.get("target", "screenshots");

  public final MuttTestApp mutt;
  public final Vertx vertx;
  public final WebClient client;
  private Playwright playwright;
  private Browser browser;

  private BrowserFixture(MuttTestApp mutt) {
    this.mutt = mutt;
    this.vertx = Vertx.vertx();
    this.client = WebClient.create(vertx);
  }

  /** Starts MUTT with the roles and extra settings, then a headless Chromium. */
  public static BrowserFixture start(String roles, Map<String, String> settings) {
    BrowserFixture f = new BrowserFixture(MuttTestApp.start(roles, settings));
    try {
      Files.createDirectories(SHOTS);
      f.playwright = Playwright.create();
      f.browser =
          f.playwright
              .chromium()
              .launch(
                  new BrowserType.LaunchOptions()
                      .setHeadless(true)
                      .setExecutablePath(Paths.get("/usr/bin/chromium"))
                      .setArgs(
                          List.of(
                              "--no-sandbox",
                              "--disable-gpu",
                              "--disable-background-networking",
                              "--disable-component-update",
                              "--disable-sync",
                              "--no-first-run")));
      return f;
    } catch (Exception e) {
      try {
        f.close();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /**
   * A new 1280x900 page with a 10 s default timeout whose dialogs are accepted and recorded in
   * {@code dialogs} as "type:message".
   */
  public Page newPage(Browser.NewPageOptions options, List<String> dialogs) {
    Page page = browser.newPage(options.setViewportSize(1280, 900));
    page.setDefaultTimeout(10_000);
    page.onDialog(
        d -> {
          dialogs.add(d.type() + ":" + d.message());
          d.accept();
        });
    return page;
  }

  /** Signs in on the login form the page shows and waits for the dashboard's live feed. */
  public void signIn(Page page) {
    page.fill("#api_key", WEBUI_KEY);
    page.click("#login");
    page.waitForURL(mutt.webUrl() + "/");
    waitFor(Duration.ofSeconds(30), () -> "live".equals(page.textContent("#live-text")));
  }

  /**
   * Polls a page condition (the dashboard's CSP forbids the eval behind Playwright's
   * waitForFunction).
   */
  public static void waitFor(Duration timeout, java.util.function.BooleanSupplier condition) {
    Eventually.until(timeout, "page condition", condition);
  }

  /** Posts one event to the ingest API and expects it accepted. */
  public void ingest(String hostname, String message, String timestamp) {
    var res =
        client
            .postAbs(mutt.ingestUrl() + "/api/v2/ingest")
            .putHeader("X-API-KEY", INGEST_KEY)
            .sendJsonObject(
                new JsonObject()
                    .put("hostname", hostname)
                    .put("message", message)
                    .put("timestamp", timestamp))
            .await();
    assertThat(res.statusCode()).isEqualTo(200);
  }

  /** A full-page screenshot in {@link #SHOTS}; returns its file. */
  public static Path shot(Page page, String name) {
    Path file = SHOTS.resolve(name);
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
    return file;
  }

  @Override
  public void close() throws Exception {
    Resources.close(browser, playwright, client::close, vertx::close, mutt);
  }
}
