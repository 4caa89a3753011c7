package io.mutt.contract;

/** Redis stream consumer-group names: the group that reads each stream. */
public final class ConsumerGroups {

  /** Alerters read the ingest queue in this group. */
  public static final String ALERTER = "alerter";

  /** Forwarders read the alert queue in this group. */
  public static final String FORWARDER = "forwarder";

  private ConsumerGroups() {}
}
