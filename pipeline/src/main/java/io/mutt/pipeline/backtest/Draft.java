package io.mutt.pipeline.backtest;

import io.mutt.pipeline.clearing.ClearingRules;
import io.mutt.pipeline.noise.MaintenanceWindow;
import io.mutt.pipeline.noise.NoiseSpecs;
import io.mutt.pipeline.noise.Silence;
import io.mutt.pipeline.rules.Rule;
import io.mutt.pipeline.validation.InvalidInput;
import io.mutt.pipeline.validation.RuleValidator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A draft change of configuration applied to the current one (docs/reference/noise.md, backtest):
 * {@code {"rules": {"add": [...], "change": [{"id": 2, ...fields}], "remove": [3]}, "windows":
 * {"add": [...], "remove": [..]}, "silences": {"add": [...], "remove": [..]}}}. Added rules get ids
 * -1, -2, ... in order; every part is validated as the API validates it, and errors name the field
 * ({@code draft.rules.add[0].prod_handling}).
 */
public final class Draft {

  /**
   * The configuration after the draft.
   *
   * @param rules the active rules in priority order
   * @param clearing their clearing parts (ADR 0038)
   */
  public record Applied(
      List<Rule> rules,
      ClearingRules clearing,
      List<MaintenanceWindow> windows,
      List<Silence> silences) {}

  private Draft() {}

  /**
   * @param ruleRows the active rules as rows keyed by column name ({@code alert_rules}, the
   *     clearing and flapping columns included)
   */
  public static Applied apply(
      Map<String, Object> draft,
      List<? extends Map<String, ?>> ruleRows,
      List<MaintenanceWindow> windows,
      List<Silence> silences) {
    known(draft, "draft", List.of("rules", "windows", "silences"));
    Map<String, Object> r = part(draft, "rules", List.of("add", "change", "remove"));
    Map<Integer, Rule> byId = new LinkedHashMap<>();
    Map<Integer, Map<String, ?>> rowById = new HashMap<>();
    for (Map<String, ?> row : ruleRows) {
      Rule rule = Rule.fromMap(row);
      byId.put(rule.id(), rule);
      rowById.put(rule.id(), row);
    }
    for (Integer id : ids(r.get("remove"), "draft.rules.remove")) {
      if (byId.remove(id) == null) {
        throw new InvalidInput("draft.rules.remove", "draft.rules.remove: no active rule " + id);
      }
    }
    List<Map<String, Object>> changes = maps(r.get("change"), "draft.rules.change");
    for (int i = 0; i < changes.size(); i++) {
      String f = "draft.rules.change[" + i + "]";
      Map<String, Object> c = changes.get(i);
      Integer id = c.get("id") instanceof Number n ? n.intValue() : null;
      Rule current = id == null ? null : byId.get(id);
      if (current == null) {
        throw new InvalidInput(f + ".id", f + ".id must name an active rule");
      }
      Map<String, Object> fields = new LinkedHashMap<>(c);
      fields.remove("id");
      Map<String, Object> merged = new LinkedHashMap<>(rowById.get(id));
      try {
        merged.putAll(RuleValidator.forUpdate(fields, merged));
      } catch (InvalidInput e) {
        throw new InvalidInput(f + "." + e.field(), f + ": " + e.getMessage());
      }
      byId.put(id, Rule.fromMap(merged));
      rowById.put(id, merged);
    }
    List<Map<String, Object>> adds = maps(r.get("add"), "draft.rules.add");
    for (int i = 0; i < adds.size(); i++) {
      String f = "draft.rules.add[" + i + "]";
      Map<String, Object> fields;
      try {
        fields = new LinkedHashMap<>(RuleValidator.forCreate(adds.get(i)));
      } catch (InvalidInput e) {
        throw new InvalidInput(f + "." + e.field(), f + ": " + e.getMessage());
      }
      fields.put("id", -(i + 1));
      byId.put(-(i + 1), Rule.fromMap(fields));
      rowById.put(-(i + 1), fields);
    }
    List<Rule> outRules = new ArrayList<>();
    byId.values().stream().filter(Rule::active).forEach(outRules::add);
    outRules.sort(Comparator.comparingInt(Rule::priority).thenComparingInt(Rule::id));
    ClearingRules clearing =
        ClearingRules.fromRows(
            outRules, outRules.stream().map(x -> rowById.get(x.id())).toList(), (x, e) -> {});

    Map<String, Object> w = part(draft, "windows", List.of("add", "remove"));
    List<MaintenanceWindow> outWindows = new ArrayList<>(windows);
    List<Integer> removeW = ids(w.get("remove"), "draft.windows.remove");
    outWindows.removeIf(x -> removeW.contains((int) x.id()));
    List<Map<String, Object>> addW = maps(w.get("add"), "draft.windows.add");
    for (int i = 0; i < addW.size(); i++) {
      Map<String, Object> body = addW.get(i);
      long id = -(i + 1L);
      outWindows.add(prefixed("draft.windows.add[" + i + "]", () -> NoiseSpecs.window(id, body)));
    }
    Map<String, Object> s = part(draft, "silences", List.of("add", "remove"));
    List<Silence> outSilences = new ArrayList<>(silences);
    List<Integer> removeS = ids(s.get("remove"), "draft.silences.remove");
    outSilences.removeIf(x -> removeS.contains((int) x.id()));
    List<Map<String, Object>> addS = maps(s.get("add"), "draft.silences.add");
    for (int i = 0; i < addS.size(); i++) {
      Map<String, Object> body = addS.get(i);
      long id = -(i + 1L);
      outSilences.add(
          prefixed(
              "draft.silences.add[" + i + "]",
              () ->
                  NoiseSpecs.silence(
                      id, withAuthor(body), Instant.EPOCH, Duration.ofDays(36500), false)));
    }
    return new Applied(outRules, clearing, outWindows, outSilences);
  }

