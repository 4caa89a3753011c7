package io.mutt.web;

import io.mutt.contract.BusAddresses;
import io.mutt.pipeline.routing.Routing;
import io.mutt.pipeline.routing.RoutingDecision;
import io.mutt.pipeline.rules.Rule;
import io.mutt.pipeline.rules.RuleMatcher;
import io.mutt.pipeline.rules.RuleProblem;
import io.mutt.pipeline.validation.InvalidInput;
import io.mutt.pipeline.validation.RuleValidator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rule tester (v2 extension): {@code POST /api/v2/rules/test} with {@code event} or {@code
 * events} (up to 1000) and an optional unsaved {@code rule}, or with a bare event object or a bare
 * array of events; answers per event the winning rule, environment, handling and whether an alert
 * would be forwarded — with the alerter's matcher ({@link RuleMatcher#indexed}) and routing over
 * the active rules and dev hosts, cached here and reloaded when {@link
 * io.mutt.contract.BusAddresses#RULES_CHANGED} announces a change.
 */
public final class RuleTester {

  private static final String RULES =
      "SELECT " + RulesApi.COLUMNS + " FROM alert_rules WHERE is_active = true";
  private static final String DEV_HOSTS = "SELECT hostname FROM development_hosts";

  private final Pool pg;
  private Future<Snapshot> snapshot;

  record Snapshot(List<Rule> rules, Set<String> devHosts, RuleMatcher matcher) {}

  private final int maxMatchChars;

  public RuleTester(Vertx vertx, Pool pg, int maxMatchChars) {
    this.pg = pg;
    this.maxMatchChars = maxMatchChars;
    vertx.eventBus().consumer(BusAddresses.RULES_CHANGED, msg -> snapshot = null);
  }

  public void mount(Router r, String base) {
    r.post(base + "/rules/test").handler(this::handleTest);
  }

  private Future<Snapshot> snapshot() {
    Future<Snapshot> s = snapshot;
    if (s == null || s.failed()) {
      Future<List<Rule>> rules =
          pg.query(RULES)
              .execute()
              .map(
                  rows -> {
                    List<Rule> out = new ArrayList<>();
                    rows.forEach(row -> out.add(Rule.fromMap(RulesApi.toJson(row).getMap())));
                    return out;
                  });
      Future<Set<String>> hosts =
          pg.query(DEV_HOSTS)
              .execute()
              .map(
                  rows -> {
                    Set<String> out = new HashSet<>();
                    rows.forEach(row -> out.add(row.getString(0)));
                    return out;
                  });
      s =
          Future.all(rules, hosts)
              .map(
                  x ->
                      new Snapshot(
                          rules.result(), hosts.result(), RuleMatcher.indexed(rules.result())));
      snapshot = s;
    }
    return s;
  }

  private void handleTest(RoutingContext ctx) {
    Object given = Http.objectOrArrayBody(ctx);
    JsonObject body =
        given instanceof JsonArray bare
            ? new JsonObject().put("events", bare)
            : wrapped((JsonObject) given);
    List<JsonObject> events = events(body);
    Object draftBody = body.getValue("rule");
    if (draftBody != null && !(draftBody instanceof JsonObject)) {
      throw new InvalidInput("rule", "rule must be a JSON object");
    }
    snapshot()
        .onSuccess(
            snap -> {
              try {
                Http.ok(ctx, 200, run(snap, events, (JsonObject) draftBody));
              } catch (RuntimeException e) {
                Http.fail(ctx, e);
              }
            })
        .onFailure(err -> Http.fail(ctx, err));
  }

  private JsonObject run(Snapshot snap, List<JsonObject> events, JsonObject draftBody) {
    RuleMatcher matcher = snap.matcher();
    Integer draftId = null;
    if (draftBody != null) {
      Map<String, Object> fields = RuleValidator.forDraft(draftBody.getMap());
      Object givenId = draftBody.getValue("id");
      int id =
          givenId instanceof Integer i
              ? i
              : snap.rules().stream().mapToInt(Rule::id).max().orElse(0) + 1;
      fields.put("id", id);
      fields.put("is_active", true);
      Rule draft = Rule.fromMap(fields);
      List<Rule> rules = new ArrayList<>(snap.rules().stream().filter(r -> r.id() != id).toList());
      rules.add(draft);
      matcher = RuleMatcher.indexed(rules);
      draftId = id;
    }
    JsonArray results = new JsonArray();
    for (int i = 0; i < events.size(); i++) {
      JsonObject e = events.get(i);
      String hostname =
          e.getValue("hostname") == null ? null : String.valueOf(e.getValue("hostname"));
      Rule rule =
          matcher.match(
              bounded(text(e, "message")), text(e, "trap_oid"), e.getValue("syslog_severity"));
      JsonObject res =
          new JsonObject().put("index", i).put("hostname", hostname).put("matched", rule != null);
      if (rule == null) {
        res.put(
                "environment",
                hostname != null && snap.devHosts().contains(hostname) ? "dev" : "prod")
            .put("handling", null)
            .put("forwarded", false)
            .put("unhandled", true);
      } else {
        RoutingDecision d = Routing.decide(rule, hostname, snap.devHosts());
        res.put("rule_id", rule.id())
            .put("draft", draftId != null && draftId == rule.id())
            .put("rule", new JsonObject(rule.toMap()))
            .put("environment", d.environment().label())
            .put("handling", d.handling())
            .put("forwarded", d.forward())
            .put("team", d.team());
      }
      results.add(res);
    }
    JsonArray rejected = new JsonArray();
    for (RuleProblem p : matcher.rejected()) {
      rejected.add(new JsonObject().put("rule_id", p.ruleId()).put("reason", p.reason()));
    }
    return new JsonObject()
        .put("results", results)
        .put("rules_evaluated", matcher.size())
        .put("rejected", rejected);
  }

  private static String text(JsonObject e, String key) {
    Object v = e.getValue(key);
    return v == null ? null : String.valueOf(v);
  }

  /**
   * A body with {@code event}, {@code events} or {@code rule} is the request form; any other
   * non-empty object is one bare event.
   */
  private static JsonObject wrapped(JsonObject body) {
    if (body.isEmpty()
        || body.containsKey("event")
        || body.containsKey("events")
        || body.containsKey("rule")) {
      return body;
    }
    return new JsonObject().put("event", body);
  }

  private static List<JsonObject> events(JsonObject body) {
    List<JsonObject> out = new ArrayList<>();
    Object event = body.getValue("event");
    Object events = body.getValue("events");
    if (event != null && events != null) {
      throw new InvalidInput("events", "Give event or events, not both");
    }
    if (event != null) {
      if (!(event instanceof JsonObject o)) {
        throw new InvalidInput("event", "event must be a JSON object");
      }
      out.add(o);
    } else if (events != null) {
      if (!(events instanceof JsonArray arr)) {
        throw new InvalidInput("events", "events must be an array of JSON objects");
      }
      for (int i = 0; i < arr.size(); i++) {
        if (!(arr.getValue(i) instanceof JsonObject o)) {
          throw new InvalidInput("events", "events[" + i + "] must be a JSON object");
        }
        out.add(o);
      }
    }
    if (out.isEmpty() || out.size() > 1000) {
      throw new InvalidInput(
          "events", "Give event (one JSON object) or events (1 to 1000 JSON objects)");
    }
    return out;
  }

  /** Like the alerter, rules see at most the first RULE_MATCH_MAX_CHARS characters. */
  private String bounded(String message) {
    return message == null || message.length() <= maxMatchChars
        ? message
        : message.substring(0, maxMatchChars);
  }
}
