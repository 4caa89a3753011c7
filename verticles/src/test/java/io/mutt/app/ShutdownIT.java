package io.mutt.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.MuttProcess;
import io.mutt.testsupport.Ports;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code mutt run} with every role and the embedded Redis and PostgreSQL, stopped by SIGTERM: the
 * roles and clients stop before the embedded servers, so nothing is logged at ERROR level and the
 * exit code is the one of a JVM ended by SIGTERM.
 */
class ShutdownIT {

  @Test
  void sigterm_stops_every_role_without_an_error() throws Exception {
    Map<String, String> env = new HashMap<>(Ports.allFree());
    env.put("MUTT_DATA_DIR", Files.createTempDirectory("mutt-shutdown-").toString());
    MuttProcess mutt = MuttProcess.start("shutdown", env, "run");
    try {
      mutt.awaitOutput("MUTT is up", Duration.ofSeconds(150));
      mutt.awaitOutput("leadership acquired", Duration.ofSeconds(30));

      int exit = mutt.stop(Duration.ofSeconds(60));

      String out = mutt.output();
      assertThat(out).contains("leadership released");
      assertThat(out).doesNotContain(" ERROR ").doesNotContain("Unhandled Error");
      assertThat(exit).isEqualTo(143);
    } finally {
      mutt.close();
    }
  }
}
