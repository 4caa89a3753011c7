package io.mutt.contract;

/**
 * Event-bus addresses shared by the roles (local, or cluster-wide over Hazelcast when clustered).
 * Producers and consumers use these constants only; see docs/reference/redis-keys.md for the Redis
 * side of the same contracts.
 */
public final class BusAddresses {

  /** Live feed of decisions and deliveries for the dashboard (alerter and forwarder publish). */
  public static final String LIVE = "mutt.live";

  /**
   * Published by the web role after a rule, dev-host or team change; alerters reload their cache.
   */
  public static final String RULES_CHANGED = "mutt.rules.changed";

  /**
   * Published by the web role after a maintenance-window or silence change; every alerter reloads
   * its noise state (docs/adr/0027).
   */
  public static final String NOISE_CHANGED = "mutt.noise.changed";

  /** Published after a dynamic-config write so every JVM refreshes that key at once. */
  public static final String CONFIG_CHANGED = "mutt.config.changed";

  /** Published by a forwarder when the shared circuit breaker changes state. */
  public static final String CIRCUIT_STATE = "mutt.circuit.state";

  private BusAddresses() {}
}
