package io.mutt.contract;

import io.mutt.config.ConfigException;
import io.mutt.config.MuttConfig;
import io.mutt.redis.RedisMode;

/**
 * Every Redis key name MUTT uses, in one place (docs/reference/redis-keys.md). Names come from the
 * spec's environment variables; {@code MUTT_KEY_PREFIX} replaces the leading {@code mutt} of every
 * default so that several deployments (or test runs) can share one Redis.
 */
public final class RedisKeys {

  private final String prefix;
  public final String ingestQueue;
  public final String alertQueue;
  public final String alerterDlq;
  public final String moogDlq;
  public final String deadLetters;
  public final String metricsPrefix;
  public final String unhandledPrefix;
  public final String moogRateLimit;

  /** Permits currently in Moogsoft's shared rate window (beside {@link #moogRateLimit}). */
  public final String moogRatePermits;

  public final String ingestRateLimit;
  public final String configPrefix;
  public final String configUpdatesChannel;
  public final String circuitPrefix;
  public final String remediationLeader;

  /** Hash: DLQ short name → {@link DrainReport} JSON, written by the remediation leader. */
  public final String remediationDrain;

  public final String retentionLeader;
  public final String retentionLastRun;
  public final String retentionLastSuccess;
  public final String notifierLeader;
  public final String notifyState;
  public final String notifyLog;
  public final String moogRetry;
  public final String circuitState;
  public final String circuitFailures;
  public final String circuitOpenTime;
  public final String circuitProbe;
  public final String sloCounters;
  public final CounterKeys counters;

  /** Per-alert "already published" marks (ADR 0003), in the alert stream's Cluster slot. */
  public final String alertSeenPrefix;

  /** Open coalescing windows, one hash per coalescing key (ADR 0016). */
  public final String coalescePrefix;

  /** Sorted set of coalescing windows that hold repeats, scored by the window's end (ms). */
  public final String coalesceDue;

  /** Cluster-wide count of repeats folded into coalesced updates (for the dashboard). */
  public final String coalescedTotal;

  /** Cluster-wide milliseconds alerter consumers spent deferring (for the dashboard). */
  public final String deferredMillis;

  /**
   * Clearing and flapping state, one hash per key ({@code <flapState><rule id>:<hostname>:<sha1-16
   * of the captured key>}, ADR 0038); all in one Redis Cluster slot with {@link #flapSettle}.
   */
  public final String flapState;

  /** Sorted set of flapping state keys, scored by when they count as stable (ms). */
  public final String flapSettle;

  /**
   * Marks of maintenance-window ends already audited ({@code <prefix><window id>:<end ms>}), so
   * that one alerter of the cluster writes each end's audit row.
   */
  public final String windowEndPrefix;

  /** How the ingest and alert streams are partitioned ({@code REDIS_PARTITIONS}, ADR 0031). */
  public final StreamPartitions partitions;

  /** The ingest stream's partitions; one partition = {@link #ingestQueue} alone. */
  public final java.util.List<String> ingestPartitions;

  /** The alert stream's partitions with their keys; one partition = today's names. */
  public final java.util.List<AlertSlot> alertPartitions;

  /**
   * One partition of the alert stream and the keys the alerter's publish script and the forwarder's
   * coalescing flush use with it, all in the partition's Redis Cluster slot.
   *
   * @param stream the stream partition
   * @param seenPrefix per-event "already published" marks (ADR 0003)
   * @param coalescePrefix open coalescing windows (ADR 0016)
   * @param coalesceDue the windows holding repeats, scored by their end (ms)
   */
  public record AlertSlot(
      int partition, String stream, String seenPrefix, String coalescePrefix, String coalesceDue) {

    /**
     * The hash of the seen marks claimed in one time bucket (ADR 0003): {@code index} = claim time
     * ÷ {@code bucketSeconds}.
     */
    public String seenBucket(long bucketSeconds, long index) {
      return seenPrefix + "bucket:" + bucketSeconds + ":" + index;
    }

    /**
     * The hash of the coalescing windows opened in one window length (ADR 0016): {@code index} =
     * opening time ÷ {@code windowMs}.
     */
    public String openWindows(long windowMs, long index) {
      return coalescePrefix + "open:" + windowMs + ":" + index;
    }
  }

