package io.mutt.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A MUTT JVM started from the shaded jar by a test (cluster and rotation tests), with its output in
 * a file.
 */
public final class MuttProcess implements AutoCloseable {

  private final Process process;
  private final Path log;
  public final String name;

  private MuttProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  public static MuttProcess start(String name, Map<String, String> env, String... args)
      throws IOException {
    String jar = System.getProperty("mutt.jar", "verticles/target/mutt.jar");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                jar));
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile("mutt-" + name + "-", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment()
        .keySet()
        .removeIf(
            k ->
                k.startsWith("REDIS_")
                    || k.startsWith("DB_")
                    || k.startsWith("MUTT_")
                    || k.startsWith("MOOG_"));
    pb.environment().putAll(env);
    return new MuttProcess(name, pb.start(), log);
  }

  /**
   * Waits until the output contains {@code text}; fails with the output when the process dies or
   * time runs out.
   */
  public void awaitOutput(String text, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (output().contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + ":\n" + output());
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        name + " did not print '" + text + "' within " + timeout + ":\n" + output());
  }

  public String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** kill -9. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** SIGTERM, then waits for the exit; answers the exit code. */
  public int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException(name + " did not stop within " + timeout);
    }
    return process.exitValue();
  }

  public boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
