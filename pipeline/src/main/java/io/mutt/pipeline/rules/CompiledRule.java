package io.mutt.pipeline.rules;

import com.google.re2j.Pattern;
import java.util.Locale;

/**
 * One active rule ready for matching: its place in priority order, lower-cased literal, normalised
 * OID and compiled pattern. {@link #matches} is the matching rule of {@link RuleMatcher} for a
 * single rule.
 */
final class CompiledRule {

  private final Rule rule;
  private final int rank;
  private final boolean hasOid;
  private final String oidPrefix;
  private final boolean hasMatchString;
  private final String lowerLiteral;
  private final Pattern pattern;

  CompiledRule(Rule rule, int rank, Pattern pattern) {
    this.rule = rule;
    this.rank = rank;
    this.hasOid = rule.trapOid() != null && !rule.trapOid().isEmpty();
    this.oidPrefix = Oids.normalise(rule.trapOid());
    this.hasMatchString = rule.matchString() != null && !rule.matchString().isEmpty();
    this.lowerLiteral = hasMatchString ? rule.matchString().toLowerCase(Locale.ROOT) : "";
    this.pattern = pattern;
  }

  boolean matches(MatchEvent event) {
    if (event.hasOid() && hasOid) {
      return isOidPrefix() && event.oid().startsWith(oidPrefix);
    }
    if (!event.hasMessage() || !hasMatchString || !severityAllows(event.severity())) {
      return false;
    }
    if (isContains()) {
      return event.lowerMessage().contains(lowerLiteral);
    }
    return isRegex() && regexFinds(event.message());
  }

  boolean severityAllows(Integer eventSeverity) {
    return rule.syslogSeverity() == null || rule.syslogSeverity().equals(eventSeverity);
  }

  /** The RE2 source the pattern was compiled from (after Python translation). */
  String regexSource() {
    return pattern.pattern();
  }

  boolean regexFinds(String message) {
    return pattern.matcher(message).find();
  }

  Rule rule() {
    return rule;
  }

  int rank() {
    return rank;
  }

  boolean hasOid() {
    return hasOid;
  }

  String oidPrefix() {
    return oidPrefix;
  }

  boolean hasMatchString() {
    return hasMatchString;
  }

  String lowerLiteral() {
    return lowerLiteral;
  }

  boolean isOidPrefix() {
    return Rule.OID_PREFIX.equals(rule.matchType());
  }

  boolean isContains() {
    return Rule.CONTAINS.equals(rule.matchType());
  }

  boolean isRegex() {
    return Rule.REGEX.equals(rule.matchType()) && pattern != null;
  }
}
