package io.mutt.pipeline.noise;

import java.time.Instant;
import java.util.List;

/**
 * An ad-hoc silence: from {@code start} (inclusive) to {@code expiry} (exclusive), matched events
 * meeting all its matchers are audited and not forwarded.
 */
public record Silence(
    long id, List<Matcher> matchers, Instant start, Instant expiry, String author, String comment) {

  public Silence {
    matchers = List.copyOf(matchers);
  }

  public boolean activeAt(Instant t) {
    return !t.isBefore(start) && t.isBefore(expiry);
  }
}
