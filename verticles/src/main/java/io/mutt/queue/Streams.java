package io.mutt.queue;

import io.mutt.contract.ConsumerGroups;
import io.mutt.runtime.MuttRuntime;

/** The two durable queues of the pipeline, over their stream partitions (ADR 0031). */
public final class Streams {

  private Streams() {}

  /** The ingest stream, read by the {@code alerter} group. */
  public static DurableQueue ingest(MuttRuntime rt) {
    return DurableQueue.partitioned(
        rt.redis(), rt.keys(), rt.keys().ingestPartitions, ConsumerGroups.ALERTER, leaseMs(rt));
  }

  /** The alert stream, read by the {@code forwarder} group. */
  public static DurableQueue alerts(MuttRuntime rt) {
    return DurableQueue.partitioned(
        rt.redis(),
        rt.keys(),
        rt.keys().alertPartitions.stream().map(s -> s.stream()).toList(),
        ConsumerGroups.FORWARDER,
        leaseMs(rt));
  }

  private static long leaseMs(MuttRuntime rt) {
    return rt.config().atLeast("REDIS_PARTITION_LEASE_MS", 10_000, 300);
  }
}
