package io.mutt.ingest;

import io.mutt.http.ApiKeys;
import io.mutt.pipeline.ratelimit.MemberIds;
import io.mutt.runtime.MuttRuntime;

/**
 * What every ingest verticle instance of a JVM shares: the runtime, settings, the body scanner, the
 * queue-depth ledger, the metrics, the accepted API keys and the limiter's member ids. Built once
 * by {@link IngestModule}.
 */
record IngestServices(
    MuttRuntime rt,
    IngestSettings settings,
    EventScanner scanner,
    DepthLedger ledger,
    IngestMetrics metrics,
    ApiKeys apiKeys,
    MemberIds members) {}
