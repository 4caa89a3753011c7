package io.mutt.alerter;

import io.mutt.pipeline.alerting.RuleSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The alerter's rule cache of one JVM: the current {@link RuleSet} snapshot, swapped atomically as
 * a whole by {@link RuleCacheVerticle} and read without locks by every consumer instance.
 */
public final class RuleCache {

  private final AtomicReference<RuleSet> current = new AtomicReference<>();

  /**
   * The current snapshot; null until the first load succeeded (consumers do not start before that).
   */
  public RuleSet current() {
    return current.get();
  }

  void swap(RuleSet next) {
    current.set(next);
  }
}
