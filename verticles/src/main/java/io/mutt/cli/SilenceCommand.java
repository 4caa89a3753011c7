package io.mutt.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mutt silence add|list|expire}: silences through the web API ({@code /api/v2/silences});
 * matchers are written {@code kind=value} (docs/reference/noise.md).
 */
@Command(
    name = "silence",
    mixinStandardHelpOptions = true,
    description = "Add, list or expire silences.",
    subcommands = {
      SilenceCommand.Add.class,
      SilenceCommand.ListAll.class,
      SilenceCommand.Expire.class
    })
public final class SilenceCommand extends CommandGroup {

  public SilenceCommand() {
    super("add, list or expire");
  }

  /** {@code hostname_glob=db-*} as a matcher object. */
  static JsonArray matchers(List<String> specs) {
    JsonArray out = new JsonArray();
    for (String s : specs) {
      int eq = s.indexOf('=');
      if (eq <= 0 || eq == s.length() - 1) {
        throw usage("matcher '" + s + "' must be kind=value, e.g. hostname=sw1 or team=NETO");
      }
      out.add(new JsonObject().put("kind", s.substring(0, eq)).put("value", s.substring(eq + 1)));
    }
    return out;
  }

  static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  /** {@code 2h}, {@code 30m}, {@code 1d}. */
  static Duration duration(String text) {
    if (text == null || !text.matches("[0-9]{1,5}[mhd]")) {
      throw usage("--for must be a duration such as 30m, 2h or 1d");
    }
    long n = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a silence.")
  static final class Add extends CliCommand {
    @Mixin ApiOptions api;

    @Option(
        names = {"-m", "--match"},
        required = true,
        paramLabel = "KIND=VALUE",
        description =
            "Matcher (repeatable, AND-ed): hostname, hostname_glob, hostname_regex, team, rule_id,"
                + " message_contains")
    List<String> match;

    @Option(names = "--for", required = true, description = "How long, e.g. 30m, 2h, 1d")
    String length;

    @Option(names = "--comment", required = true, description = "Why")
    String comment;

    @Option(names = "--author", description = "Who (default: the API key's principal)")
    String author;

    @Override
    protected int execute() {
      JsonObject body =
          new JsonObject()
              .put("matchers", matchers(match))
              .put("comment", comment)
              .put("expires_at", Instant.now().plus(duration(length)).toString());
      if (author != null) {
        body.put("author", author);
      }
      Object res = api.client().post("/api/v2/silences", body);
      JsonObject answer = ApiClient.object(res);
      print(
          answer,
          "silence " + answer.getValue("id") + " until " + answer.getValue("expires_at") + "\n");
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List silences.")
  static final class ListAll extends CliCommand {
    @Mixin ApiOptions api;

    @Option(
        names = "--state",
        defaultValue = "current",
        description = "current (default), active, pending, expired or all")
    String state;

    @Override
    protected int execute() {
      Object res = api.client().get("/api/v2/silences?state=" + state);
      JsonObject answer = ApiClient.object(res);
      StringBuilder sb = new StringBuilder();
      for (Object o : answer.getJsonArray("silences", new JsonArray())) {
        JsonObject s = (JsonObject) o;
        StringBuilder m = new StringBuilder();
        for (Object x : s.getJsonArray("matchers", new JsonArray())) {
          JsonObject mm = (JsonObject) x;
          m.append(m.length() == 0 ? "" : " ")
              .append(mm.getString("kind"))
              .append('=')
              .append(mm.getString("value"));
        }
        sb.append(
            String.format(
                "%-5s %-8s until %s  %s  (%s: %s)%n",
                s.getValue("id"),
                s.getString("state"),
                s.getString("expires_at"),
                m,
                s.getString("author"),
                s.getString("comment")));
      }
      print(answer, sb.length() == 0 ? "no silences\n" : sb.toString());
      return ExitCodes.OK;
    }
  }

  @Command(name = "expire", mixinStandardHelpOptions = true, description = "Expire a silence now.")
  static final class Expire extends CliCommand {
    @Mixin ApiOptions api;

    @Parameters(index = "0", paramLabel = "ID")
    int id;

    @Override
    protected int execute() {
      Object res = api.client().send("DELETE", "/api/v2/silences/" + id, null).body();
      JsonObject answer =
          res instanceof String text && text.startsWith("{")
              ? new JsonObject(text)
              : new JsonObject();
      print(answer, "silence " + id + " expired\n");
      return ExitCodes.OK;
    }
  }
}
