package io.mutt.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mutt tail}: the live feed (sampled ingested events, alerts, forwards, DLQ moves) from the
 * web API's server-sent events at {@code GET /api/v2/live}; one line per event, or the raw JSON
 * data lines with {@code --json}.
 */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = "Follow live events (GET /api/v2/live, server-sent events).")
public final class TailCommand extends CliCommand {

  @Mixin ApiOptions api;

  @Option(names = "--type", description = "Only this type: ingest, alert, forwarded, dlq")
  String type;

  @Option(
      names = {"-n", "--count"},
      description = "Stop after this many events (default: follow until stopped)")
  Integer count;

  @Override
  protected int execute() {
    AtomicInteger seen = new AtomicInteger();
    api.client().stream(
        "/api/v2/live",
        data -> {
          JsonObject event = parse(data);
          if (type != null && (event == null || !type.equals(event.getString("type")))) {
            return true;
          }
          out().println(json || event == null ? data : line(event));
          out().flush();
          return count == null || seen.incrementAndGet() < count;
        });
    return ExitCodes.OK;
  }

  private static JsonObject parse(String data) {
    try {
      return new JsonObject(data);
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  static String line(JsonObject e) {
    StringBuilder sb = new StringBuilder();
    Object ts = e.getValue("ts", e.getValue("timestamp", e.getValue("time")));
    if (ts != null) {
      sb.append(ts).append(' ');
    }
    sb.append(String.format("%-9s", e.getString("type", "event")));
    for (String k : e.fieldNames()) {
      if (k.equals("type") || k.equals("ts") || k.equals("timestamp") || k.equals("time")) {
        continue;
      }
      Object v = e.getValue(k);
      sb.append(' ')
          .append(k)
          .append('=')
          .append(v instanceof JsonObject || v instanceof JsonArray ? v.toString() : v);
    }
    return sb.toString();
  }
}
