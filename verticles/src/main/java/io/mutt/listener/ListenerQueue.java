package io.mutt.listener;

import io.mutt.ingest.DepthLedger;
import io.mutt.ingest.EventWriter;
import io.mutt.ingest.IngestSettings;
import io.mutt.ingest.QueueDepthSampler;
import io.mutt.queue.DurableQueue;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ingest queue as a listener module sees it, with the HTTP path's guarantees: the same cap
 * ({@code MAX_INGEST_QUEUE_SIZE}, dynamic {@code max_ingest_queue_size}) checked against a sampled
 * depth ledger, and the same durable append ({@link EventWriter}: one MULTI/EXEC per event-loop
 * turn, dashboard counters included). One per module per JVM; {@link #writer} once per event loop.
 */
public final class ListenerQueue {

  private final MuttRuntime rt;
  private final long staticCap;
  private final DurableQueue queue;
  private final QueueDepthSampler sampler;
  private final DepthLedger ledger;
  private final String source;

  private ListenerQueue(MuttRuntime rt, AtomicLong depthGauge, String source) {
    IngestSettings settings = IngestSettings.from(rt.config());
    this.rt = rt;
    this.staticCap = settings.staticCap();
    this.queue = io.mutt.queue.Streams.ingest(rt);
    this.sampler = new QueueDepthSampler(queue, settings.depthSampleMs(), depthGauge);
    this.ledger = sampler.ledger();
    this.source = source;
  }

  /**
   * Deploys the depth sampling (published in {@code depthGauge}; stopped with the other verticles)
   * and makes sure the alerter's consumer group exists. {@code source} ({@code CounterKeys.SYSLOG},
   * {@code CounterKeys.TRAPS}) names the events in the dashboard's per-source counters.
   */
  public static Future<ListenerQueue> start(MuttRuntime rt, AtomicLong depthGauge, String source) {
    ListenerQueue q = new ListenerQueue(rt, depthGauge, source);
    return q.queue.ensureGroup().compose(v -> rt.vertx().deployVerticle(q.sampler)).map(id -> q);
  }

  /** The writer for the event loop of {@code context}. */
  public EventWriter writer(Context context) {
    return EventWriter.unlimited(rt.redis(), context, rt.keys(), source, rt.replicaAcks());
  }

  /** Reserves room for {@code n} events under the cap; false = the queue is full. */
  public boolean reserve(int n) {
    long cap = rt.dynamic().getLong("max_ingest_queue_size", staticCap);
    return ledger.reserve(n, cap).admitted();
  }

  /** The reserved events are in Redis. */
  public void written(int n) {
    ledger.written(n);
  }

  /** The reserved events were not written. */
  public void released(int n) {
    ledger.released(n);
  }
}
