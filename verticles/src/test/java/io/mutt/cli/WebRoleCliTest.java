package io.mutt.cli;

import io.mutt.testsupport.MuttTestApp;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * CLI tests against a real web role (real PostgreSQL and Redis, demo rules) started once for the
 * test class.
 */
abstract class WebRoleCliTest {

  static MuttTestApp mutt;

  @BeforeAll
  static void startWebRole() {
    mutt = MuttTestApp.start("web", Map.of());
  }

  @AfterAll
  static void stopWebRole() {
    mutt.close();
  }

  /** The CLI with these arguments against the web role, with its web UI key. */
  static Cli cli(String... args) {
    return CliAgainst.run(mutt.webUrl(), "test-webui-key-0123456789", args);
  }
}
