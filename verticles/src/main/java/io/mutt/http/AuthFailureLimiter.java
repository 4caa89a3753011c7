package io.mutt.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mutt.config.MuttConfig;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-client limit on authentication failures (a wrong API key, a wrong login): after {@code
 * AUTH_FAILURE_LIMIT} failures within {@code AUTH_FAILURE_WINDOW_SECONDS} from one client address,
 * every further attempt from that address is answered 429 with {@code Retry-After} until the oldest
 * failure leaves the window. Requests without any key do not count (they guess nothing). Counted in
 * {@code mutt_auth_failures_total{server}} and {@code mutt_auth_lockouts_total{server}}. Shared by
 * the instances of one server in a JVM; the table holds at most {@value #MAX_CLIENTS} addresses.
 */
public final class AuthFailureLimiter {

  static final int MAX_CLIENTS = 100_000;

  private final int limit;
  private final long windowMs;
  private final Counter failures;
  private final Counter lockouts;
  private final Map<String, ArrayDeque<Long>> byClient = new ConcurrentHashMap<>();

  public AuthFailureLimiter(int limit, long windowSeconds, MeterRegistry registry, String server) {
    this.limit = limit;
    this.windowMs = windowSeconds * 1000;
    this.failures =
        Counter.builder("mutt.auth.failures")
            .description("requests refused for a missing match of API key or login")
            .tag("server", server)
            .register(registry);
    this.lockouts =
        Counter.builder("mutt.auth.lockouts")
            .description("attempts answered 429 because the client failed too often")
            .tag("server", server)
            .register(registry);
  }

  public static AuthFailureLimiter from(MuttConfig c, MeterRegistry registry, String server) {
    return new AuthFailureLimiter(
        c.atLeast("AUTH_FAILURE_LIMIT", 10, 1),
        c.atLeast("AUTH_FAILURE_WINDOW_SECONDS", 60, 1),
        registry,
        server);
  }

  /**
   * Seconds the client must wait before it may try again, or 0 when it may try now. A positive
   * answer is counted as a lockout.
   */
  public long retryAfterSeconds(String client) {
    ArrayDeque<Long> q = byClient.get(client);
    if (q == null) {
      return 0;
    }
    long now = System.currentTimeMillis();
    synchronized (q) {
      prune(q, now);
      if (q.size() < limit) {
        return 0;
      }
      lockouts.increment();
      return Math.max(1, (q.peekFirst() + windowMs - now + 999) / 1000);
    }
  }

  /** Records one failure of this client. */
  public void failed(String client) {
    failures.increment();
    long now = System.currentTimeMillis();
    if (byClient.size() >= MAX_CLIENTS) {
      sweep(now);
    }
    ArrayDeque<Long> q = byClient.computeIfAbsent(client, k -> new ArrayDeque<>());
    synchronized (q) {
      prune(q, now);
      q.addLast(now);
      while (q.size() > limit) {
        q.removeFirst();
      }
    }
  }

  private void prune(ArrayDeque<Long> q, long now) {
    while (!q.isEmpty() && q.peekFirst() <= now - windowMs) {
      q.removeFirst();
    }
  }

  private void sweep(long now) {
    for (Iterator<ArrayDeque<Long>> it = byClient.values().iterator(); it.hasNext(); ) {
      ArrayDeque<Long> q = it.next();
      synchronized (q) {
        prune(q, now);
        if (q.isEmpty()) {
          it.remove();
        }
      }
    }
    if (byClient.size() >= MAX_CLIENTS) {
      byClient.clear();
    }
  }
}
