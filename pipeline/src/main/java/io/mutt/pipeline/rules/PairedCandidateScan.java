package io.mutt.pipeline.rules;

import static io.mutt.pipeline.rules.CandidateScan.add;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * {@link CandidateScan} for two configurations at once over one {@link LiteralIndex} of the union
 * of their rules: one automaton pass keeps the best {@code contains} rank of each configuration,
 * then regex candidates ranked better than either best are confirmed with RE2 in rank order, each
 * at most once, and the first confirmed one of each configuration wins there.
 */
final class PairedCandidateScan implements IntConsumer {

  private final LiteralIndex index;
  private final byte[] member;
  private final MatchEvent event;
  private final int variant;
  private final int column;
  int best0;
  int best1;
  private int[] regexHits;
  private int hitCount;

  PairedCandidateScan(LiteralIndex index, byte[] member, MatchEvent event, int best0, int best1) {
    this.index = index;
    this.member = member;
    this.event = event;
    this.variant = event.hasOid() ? 1 : 0;
    this.column = index.severities.columnOf(event.severity());
    this.best0 = best0;
    this.best1 = best1;
  }

  @Override
  public void accept(int literal) {
    int base = (literal * 2 + variant) * index.severities.width();
    int[] t0 = index.containsBestOf[0];
    int[] t1 = index.containsBestOf[1];
    int r0 = t0[base];
    int r1 = t1[base];
    if (column > 0) {
      r0 = Math.min(r0, t0[base + column]);
      r1 = Math.min(r1, t1[base + column]);
    }
    best0 = Math.min(best0, r0);
    best1 = Math.min(best1, r1);
    if (index.regexRanks[literal] != null) {
      regexHits = add(regexHits, hitCount++, literal);
    }
  }

  /** Settles {@link #best0} and {@link #best1}. */
  void resolve() {
    int worst = Math.max(best0, best1);
    if (hitCount == 0 && (index.alwaysCheck.length == 0 || index.alwaysCheck[0] >= worst)) {
      return;
    }
    int[] candidates = candidatesBelow(worst);
    Arrays.sort(candidates);
    for (int i = 0; i < candidates.length; i++) {
      int rank = candidates[i];
      if (rank >= Math.max(best0, best1)) {
        return;
      }
      if (i > 0 && candidates[i - 1] == rank) {
        continue;
      }
      boolean for0 = (member[rank] & 1) != 0 && rank < best0;
      boolean for1 = (member[rank] & 2) != 0 && rank < best1;
      if ((for0 || for1) && confirms(index.rules.get(rank))) {
        if (for0) {
          best0 = rank;
        }
        if (for1) {
          best1 = rank;
        }
      }
    }
  }

  private boolean confirms(CompiledRule rule) {
    return CandidateScan.confirms(event, rule);
  }

  private int[] candidatesBelow(int bound) {
    return CandidateScan.candidatesBelow(index, regexHits, hitCount, bound);
  }
}
