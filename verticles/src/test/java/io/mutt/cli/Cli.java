package io.mutt.cli;

import io.vertx.core.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code mutt} command line in the test JVM and captures exit code, stdout and stderr. */
record Cli(int exit, String out, String err) {

  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new MuttCli());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int exit = cmd.execute(args);
    return new Cli(exit, out.toString(), err.toString());
  }

  /** stdout parsed as JSON (fails the test when it is not). */
  Object json() {
    return Json.decodeValue(out);
  }

  io.vertx.core.json.JsonObject jsonObject() {
    return (io.vertx.core.json.JsonObject) json();
  }

  @Override
  public String toString() {
    return "exit=" + exit + "\n--- out\n" + out + "--- err\n" + err;
  }
}
