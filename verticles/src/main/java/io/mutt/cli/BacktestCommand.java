package io.mutt.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mutt backtest --draft draft.json --since 7d}: what a draft change of rules, windows or
 * silences would have done to the audited events of a range ({@code POST /api/v2/backtest}).
 */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description = "Replay audited events with a draft configuration and show what would change.")
public final class BacktestCommand extends CliCommand {

  @Mixin ApiOptions api;

  @Option(
      names = "--draft",
      required = true,
      description = "Draft JSON file (rules, windows, silences)")
  Path draft;

  @Option(
      names = "--since",
      defaultValue = "7d",
      description = "7d, 12h, 30m or an ISO-8601 instant")
  String since;

  @Option(names = "--until", description = "ISO-8601 instant (default: now)")
  String until;

  @Option(names = "--examples", defaultValue = "5", description = "Example events per change")
  int examples;

  @Override
  protected int execute() {
    JsonObject d;
    try {
      d = new JsonObject(Files.readString(draft));
    } catch (IOException e) {
      throw usage("cannot read " + draft + ": " + e.getMessage());
    } catch (DecodeException | ClassCastException e) {
      throw usage(draft + " is not a JSON object");
    }
    JsonObject body =
        new JsonObject().put("draft", d).put("since", since).put("max_examples", examples);
    if (until != null) {
      body.put("until", until);
    }
    Object res = api.client().post("/api/v2/backtest", body);
    JsonObject answer = ApiClient.object(res);
    StringBuilder sb =
        new StringBuilder(
            String.format(
                "%s events replayed from %s to %s; %s would change%n",
                answer.getValue("events"),
                answer.getValue("since"),
                answer.getValue("until"),
                answer.getValue("changed")));
    for (Object o : answer.getJsonArray("changes", new JsonArray())) {
      JsonObject c = (JsonObject) o;
      sb.append(String.format("%8s  %s%n", c.getValue("count"), c.getString("change")));
      for (Object x : c.getJsonArray("examples", new JsonArray())) {
        JsonObject e = (JsonObject) x;
        sb.append(
            String.format(
                "          %s %s %s%n",
                e.getString("event_timestamp"),
                e.getString("hostname"),
                e.getString("correlation_id")));
      }
    }
    print(answer, sb.toString());
    return ExitCodes.OK;
  }
}
