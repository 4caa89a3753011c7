package io.mutt.testsupport;

import io.mutt.app.MuttApp;
import java.util.HashMap;
import java.util.Map;

/** Starts MUTT in the test JVM on the test services with free ports; {@link #close()} stops it. */
public final class MuttTestApp implements AutoCloseable {

  public final MuttApp app;
  public final Map<String, String> settings;

  private MuttTestApp(MuttApp app, Map<String, String> settings) {
    this.app = app;
    this.settings = settings;
  }

  /**
   * Starts the roles with {@link TestServices#all()}, free ports, and the given extra settings on
   * top.
   */
  /**
   * Starts {@code roles} on the test services and free ports, with each map of settings in turn on
   * top.
   */
  @SafeVarargs
  public static MuttTestApp start(String roles, Map<String, String>... layers) {
    Map<String, String> s = new HashMap<>(TestServices.all());
    s.putAll(Ports.allFree());
    s.put("MUTT_DATA_DIR", System.getProperty("java.io.tmpdir") + "/mutt-test-data");
    for (Map<String, String> layer : layers) {
      s.putAll(layer);
    }
    return new MuttTestApp(MuttApp.start(s, roles, false), s);
  }

  public int port(String key) {
    return Integer.parseInt(settings.get(key));
  }

  public String ingestUrl() {
    return "http://127.0.0.1:" + port("SERVER_PORT_INGESTOR");
  }

  public String webUrl() {
    return "http://127.0.0.1:" + port("SERVER_PORT_WEBUI");
  }

  public String moogUrl() {
    return "http://127.0.0.1:" + port("MOCK_MOOG_PORT");
  }

  /** A client for the stand-in of this run, with its Moogsoft key. */
  public StandIn standIn() {
    return new StandIn(moogUrl(), settings.get("MOOG_API_KEY"));
  }

  /** The stand-in's client for {@link #moog()}, kept until {@link #close()}. */
  private StandIn moog;

  /** The stand-in of this run (one client, closed with this app). */
  public synchronized StandIn moog() {
    if (moog == null) {
      moog = standIn();
    }
    return moog;
  }

  /** Rows in the event audit log. */
  public long auditRowCount() {
    return app.runtime()
        .pg()
        .query("SELECT COUNT(*) FROM event_audit_log")
        .execute()
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  @Override
  public void close() {
    if (moog != null) {
      moog.close();
    }
    app.close();
  }
}
