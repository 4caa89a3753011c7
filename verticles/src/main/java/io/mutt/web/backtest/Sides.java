package io.mutt.web.backtest;

import io.mutt.pipeline.backtest.Draft;
import io.mutt.pipeline.backtest.DraftMatcher;
import io.mutt.pipeline.clearing.ClearingRules;
import io.mutt.pipeline.noise.NoiseEngine;
import java.util.Map;
import java.util.Set;

/**
 * The two sides a backtest decides every event with, compiled: the rules of both (one matcher that
 * names each side's winner), the development hosts (a draft does not change them), the windows and
 * silences, and the clearing patterns of each side.
 */
record Sides(
    DraftMatcher matcher,
    Set<String> devHosts,
    NoiseEngine noise,
    NoiseEngine draftNoise,
    ClearingRules clearing,
    ClearingRules draftClearing) {

  /**
   * Applies {@code draft} to {@code base} and compiles both sides (RE2 patterns: CPU work, for a
   * worker thread). A stored clearing pattern that no longer compiles is left out of both sides, as
   * the alerter leaves it out.
   */
  static Sides of(Baseline base, Map<String, Object> draft) {
    var rules = base.tables().rules();
    Draft.Applied applied =
        Draft.apply(draft, rules.raw(), base.noise().windows(), base.noise().silences());
    return new Sides(
        DraftMatcher.of(rules.rules(), applied.rules()),
        Set.copyOf(base.tables().devHosts()),
        base.noise(),
        new NoiseEngine(applied.windows(), applied.silences()),
        ClearingRules.fromRows(rules.rules(), rules.raw(), (r, e) -> {}),
        applied.clearing());
  }
}
