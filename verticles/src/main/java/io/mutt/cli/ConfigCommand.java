package io.mutt.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mutt config list|get|set|history}: the dynamic configuration through the web API
 * (docs/reference/configuration.md).
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Read and change dynamic configuration (mutt:config:*) through the web API.",
    subcommands = {
      ConfigCommand.ListKeys.class,
      ConfigCommand.Get.class,
      ConfigCommand.Set.class,
      ConfigCommand.History.class
    })
public final class ConfigCommand extends CommandGroup {

  static final String PATH = "/api/v1/config";

  public ConfigCommand() {
    super("list, get, set or history");
  }

  static JsonObject fetchAll(ApiClient api) {
    Object body = api.get(PATH);
    if (body instanceof JsonObject o && o.getValue("config") instanceof JsonObject config) {
      return config;
    }
    throw new CliException(
        ExitCodes.ERROR, "unexpected answer from GET " + PATH + " (no 'config' object)");
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Print every dynamic key and its value.")
  static final class ListKeys extends CliCommand {
    @Mixin ApiOptions api;

    @Override
    protected int execute() {
      JsonObject config = fetchAll(api.client());
      StringBuilder sb = new StringBuilder();
      for (String k : new TreeSet<>(config.fieldNames())) {
        sb.append(k).append(" = ").append(config.getValue(k)).append('\n');
      }
      print(
          new JsonObject().put("config", config),
          sb.length() == 0 ? "(no dynamic keys set)" : sb.toString());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "Print the value of one key (exit 1 when it is not set).")
  static final class Get extends CliCommand {
    @Mixin ApiOptions api;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Override
    protected int execute() {
      JsonObject config = fetchAll(api.client());
      if (!config.containsKey(key)) {
        throw new CliException(ExitCodes.ERROR, "key '" + key + "' is not set");
      }
      Object v = config.getValue(key);
      print(new JsonObject().put("key", key).put("value", v), String.valueOf(v));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Set a key (PUT /api/v1/config/{key}); every MUTT node sees it within seconds.")
  static final class Set extends CliCommand {
    @Mixin ApiOptions api;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Parameters(index = "1", paramLabel = "VALUE")
    String value;

    @Option(names = "--reason", description = "Why (kept in the config audit log)")
    String reason;

    @Override
    protected int execute() {
      if (!key.matches("[a-z0-9_]{1,100}") || key.equals("updates")) {
        throw usage("KEY must match [a-z0-9_]{1,100} and not be 'updates', got '" + key + "'");
      }
      JsonObject body = new JsonObject().put("value", value);
      if (reason != null) {
        body.put("reason", reason);
      }
      Object res =
          api.client().put(PATH + "/" + URLEncoder.encode(key, StandardCharsets.UTF_8), body);
      JsonObject answer = ApiClient.object(res);
      print(
          answer,
          key + ": " + answer.getValue("old_value") + " -> " + answer.getValue("new_value", value));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "history",
      mixinStandardHelpOptions = true,
      description = "Recent dynamic configuration changes (newest first).")
  static final class History extends CliCommand {
    @Mixin ApiOptions api;

    @Option(
        names = "--limit",
        defaultValue = "20",
        description = "Rows per page (1..200, default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--page", defaultValue = "1")
    int page;

    @Override
    protected int execute() {
      Object res = api.client().get(PATH + "/history?page=" + page + "&limit=" + limit);
      JsonObject answer = ApiClient.object(res);
      StringBuilder sb = new StringBuilder();
      for (Object o : answer.getJsonArray("history", new JsonArray())) {
        if (o instanceof JsonObject h) {
          JsonObject nv = h.getJsonObject("new_values", new JsonObject());
          JsonObject ov = h.getJsonObject("old_values", new JsonObject());
          sb.append(h.getValue("changed_at"))
              .append("  ")
              .append(h.getString("changed_by"))
              .append("  ")
              .append(nv.getString("key", ov.getString("key")))
              .append(": ")
              .append(ov.getValue("value"))
              .append(" -> ")
              .append(nv.getValue("value"))
              .append(h.getString("reason") == null ? "" : "  (" + h.getString("reason") + ")")
              .append('\n');
        }
      }
      print(answer, sb.length() == 0 ? "(no changes recorded)" : sb.toString());
      return ExitCodes.OK;
    }
  }
}
