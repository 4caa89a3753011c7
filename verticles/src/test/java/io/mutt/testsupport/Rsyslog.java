package io.mutt.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A stock rsyslogd in the foreground with a configuration of the test's own, in a temporary
 * directory (work directory, pid file), stopped by {@link #close()}.
 */
public final class Rsyslog implements AutoCloseable {

  private final Process process;
  public final Path dir;

  private Rsyslog(Process process, Path dir) {
    this.process = process;
    this.dir = dir;
  }

  /** Starts rsyslogd with {@code config}, in which {@code @DIR@} stands for its directory. */
  public static Rsyslog start(String config) {
    String rsyslogd = IntakeKit.require("rsyslogd", "rsyslog");
    try {
      Path dir = Files.createTempDirectory("mutt-rsyslog-");
      Path conf = dir.resolve("rsyslog.conf");
      Files.writeString(conf, config.replace("@DIR@", dir.toString()));
      IntakeKit.Run check = IntakeKit.run(30, rsyslogd, "-N1", "-f", conf.toString());
      if (check.exit() != 0) {
        throw new IllegalStateException("rsyslog configuration refused: " + check.output());
      }
      Process p =
          new ProcessBuilder(
                  rsyslogd,
                  "-n",
                  "-f",
                  conf.toString(),
                  "-i",
                  dir.resolve("rsyslogd.pid").toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("rsyslogd.out").toFile())
              .start();
      return new Rsyslog(p, dir);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String output() {
    try {
      return Files.readString(dir.resolve("rsyslogd.out"));
    } catch (java.io.IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
