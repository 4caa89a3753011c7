package io.mutt.forwarder;

import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.StandIn;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * A forwarder test class: each test starts its own {@link RunningForwarder} with {@link #start},
 * closed after the test.
 */
abstract class ForwarderTestCase {

  MuttTestApp mutt;
  StandIn moog;
  ForwarderFixture fx;
  private RunningForwarder running;

  /** The settings of every test of the class, on top of {@link RunningForwarder#FAST}. */
  Map<String, String> classSettings() {
    return Map.of();
  }

  /** Starts the forwarder with the class's settings and then {@code extra} on top. */
  void start(Map<String, String> extra) {
    running = RunningForwarder.start(classSettings(), extra);
    mutt = running.mutt;
    moog = running.moog;
    fx = running.fx;
  }

  @AfterEach
  void stop() {
    if (running != null) {
      running.close();
    }
  }
}
