package io.mutt.pipeline.rules;

/**
 * An active rule the matcher had to leave out ("a rule whose pattern does not compile is dropped
 * (logged)").
 *
 * @param ruleId the rule's id
 * @param reason human-readable cause, e.g. RE2/J's parse error
 */
public record RuleProblem(int ruleId, String reason) {}
