package io.mutt.pipeline.clearing;

import io.mutt.pipeline.rules.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The clearing parts of the active rules, in rule priority order (ADR 0038). An event's message is
 * checked against every clearing pattern before rule matching; the first that finds it makes the
 * event a clearing event of that rule. Few rules have a clearing pattern, so the check is a plain
 * scan; with none it costs nothing.
 */
public final class ClearingRules {

  private static final ClearingRules NONE = new ClearingRules(List.of());

  private final ClearingRule[] inOrder;
  private final Map<Integer, ClearingRule> byRule = new HashMap<>();

  /**
   * @param rules clearing parts in the rules' priority order
   */
  public ClearingRules(List<ClearingRule> rules) {
    this.inOrder = rules.toArray(new ClearingRule[0]);
    for (ClearingRule c : inOrder) {
      byRule.put(c.rule().id(), c);
    }
  }

  /**
   * The clearing parts of rules read from rows keyed by column name ({@link ClearingRule#fromMap}).
   *
   * @param rules the rules in priority order
   * @param rows each rule's row, in the same order
   * @param skipped told of a rule whose stored pattern does not compile (left out)
   */
  public static ClearingRules fromRows(
      List<Rule> rules,
      List<? extends Map<String, ?>> rows,
      BiConsumer<Rule, RuntimeException> skipped) {
    List<ClearingRule> out = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      try {
        ClearingRule c = ClearingRule.fromMap(rules.get(i), rows.get(i));
        if (c != null) {
          out.add(c);
        }
      } catch (RuntimeException e) {
        skipped.accept(rules.get(i), e);
      }
    }
    return out.isEmpty() ? NONE : new ClearingRules(out);
  }

  public static ClearingRules none() {
    return NONE;
  }

  public boolean isEmpty() {
    return inOrder.length == 0;
  }

  public int size() {
    return inOrder.length;
  }

  /** The first rule (by priority) whose clearing pattern finds the message, or null. */
  public ClearingRule clearedBy(String message) {
    for (ClearingRule c : inOrder) {
      if (c.clears(message)) {
        return c;
      }
    }
    return null;
  }

  /** The clearing part of a rule, or null when the rule has none. */
  public ClearingRule of(int ruleId) {
    return inOrder.length == 0 ? null : byRule.get(ruleId);
  }
}
