package io.mutt.pipeline.rules.index;

/**
 * Failure and output links of a breadth-first numbered trie, and the dense transition rows derived
 * from them.
 *
 * @param fail longest proper suffix of each state that is also a trie state
 * @param firstOutput first state on the suffix chain (itself included) that ends a pattern, or -1
 * @param nextOutput next pattern-ending state on the suffix chain after this one, or -1
 */
record AhoCorasickLinks(int[] fail, int[] firstOutput, int[] nextOutput) {

  static AhoCorasickLinks compute(
      int size, int[] edgeStart, char[] edgeClass, int[] edgeTarget, int[] pattern) {
    int[] fail = new int[size];
    int[] firstOutput = new int[size];
    int[] nextOutput = new int[size];
    firstOutput[0] = -1;
    nextOutput[0] = -1;
    // Breadth-first numbering: a state's failure target is shallower, so already linked.
    for (int s = 0; s < size; s++) {
      for (int e = edgeStart[s]; e < edgeStart[s + 1]; e++) {
        int child = edgeTarget[e];
        int f = s == 0 ? 0 : follow(fail[s], edgeClass[e], fail, edgeStart, edgeClass, edgeTarget);
        fail[child] = f;
        nextOutput[child] = pattern[f] >= 0 ? f : nextOutput[f];
        firstOutput[child] = pattern[child] >= 0 ? child : nextOutput[child];
      }
    }
    return new AhoCorasickLinks(fail, firstOutput, nextOutput);
  }

  /**
   * Full transition rows for states {@code 0 .. denseStates-1}; class 0 always leads to the root.
   */
  int[] denseRows(
      int denseStates, int classes, int[] edgeStart, char[] edgeClass, int[] edgeTarget) {
    int[] dense = new int[denseStates * classes];
    for (int s = 0; s < denseStates; s++) {
      int row = s * classes;
      if (s > 0) {
        System.arraycopy(dense, fail[s] * classes, dense, row, classes);
      }
      for (int e = edgeStart[s]; e < edgeStart[s + 1]; e++) {
        dense[row + edgeClass[e]] = edgeTarget[e];
      }
      dense[row] = 0;
    }
    return dense;
  }

  /** The transition from {@code state} on {@code cls}, following failure links (trie only). */
  private static int follow(
      int state, char cls, int[] fail, int[] edgeStart, char[] edgeClass, int[] edgeTarget) {
    int s = state;
    while (true) {
      for (int e = edgeStart[s]; e < edgeStart[s + 1]; e++) {
        if (edgeClass[e] == cls) {
          return edgeTarget[e];
        }
      }
      if (s == 0) {
        return 0;
      }
      s = fail[s];
    }
  }
}
