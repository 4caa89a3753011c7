package io.mutt.forwarder;

import io.mutt.queue.DurableQueue;
import io.mutt.runtime.MuttRuntime;

/**
 * What the forwarder verticles of one JVM share: settings, the alert stream, where outcomes are
 * written, the shared rate limiter and circuit breaker, and the metrics.
 */
public record ForwarderShared(
    MuttRuntime rt,
    ForwarderSettings settings,
    DurableQueue queue,
    OutcomeStore outcomes,
    SharedRateLimiter limiter,
    SharedCircuitBreaker breaker,
    ForwarderMetrics metrics) {}
