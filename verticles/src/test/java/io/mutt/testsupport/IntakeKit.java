package io.mutt.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mutt.runtime.MuttRuntime;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the native-intake tests share: running real senders (logger, rsyslogd, snmptrap) with a time
 * limit, and reading what reached the audit log.
 */
public final class IntakeKit {

  /** A finished command: exit code and its output (stdout and stderr together). */
  public record Run(int exit, String output) {}

  private IntakeKit() {}

  /**
   * Skips the test, saying why, when {@code binary} is not installed (scripts/ci-prereqs.sh
   * installs it).
   */
  public static String require(String binary, String debianPackage) {
    for (String dir : new String[] {"/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/local/bin"}) {
      File f = new File(dir, binary);
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    assumeTrue(
        false,
        binary
            + " is not installed (Debian package "
            + debianPackage
            + "; scripts/ci-prereqs.sh installs it)");
    return null;
  }

  /** Runs a command to its end (at most {@code seconds}); a command still running is killed. */
  public static Run run(int seconds, String... command) {
    try {
      Path out = Files.createTempFile("mutt-cmd-", ".out");
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      Files.deleteIfExists(out);
      return new Run(done ? p.exitValue() : -1, text);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Like {@link #run} but fails the test unless the command exits 0. */
  public static String ok(int seconds, String... command) {
    Run r = run(seconds, command);
    if (r.exit() != 0) {
      throw new AssertionError(
          String.join(" ", command) + " exited " + r.exit() + ": " + r.output());
    }
    return r.output();
  }

  /**
   * The sum of a listener metric's counters ({@code mutt.listener.*}, every other tag such as the
   * drop reason summed), 0 before the first count.
   */
  public static double listenerCount(MuttRuntime rt, String metric, String listener) {
    return listenerCount(rt.registry().find(metric), listener);
  }

  /** A listener metric's counter of one {@code reason}, 0 before the first count. */
  public static double listenerCount(
      MuttRuntime rt, String metric, String listener, String reason) {
    return listenerCount(rt.registry().find(metric).tag("reason", reason), listener);
  }

  private static double listenerCount(io.micrometer.core.instrument.search.Search s, String l) {
    return s.tag("listener", l).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  /**
   * Runs net-snmp's {@code binary} (snmptrap, snmpinform, snmpget) without MIB files, with the
   * argument lists in order, for at most 30 s.
   */
  @SafeVarargs
  public static Run netSnmp(String binary, List<String>... args) {
    List<String> cmd = new ArrayList<>(List.of(binary, "-m", "", "-M", "/nonexistent"));
    for (List<String> a : args) {
      cmd.addAll(a);
    }
    return run(30, cmd.toArray(String[]::new));
  }

  /** Audited events (the queued JSON) whose raw event contains {@code token}. */
  public static List<JsonObject> audited(MuttRuntime rt, String token) {
    List<JsonObject> out = new ArrayList<>();
    for (Row r :
        rt.pg()
            .preparedQuery(
                "SELECT raw_message, matched_rule_id, handling_decision, forwarded_to_moog"
                    + " FROM event_audit_log WHERE raw_message LIKE $1 ORDER BY id")
            .execute(Tuple.of("%" + token + "%"))
            .await()) {
      out.add(
          new JsonObject(r.getString("raw_message"))
              .put("_audit_rule", r.getValue("matched_rule_id"))
              .put("_audit_handling", r.getString("handling_decision"))
              .put("_audit_forwarded", r.getValue("forwarded_to_moog")));
    }
    return out;
  }

  /** The audited events carrying {@code token}, once there is one (within 30 s). */
  public static List<JsonObject> awaitAudited(MuttRuntime rt, String token) {
    return Eventually.value(
        Duration.ofSeconds(30),
        "audit row for " + token,
        () -> audited(rt, token),
        l -> !l.isEmpty());
  }

  /**
   * Waits (up to 30 s) until the Moogsoft stand-in has received an alert carrying {@code token}.
   */
  public static void awaitForwarded(StandIn moog, String token) {
    Eventually.until(
        Duration.ofSeconds(30),
        "stand-in received " + token,
        () ->
            moog.eventsWithMeta(500).stream()
                .anyMatch(o -> ((JsonObject) o).encode().contains(token)));
  }
}
