package io.mutt.pipeline.rules.index;

import java.util.function.IntConsumer;

/**
 * Aho–Corasick automaton: reports every occurrence of every pattern in one left-to-right pass over
 * the text, in time linear in the text plus the number of occurrences, whatever the number of
 * patterns. Used by the indexed rule matcher to find candidate rules.
 *
 * <p>Layout, all in flat {@code int} arrays: states are numbered breadth-first, so a failure link
 * always points to a smaller number. Characters are mapped to dense classes (0 = in no pattern,
 * which always leads back to the root). The first {@code denseStates} states — the shallow ones the
 * scan visits most — have a full transition row; deeper states keep only their trie edges and
 * follow failure links until they reach a dense state. This bounds memory while keeping the hot
 * path to one array read per character.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}.
 */
public final class AhoCorasick {

  private final char[] classOf;
  private final int classes;
  private final int denseStates;
  private final int[] dense;
  private final int[] edgeStart;
  private final char[] edgeClass;
  private final int[] edgeTarget;
  private final int[] fail;
  private final int[] pattern;
  private final int[] firstOutput;
  private final int[] nextOutput;
  private final int patternCount;

  AhoCorasick(AhoCorasickBuilder.Tables t) {
    this.classOf = t.classOf();
    this.classes = t.classes();
    this.denseStates = t.denseStates();
    this.dense = t.dense();
    this.edgeStart = t.edgeStart();
    this.edgeClass = t.edgeClass();
    this.edgeTarget = t.edgeTarget();
    this.fail = t.fail();
    this.pattern = t.pattern();
    this.firstOutput = t.firstOutput();
    this.nextOutput = t.nextOutput();
    this.patternCount = t.patternCount();
  }

  /** A builder that collects patterns and assigns them ids 0, 1, 2… in order of first addition. */
  public static AhoCorasickBuilder builder() {
    return new AhoCorasickBuilder();
  }

  /**
   * Calls {@code onMatch} with the pattern id of each occurrence, at the position where the
   * occurrence ends; a pattern found several times is reported several times.
   */
  public void scan(CharSequence text, IntConsumer onMatch) {
    int state = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      int cls = classOf[text.charAt(i)];
      if (cls == 0) {
        state = 0;
        continue;
      }
      state = step(state, cls);
      for (int out = firstOutput[state]; out >= 0; out = nextOutput[out]) {
        onMatch.accept(pattern[out]);
      }
    }
  }

  /** Whether any pattern occurs in {@code text}. */
  public boolean containsAny(CharSequence text) {
    boolean[] found = new boolean[1];
    scan(text, id -> found[0] = true);
    return found[0];
  }

  public int patternCount() {
    return patternCount;
  }

  public int stateCount() {
    return fail.length;
  }

  /** States with a full transition row; the rest use trie edges and failure links. */
  public int denseStateCount() {
    return denseStates;
  }

  private int step(int state, int cls) {
    int s = state;
    while (s >= denseStates) {
      int target = edge(s, cls);
      if (target >= 0) {
        return target;
      }
      s = fail[s];
    }
    return dense[s * classes + cls];
  }

  private int edge(int state, int cls) {
    for (int e = edgeStart[state], end = edgeStart[state + 1]; e < end; e++) {
      if (edgeClass[e] == cls) {
        return edgeTarget[e];
      }
    }
    return -1;
  }
}
