package io.mutt.pipeline.rules;

import java.util.Collection;
import java.util.List;

/**
 * Finds the rule that handles an event: active rules in priority order (lower number first, ties by
 * id), first match wins.
 *
 * <p>For each rule: when the event's {@code trap_oid} and the rule's are both non-empty, the rule
 * matches iff it is {@code oid_prefix} and the event OID starts with the rule OID (one leading
 * {@code .} stripped from both), and nothing else is tested. Otherwise, when the message and the
 * rule's {@code match_string} are both non-empty, a non-null rule severity must equal the
 * {@linkplain Severity#coerce coerced} event severity, then {@code contains} is a case-insensitive
 * substring test ({@code toLowerCase(Locale.ROOT)} on both sides) and {@code regex} a
 * case-insensitive RE2 search anywhere. Anything else does not match.
 *
 * <p>Implementations are immutable and safe to share between threads; build a new one when the rule
 * cache reloads.
 */
public interface RuleMatcher {

  /**
   * @param message the event's {@code message}; null is treated as ""
   * @param trapOid the event's {@code trap_oid}; null is treated as ""
   * @param syslogSeverity the event's raw {@code syslog_severity} (number, numeric string or name)
   * @return the winning rule, or null when no rule matches
   */
  Rule match(String message, String trapOid, Object syslogSeverity);

  /**
   * Number of rules the matcher evaluates: active rules minus {@linkplain #rejected rejected} ones.
   */
  int size();

  /** Active rules left out, in priority order (regex rules whose pattern does not compile). */
  List<RuleProblem> rejected();

  /** Tests every rule in order; the reference implementation. */
  static RuleMatcher naive(Collection<Rule> rules) {
    return new NaiveRuleMatcher(PreparedRules.of(rules));
  }

  /**
   * Same answers as {@link #naive}, with per-event cost that grows sublinearly with the number of
   * rules: an Aho–Corasick scan over rule literals plus an OID prefix trie find candidates, which
   * are then confirmed in priority order.
   */
  static RuleMatcher indexed(Collection<Rule> rules) {
    return IndexedRuleMatcher.create(PreparedRules.of(rules));
  }
}
