package io.mutt.pipeline.noise;

/**
 * What the noise matchers see of one matched event: its hostname and message, and the team and rule
 * id that routing gave it.
 */
public record NoiseEvent(String hostname, String message, String team, int ruleId) {}