  public RedisKeys(MuttConfig c) {
    this.prefix = RedisMode.keyPrefix(c);
    this.ingestQueue = name(c.string("INGEST_QUEUE_NAME", "mutt:ingest_queue"));
    this.alertQueue = name(c.string("ALERT_QUEUE_NAME", "mutt:alert_queue"));
    this.alerterDlq = name(c.string("ALERTER_DLQ_NAME", "mutt:dlq:alerter"));
    this.moogDlq = name(c.string("MOOG_DLQ_NAME", "mutt:dlq:moog"));
    this.deadLetters = name(c.string("DEAD_LETTER_QUEUE", "mutt:dlq:dead"));
    this.metricsPrefix = name(c.string("METRICS_PREFIX", "mutt:metrics"));
    this.unhandledPrefix = name(c.string("UNHANDLED_PREFIX", "mutt:unhandled"));
    this.moogRateLimit = name(c.string("MOOG_RATE_LIMIT_KEY", "mutt:rate_limit:moog"));
    this.moogRatePermits = permitCount(moogRateLimit);
    this.ingestRateLimit = name("mutt:rate_limit:ingestor");
    this.configPrefix = name("mutt:config:");
    this.configUpdatesChannel = name("mutt:config:updates");
    this.circuitPrefix = name("mutt:circuit_breaker:moogsoft:");
    this.remediationLeader = name("mutt:leader:remediation");
    this.remediationDrain = name("mutt:remediation:drain");
    this.retentionLeader = name("mutt:leader:retention");
    this.retentionLastRun = name("mutt:retention:last_run");
    this.retentionLastSuccess = name("mutt:retention:last_success");
    this.notifierLeader = name("mutt:leader:notifier");
    this.notifyState = name("mutt:notify:state");
    this.notifyLog = name("mutt:notify:log");
    this.moogRetry = name("mutt:retry:moog");
    this.circuitState = circuitPrefix + "state";
    this.circuitFailures = circuitPrefix + "failures";
    this.circuitOpenTime = circuitPrefix + "open_time";
    this.circuitProbe = circuitPrefix + "probe";
    this.sloCounters = name("mutt:slo:counters");
    this.counters = new CounterKeys(metricsPrefix);
    String alertSlot = slotTagged(alertQueue);
    this.alertSeenPrefix = alertSlot + ":seen:";
    this.coalescePrefix = alertSlot + ":coalesce:";
    this.coalesceDue = alertSlot + ":coalesce_due";
    this.coalescedTotal = alertSlot + ":coalesced_total";
    this.deferredMillis = metricsPrefix + ":deferred_ms_total";
    String flapSlot = slotTagged(name("mutt:flap"));
    this.flapState = flapSlot + ":key:";
    this.flapSettle = flapSlot + ":settle";
    this.windowEndPrefix = name("mutt:noise:window_end:");
    int n = c.intValue("REDIS_PARTITIONS", 1);
    if (n < 1 || n > StreamPartitions.MAX) {
      throw new io.mutt.config.ConfigException(
          "REDIS_PARTITIONS must be between 1 and " + StreamPartitions.MAX + ", got " + n);
    }
    this.partitions = new StreamPartitions(n);
    this.ingestPartitions = java.util.List.copyOf(partitions.keys(ingestQueue));
    java.util.List<AlertSlot> slots = new java.util.ArrayList<>();
    if (!partitions.partitioned()) {
      slots.add(new AlertSlot(0, alertQueue, alertSeenPrefix, coalescePrefix, coalesceDue));
    } else {
      for (int i = 0; i < partitions.count(); i++) {
        String stream = partitions.key(alertQueue, i);
        slots.add(
            new AlertSlot(
                i, stream, stream + ":seen:", stream + ":coalesce:", stream + ":coalesce_due"));
      }
    }
    this.alertPartitions = java.util.List.copyOf(slots);
    if (RedisMode.isCluster(c)) {
      requireSlot("INGEST_QUEUE_NAME", ingestQueue);
      requireSlot("ALERT_QUEUE_NAME", alertQueue);
      requireSlot("ALERTER_DLQ_NAME", alerterDlq);
      requireSlot("MOOG_DLQ_NAME", moogDlq);
      requireSlot("DEAD_LETTER_QUEUE", deadLetters);
      requireSlot("METRICS_PREFIX", metricsPrefix);
      requireSlot("UNHANDLED_PREFIX", unhandledPrefix);
      requireSlot("MOOG_RATE_LIMIT_KEY", moogRateLimit);
    }
  }

