package io.mutt.cli;

import io.mutt.config.ConfigException;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Base of the operator commands: a {@code --json} switch, output through picocli's writers (so
 * tests can capture it), and one place that turns failures into exit codes ({@link ExitCodes}) and
 * a one-line message on stderr, plus {@code {"error":…,"exit_code":…}} on stdout in JSON mode so
 * scripts always get a parseable document.
 */
abstract class CliCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON document (for scripts) instead of text")
  boolean json;

  /** The command body; answers the exit code. */
  protected abstract int execute() throws Exception;

  @Override
  public final Integer call() {
    try {
      return execute();
    } catch (CliException e) {
      return fail(e.exitCode(), e.getMessage());
    } catch (UnreachableException e) {
      return fail(ExitCodes.UNREACHABLE, e.getMessage());
    } catch (ConfigException | CommandLine.ParameterException e) {
      return fail(ExitCodes.USAGE, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(ExitCodes.ERROR, "interrupted");
    } catch (Exception e) {
      return fail(ExitCodes.ERROR, RunCommand.rootMessage(e));
    }
  }

  private int fail(int code, String message) {
    err().println("mutt " + spec.qualifiedName(" ").replaceFirst("^mutt ", "") + ": " + message);
    err().flush();
    if (json) {
      out().println(new JsonObject().put("error", message).put("exit_code", code).encodePrettily());
      out().flush();
    }
    return code;
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Prints a JSON document in JSON mode, else the text. */
  protected void print(Object jsonDocument, String text) {
    if (json) {
      out()
          .println(
              jsonDocument instanceof JsonObject o
                  ? o.encodePrettily()
                  : jsonDocument instanceof io.vertx.core.json.JsonArray a
                      ? a.encodePrettily()
                      : String.valueOf(jsonDocument));
    } else {
      out().print(text.endsWith("\n") ? text : text + "\n");
    }
    out().flush();
  }

  protected static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }
}
