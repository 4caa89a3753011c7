package io.mutt.forwarder;

import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.StandIn;
import java.util.HashMap;
import java.util.Map;

/**
 * The forwarder role on the test services with the Moogsoft stand-in and a {@link
 * ForwarderFixture}: the set-up the forwarder tests share. Retries are fast and the rate limit
 * high, so a test waits only for what it checks; each test adds its own settings on top.
 */
final class RunningForwarder implements AutoCloseable {

  static final Map<String, String> FAST =
      Map.of(
          "FORWARDER_INSTANCES", "2",
          "MOOG_RETRY_BASE_DELAY", "0.05",
          "MOOG_RETRY_MAX_DELAY", "0.2",
          "MOOG_RATE_LIMIT", "1000");

  final MuttTestApp mutt;
  final StandIn moog;
  final ForwarderFixture fx;

  private RunningForwarder(MuttTestApp mutt) {
    this.mutt = mutt;
    this.moog = mutt.standIn();
    this.fx = new ForwarderFixture(mutt.app.runtime());
  }

  /** Starts it with {@link #FAST}, then each map of settings in turn on top. */
  @SafeVarargs
  static RunningForwarder start(Map<String, String>... layers) {
    Map<String, String> s = new HashMap<>(FAST);
    for (Map<String, String> layer : layers) {
      s.putAll(layer);
    }
    return new RunningForwarder(MuttTestApp.start("forwarder", s));
  }

  @Override
  public void close() {
    moog.close();
    mutt.close();
  }
}
