package io.mutt.cli;

import io.mutt.contract.RedisKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mutt dlq list|show|replay|purge}: the dead-letter queues {@code alerter}, {@code moog} and
 * {@code dead} through the web API ({@code /api/v2/dlq/{name}}).
 */
@Command(
    name = "dlq",
    mixinStandardHelpOptions = true,
    description = "Inspect, replay or purge the dead-letter queues (alerter, moog, dead).",
    subcommands = {
      DlqCommand.ListEntries.class,
      DlqCommand.Show.class,
      DlqCommand.Replay.class,
      DlqCommand.Purge.class
    })
public final class DlqCommand extends CommandGroup {

  static final List<String> NAMES = RedisKeys.DLQ_NAMES;

  public DlqCommand() {
    super("list, show, replay or purge");
  }

  static String path(String name) {
    if (!NAMES.contains(name)) {
      throw new CliException(
          ExitCodes.USAGE, "unknown DLQ '" + name + "' (expected one of " + NAMES + ")");
    }
    return "/api/v2/dlq/" + name;
  }

  /** The entries array of a DLQ answer, whatever its key. */
  static JsonArray entries(JsonObject answer) {
    for (String k : new String[] {"entries", "items", "messages"}) {
      if (answer.getValue(k) instanceof JsonArray a) {
        return a;
      }
    }
    return new JsonArray();
  }

  static Object depth(JsonObject answer) {
    for (String k : new String[] {"depth", "total", "length", "count"}) {
      if (answer.getValue(k) != null) {
        return answer.getValue(k);
      }
    }
    return entries(answer).size();
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Depth and entries of one DLQ, or the depth of all three.")
  static final class ListEntries extends CliCommand {
    @Mixin ApiOptions api;

    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "NAME",
        description = "alerter, moog or dead (default: all)")
    String name;

    @Option(
        names = "--limit",
        defaultValue = "20",
        description = "Entries to show (default ${DEFAULT-VALUE})")
    int limit;

    @Option(
        names = "--offset",
        defaultValue = "0",
        description = "Skip this many entries (oldest first)")
    int offset;

    @Override
    protected int execute() {
      ApiClient client = api.client();
      if (name == null) {
        JsonObject all = new JsonObject();
        StringBuilder sb = new StringBuilder();
        for (String n : NAMES) {
          Object res = client.get(path(n) + "?limit=0");
          Object d = depth(ApiClient.object(res));
          all.put(n, d);
          sb.append(String.format("%-8s %s%n", n, d));
        }
        print(new JsonObject().put("depths", all), sb.toString());
        return ExitCodes.OK;
      }
      Object res = client.get(path(name) + "?limit=" + limit + "&offset=" + offset);
      JsonObject answer = res instanceof JsonObject o ? o : new JsonObject().put("entries", res);
      StringBuilder sb = new StringBuilder(name + ": " + depth(answer) + " entries\n");
      JsonArray entries = entries(answer);
      for (int i = 0; i < entries.size(); i++) {
        Object e = entries.getValue(i);
        Object index =
            e instanceof JsonObject o && o.containsKey("index") ? o.getValue("index") : offset + i;
        Object payload =
            e instanceof JsonObject o && o.containsKey("entry") ? o.getValue("entry") : e;
        String text = payload instanceof JsonObject p ? p.encode() : String.valueOf(payload);
        sb.append(
            String.format(
                "[%s] %s%n", index, text.length() > 160 ? text.substring(0, 157) + "..." : text));
      }
      print(answer, sb.toString());
      return ExitCodes.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One DLQ entry in full.")
  static final class Show extends CliCommand {
    @Mixin ApiOptions api;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "INDEX")
    int index;

    @Override
    protected int execute() {
      Object res = api.client().get(path(name) + "/" + index);
      String text = res instanceof JsonObject o ? o.encodePrettily() : String.valueOf(res);
      print(res, text);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description = "Send entries back for processing: --index I (repeatable) or --all.")
  static final class Replay extends CliCommand {
    @Mixin ApiOptions api;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
      @Option(
          names = "--index",
          paramLabel = "I",
          description = "Entry index (repeatable)",
          required = true)
      List<Integer> indexes;

      @Option(names = "--all", description = "Every entry", required = true)
      boolean all;
    }

    @Override
    protected int execute() {
      JsonObject body =
          which.all
              ? new JsonObject().put("all", true)
              : new JsonObject().put("indexes", new JsonArray(which.indexes));
      Object res = api.client().post(path(name) + "/replay", body);
      JsonObject answer = ApiClient.object(res);
      print(answer, "replayed from " + name + ": " + answer.getValue("replayed", answer.encode()));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "purge",
      mixinStandardHelpOptions = true,
      description = "Delete every entry of a DLQ (needs --yes).")
  static final class Purge extends CliCommand {
    @Mixin ApiOptions api;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--yes", description = "Confirm: the entries are gone for good")
    boolean yes;

    @Override
    protected int execute() {
      String p = path(name);
      if (!yes) {
        throw usage("purging " + name + " deletes its entries for good; add --yes to confirm");
      }
      Object res = api.client().post(p + "/purge", new JsonObject());
      JsonObject answer = ApiClient.object(res);
      print(answer, "purged " + name + ": " + answer.getValue("purged", answer.encode()));
      return ExitCodes.OK;
    }
  }
}