  private static Map<String, Object> withAuthor(Map<String, Object> body) {
    Map<String, Object> b = new LinkedHashMap<>(body);
    b.putIfAbsent("author", "backtest");
    b.putIfAbsent("comment", "draft");
    return b;
  }

  private static <T> T prefixed(String field, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidInput e) {
      throw new InvalidInput(field + "." + e.field(), field + ": " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> part(
      Map<String, Object> draft, String name, List<String> keys) {
    Object v = draft.get(name);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map)) {
      throw new InvalidInput("draft." + name, "draft." + name + " must be an object");
    }
    Map<String, Object> part = (Map<String, Object>) v;
    known(part, "draft." + name, keys);
    return part;
  }

  /**
   * Refuses a key the draft does not know, naming it: a misspelt one would otherwise change
   * nothing, and the backtest would answer that the draft changes nothing.
   */
  private static void known(Map<String, ?> object, String field, List<String> keys) {
    for (String k : object.keySet()) {
      if (!keys.contains(k)) {
        throw new InvalidInput(
            field + "." + k,
            field + "." + k + " is not a draft field (" + String.join(", ", keys) + ")");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(Object v, String field) {
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list) || !list.stream().allMatch(x -> x instanceof Map)) {
      throw new InvalidInput(field, field + " must be an array of objects");
    }
    return (List<Map<String, Object>>) v;
  }

  private static List<Integer> ids(Object v, String field) {
    if (v == null) {
      return List.of();
    }
    List<Integer> out = new ArrayList<>();
    if (v instanceof List<?> list) {
      for (Object o : list) {
        if (!(o instanceof Number n) || n.doubleValue() != n.intValue()) {
          throw new InvalidInput(field, field + " must be an array of ids");
        }
        out.add(n.intValue());
      }
      return out;
    }
    throw new InvalidInput(field, field + " must be an array of ids");
  }
}
