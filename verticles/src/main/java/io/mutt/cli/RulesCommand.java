package io.mutt.cli;

import io.mutt.pipeline.routing.Routing;
import io.mutt.pipeline.routing.RoutingDecision;
import io.mutt.pipeline.rules.Rule;
import io.mutt.pipeline.rules.RuleMatcher;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mutt rules test --file event.json}: which rule handles an event and what happens to it.
 * Online it asks the web API ({@code POST /api/v2/rules/test}); {@code --offline} reads the active
 * rules and development hosts from PostgreSQL and runs the same {@link RuleMatcher} and {@link
 * Routing} the alerter runs.
 */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "Work with alert rules.",
    subcommands = RulesCommand.Test.class)
public final class RulesCommand extends CommandGroup {

  public RulesCommand() {
    super("test");
  }

  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      description =
          "Show the rule matching each event of a JSON file (one event, an array,"
              + " or {\"events\":[...]}).")
  static final class Test extends CliCommand {
    @Mixin ApiOptions api;

    @Mixin SettingsOptions settings;

    @Option(
        names = {"-f", "--file"},
        required = true,
        paramLabel = "FILE",
        description = "Event JSON file ('-' = stdin)")
    String file;

    @Option(
        names = "--offline",
        description =
            "Match locally against the rules in PostgreSQL (DB_*, else the local embedded one)")
    boolean offline;

    @Override
    protected int execute() throws Exception {
      JsonArray events = readEvents();
      JsonObject answer = offline ? offline(events) : online(events);
      print(answer, render(answer));
      return ExitCodes.OK;
    }

    private JsonArray readEvents() throws IOException {
      String text =
          file.equals("-")
              ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
              : readFile(Path.of(file));
      Object parsed;
      try {
        parsed = Json.decodeValue(text);
      } catch (DecodeException e) {
        throw usage(file + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
      }
      if (parsed instanceof JsonArray a) {
        return a;
      }
      if (parsed instanceof JsonObject o) {
        return o.getValue("events") instanceof JsonArray a ? a : new JsonArray().add(o);
      }
      throw usage(file + " must hold a JSON object or array of events");
    }

    private static String readFile(Path p) throws IOException {
      if (!Files.isReadable(p)) {
        throw usage("cannot read event file " + p);
      }
      return Files.readString(p, StandardCharsets.UTF_8);
    }

    private JsonObject online(JsonArray events) {
      Object res = api.client().post("/api/v2/rules/test", new JsonObject().put("events", events));
      return res instanceof JsonObject o ? o : new JsonObject().put("results", res);
    }

    private JsonObject offline(JsonArray events) throws SQLException {
      List<Rule> rules = new ArrayList<>();
      Set<String> devHosts = new HashSet<>();
      try (LocalDatabase local = new LocalDatabase(settings.load());
          Connection c = connect(local);
          Statement st = c.createStatement()) {
        try (ResultSet rs = st.executeQuery("SELECT * FROM alert_rules WHERE is_active = true")) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            Map<String, Object> row = new HashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              row.put(md.getColumnLabel(i), rs.getObject(i));
            }
            rules.add(Rule.fromMap(row));
          }
        }
        try (ResultSet rs = st.executeQuery("SELECT hostname FROM development_hosts")) {
          while (rs.next()) {
            devHosts.add(rs.getString(1));
          }
        }
      }
      RuleMatcher matcher = RuleMatcher.indexed(rules);
      JsonArray results = new JsonArray();
      for (int i = 0; i < events.size(); i++) {
        results.add(decide(i, events.getValue(i), matcher, devHosts));
      }
      return new JsonObject()
          .put("results", results)
          .put("rules_loaded", matcher.size())
          .put("offline", true);
    }

    private static Connection connect(LocalDatabase local) throws SQLException {
      Properties p = new Properties();
      p.setProperty("user", local.db.user());
      if (local.password != null) {
        p.setProperty("password", local.password);
      }
      return DriverManager.getConnection(local.db.jdbcUrl(), p);
    }

    static JsonObject decide(int index, Object raw, RuleMatcher matcher, Set<String> devHosts) {
      JsonObject out = new JsonObject().put("index", index);
      if (!(raw instanceof JsonObject event)) {
        return out.put("matched", false).put("error", "event is not a JSON object");
      }
      String hostname =
          event.getValue("hostname") == null ? null : event.getValue("hostname").toString();
      out.put("hostname", hostname);
      Rule rule =
          matcher.match(
              str(event.getValue("message")),
              str(event.getValue("trap_oid")),
              event.getValue("syslog_severity"));
      if (rule == null) {
        return out.put("matched", false)
            .putNull("rule_id")
            .putNull("handling")
            .put("forwarded", false);
      }
      RoutingDecision d = Routing.decide(rule, hostname, devHosts);
      return out.put("matched", true)
          .put("rule_id", rule.id())
          .put("handling", d.handling())
          .put("forwarded", d.forward())
          .put("team", d.team())
          .put("environment", d.environment().label());
    }

    private static String str(Object o) {
      return o == null ? null : o.toString();
    }

    static String render(JsonObject answer) {
      JsonArray results = answer.getValue("results") instanceof JsonArray a ? a : new JsonArray();
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < results.size(); i++) {
        Object o = results.getValue(i);
        if (!(o instanceof JsonObject r)) {
          continue;
        }
        Object ruleId = first(r, "rule_id", "matched_rule_id");
        if (ruleId == null && r.getValue("rule") instanceof JsonObject rule) {
          ruleId = rule.getValue("id");
        }
        Object handling = first(r, "handling", "handling_decision");
        Object forward = first(r, "forward", "forwarded", "forward_to_moog");
        sb.append(String.format("#%s %s: ", r.getValue("index", i), r.getValue("hostname", "?")));
        if (r.getValue("error") != null) {
          sb.append("error: ").append(r.getValue("error"));
        } else if (ruleId == null) {
          sb.append("no rule matches (unhandled)");
        } else {
          sb.append("rule ")
              .append(ruleId)
              .append(", handling ")
              .append(handling)
              .append(", ")
              .append(Boolean.TRUE.equals(forward) ? "forwarded to Moogsoft" : "not forwarded");
          if (r.getValue("team") != null) {
            sb.append(", team ").append(r.getValue("team"));
          }
          if (r.getValue("environment") != null) {
            sb.append(" (").append(r.getValue("environment")).append(")");
          }
        }
        sb.append('\n');
      }
      return sb.length() == 0 ? "(no results)" : sb.toString();
    }

    private static Object first(JsonObject o, String... keys) {
      for (String k : keys) {
        if (o.getValue(k) != null) {
          return o.getValue(k);
        }
      }
      return null;
    }
  }
}
