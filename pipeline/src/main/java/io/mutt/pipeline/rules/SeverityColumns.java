package io.mutt.pipeline.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers the distinct rule severities 1..n so the literal index can keep, per literal, the best
 * rule for "any severity" (column 0) and for each specific severity. An event severity no rule uses
 * maps to column 0 alone.
 */
final class SeverityColumns {

  private final Map<Integer, Integer> columns;

  private SeverityColumns(Map<Integer, Integer> columns) {
    this.columns = columns;
  }

  static SeverityColumns of(List<CompiledRule> rules) {
    Map<Integer, Integer> columns = new HashMap<>();
    for (CompiledRule rule : rules) {
      Integer severity = rule.rule().syslogSeverity();
      if (severity != null) {
        columns.putIfAbsent(severity, columns.size() + 1);
      }
    }
    return new SeverityColumns(columns);
  }

  /** Columns per literal: "any" plus one per distinct rule severity. */
  int width() {
    return columns.size() + 1;
  }

  /** The column of a rule's or event's severity; 0 for null or a severity no rule uses. */
  int columnOf(Integer severity) {
    return severity == null ? 0 : columns.getOrDefault(severity, 0);
  }
}
