package io.mutt.pipeline.rules.index;

import java.util.Arrays;
import java.util.Map;

/**
 * Answers "the smallest value stored under any key that is a prefix of this text" in one walk along
 * the text: the OID index of the indexed rule matcher, where keys are normalised rule OIDs and
 * values are rule ranks. The keys form a {@link CharTrie}. Immutable and thread-safe.
 */
public final class PrefixTrie {

  /** Returned by {@link #minValueOfPrefixesOf} when no key is a prefix of the text. */
  public static final int NONE = Integer.MAX_VALUE;

  private final CharTrie trie;
  private final int[] value;

  private PrefixTrie(CharTrie trie, int[] value) {
    this.trie = trie;
    this.value = value;
  }

  /**
   * @param entries key → value; the empty key is allowed and is a prefix of every text
   */
  public static PrefixTrie of(Map<String, Integer> entries) {
    CharTrie trie = CharTrie.of(entries.keySet());
    int[] values = new int[trie.nodeCount()];
    Arrays.fill(values, NONE);
    for (Map.Entry<String, Integer> entry : entries.entrySet()) {
      int node = trie.node(entry.getKey());
      values[node] = Math.min(values[node], entry.getValue());
    }
    return new PrefixTrie(trie, values);
  }

  /** The smallest value among keys that are prefixes of {@code text}, or {@link #NONE}. */
  public int minValueOfPrefixesOf(CharSequence text) {
    int node = CharTrie.ROOT;
    int best = value[node];
    for (int i = 0, n = text.length(); i < n; i++) {
      node = trie.child(node, text.charAt(i));
      if (node < 0) {
        break;
      }
      best = Math.min(best, value[node]);
    }
    return best;
  }

  public int nodeCount() {
    return value.length;
  }
}
