package io.mutt.pipeline.rules;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Per-event state of a {@link LiteralIndex} lookup. Receives literal hits from the automaton, keeps
 * the best {@code contains} rank seen so far, records which literals nominate regex rules, then
 * {@link #resolve}s: regex candidates ranked better than the best contains hit are confirmed with
 * RE2 in rank order, and the first confirmed one wins.
 */
final class CandidateScan implements IntConsumer {

  private final LiteralIndex index;
  private final MatchEvent event;
  private final int variant;
  private final int column;
  private int best;
  private int[] regexHits;
  private int hitCount;

  CandidateScan(LiteralIndex index, MatchEvent event, int bestSoFar) {
    this.index = index;
    this.event = event;
    this.variant = event.hasOid() ? 1 : 0;
    this.column = index.severities.columnOf(event.severity());
    this.best = bestSoFar;
  }

  @Override
  public void accept(int literal) {
    int base = (literal * 2 + variant) * index.severities.width();
    int rank = index.containsBest[base];
    if (column > 0) {
      rank = Math.min(rank, index.containsBest[base + column]);
    }
    best = Math.min(best, rank);
    if (index.regexRanks[literal] != null) {
      regexHits = add(regexHits, hitCount++, literal);
    }
  }

  int resolve() {
    if (hitCount == 0 && (index.alwaysCheck.length == 0 || index.alwaysCheck[0] >= best)) {
      return best;
    }
    int[] candidates = candidatesBelowBest();
    Arrays.sort(candidates);
    for (int i = 0; i < candidates.length; i++) {
      int rank = candidates[i];
      if ((i == 0 || candidates[i - 1] != rank) && confirms(index.rules.get(rank))) {
        return rank;
      }
    }
    return best;
  }

  private boolean confirms(CompiledRule rule) {
    return confirms(event, rule);
  }

  private int[] candidatesBelowBest() {
    return candidatesBelow(index, regexHits, hitCount, best);
  }

  /** Whether RE2 and the rule's other conditions confirm a nominated rule for {@code event}. */
  static boolean confirms(MatchEvent event, CompiledRule rule) {
    return !(event.hasOid() && rule.hasOid())
        && rule.severityAllows(event.severity())
        && rule.regexFinds(event.message());
  }

  /**
   * The ranks below {@code bound} that the first {@code hitCount} regex literal hits nominate, plus
   * the always-checked regex rules, unsorted and possibly repeated (sorts {@code regexHits}).
   */
  static int[] candidatesBelow(LiteralIndex index, int[] regexHits, int hitCount, int bound) {
    if (hitCount > 1) {
      Arrays.sort(regexHits, 0, hitCount);
    }
    int[] out = new int[8];
    int size = 0;
    for (int h = 0; h < hitCount; h++) {
      if (h > 0 && regexHits[h] == regexHits[h - 1]) {
        continue;
      }
      int[] ranks = index.regexRanks[regexHits[h]];
      for (int i = 0; i < ranks.length && ranks[i] < bound; i++) {
        out = add(out, size++, ranks[i]);
      }
    }
    int[] always = index.alwaysCheck;
    for (int i = 0; i < always.length && always[i] < bound; i++) {
      out = add(out, size++, always[i]);
    }
    return Arrays.copyOf(out, size);
  }

  /**
   * {@code array} with {@code value} stored at {@code at}: first made (8 long) when null, doubled
   * when full.
   */
  static int[] add(int[] array, int at, int value) {
    int[] target =
        array == null ? new int[8] : at == array.length ? Arrays.copyOf(array, at * 2) : array;
    target[at] = value;
    return target;
  }
}