  /** The alert-stream partition (and its keys) of a hostname. */
  public AlertSlot alertSlot(String hostname) {
    return alertPartitions.get(partitions.of(hostname));
  }

  /**
   * The unhandled-counter prefix of a hostname: {@link #unhandledPrefix} with one partition, else
   * that prefix tagged with the host's partition, so a counter and its {@code :triggered} and
   * {@code :trigger} keys share one slot.
   */
  public String unhandledPrefix(String hostname) {
    return partitions.key(unhandledPrefix, partitions.of(hostname));
  }

  /**
   * Sorted set of the live consumers of a consumer group over partitioned streams: member = the
   * consumer's name, score = the end of its heartbeat lease (Redis clock, ms).
   */
  public String partitionMembers(String group) {
    return slotTagged(name("mutt:partitions:" + group)) + ":members";
  }

  /** The lease of one partition in a consumer group: the owning consumer's name. */
  public String partitionOwner(String group, int partition) {
    return slotTagged(name("mutt:partitions:" + group)) + ":owner:" + partition;
  }

  /**
   * On Redis Cluster (whose prefix carries a hash tag) every key must carry the prefix's tag, so
   * the scripts and transactions that touch several of them stay in one slot; a renamed key without
   * it stops the start.
   */
  private void requireSlot(String setting, String key) {
    String tag = RedisMode.hashTag(prefix);
    if (!tag.equals(RedisMode.hashTag(key))) {
      throw new ConfigException(
          setting
              + " must carry the hash tag {"
              + tag
              + "} of MUTT_KEY_PREFIX (every MUTT key shares one Redis Cluster slot), got '"
              + key
              + "'");
    }
  }

  /**
   * {@code key} itself when it already holds a Redis Cluster hash tag, else {@code {key}}: keys
   * built on the result live in the same slot as {@code key}, so one script may touch them all.
   */
  static String slotTagged(String key) {
    int open = key.indexOf('{');
    boolean tagged = open >= 0 && key.indexOf('}', open + 2) > open + 1;
    return tagged ? key : "{" + key + "}";
  }

  /** The permit-count key kept beside a sliding-window rate-limit set. */
  public static String permitCount(String rateLimitKey) {
    return rateLimitKey + ":permits";
  }

  /** Applies the deployment prefix to a default name that starts with {@code mutt:}. */
  public String name(String configured) {
    if (!prefix.equals("mutt") && configured.startsWith("mutt:")) {
      return prefix + configured.substring(4);
    }
    return configured;
  }

  public String prefix() {
    return prefix;
  }

  /** The short names of the three DLQs, as the API and the CLI name them. */
  public static final java.util.List<String> DLQ_NAMES =
      java.util.List.of("alerter", "moog", "dead");

  /** The DLQ list for a short name used by the API (alerter, moog, dead), or null. */
  public String dlq(String shortName) {
    return switch (shortName) {
      case "alerter" -> alerterDlq;
      case "moog" -> moogDlq;
      case "dead" -> deadLetters;
      default -> null;
    };
  }
}
