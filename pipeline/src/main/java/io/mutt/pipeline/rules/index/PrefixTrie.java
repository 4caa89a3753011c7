package io.mutt.pipeline.rules.index;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Answers "the smallest value stored under any key that is a prefix of this text" in one walk along
 * the text: the OID index of the indexed rule matcher, where keys are normalised rule OIDs and
 * values are rule ranks. Edges are kept in flat arrays, sorted per node. Immutable and thread-safe.
 */
public final class PrefixTrie {

  /** Returned by {@link #minValueOfPrefixesOf} when no key is a prefix of the text. */
  public static final int NONE = Integer.MAX_VALUE;

  private final int[] edgeStart;
  private final char[] edgeChar;
  private final int[] edgeTarget;
  private final int[] value;

  private PrefixTrie(int[] edgeStart, char[] edgeChar, int[] edgeTarget, int[] value) {
    this.edgeStart = edgeStart;
    this.edgeChar = edgeChar;
    this.edgeTarget = edgeTarget;
    this.value = value;
  }

  /**
   * @param entries key → value; the empty key is allowed and is a prefix of every text
   */
  public static PrefixTrie of(Map<String, Integer> entries) {
    Map<Long, Integer> edges = new HashMap<>();
    int[] values = new int[16];
    Arrays.fill(values, NONE);
    int size = 1;
    for (Map.Entry<String, Integer> entry : entries.entrySet()) {
      int node = 0;
      for (char c : entry.getKey().toCharArray()) {
        long key = ((long) node << 16) | c;
        Integer child = edges.get(key);
        if (child == null) {
          child = size++;
          edges.put(key, child);
          if (size > values.length) {
            int old = values.length;
            values = Arrays.copyOf(values, old * 2);
            Arrays.fill(values, old, values.length, NONE);
          }
        }
        node = child;
      }
      values[node] = Math.min(values[node], entry.getValue());
    }
    return freeze(edges, Arrays.copyOf(values, size));
  }

  /** The smallest value among keys that are prefixes of {@code text}, or {@link #NONE}. */
  public int minValueOfPrefixesOf(CharSequence text) {
    int node = 0;
    int best = value[0];
    for (int i = 0, n = text.length(); i < n; i++) {
      node = child(node, text.charAt(i));
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

  private int child(int node, char c) {
    int lo = edgeStart[node];
    int hi = edgeStart[node + 1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      char m = edgeChar[mid];
      if (m < c) {
        lo = mid + 1;
      } else if (m > c) {
        hi = mid - 1;
      } else {
        return edgeTarget[mid];
      }
    }
    return -1;
  }

  /** Sorts the edge map by (parent, char) into compressed rows. */
  private static PrefixTrie freeze(Map<Long, Integer> edges, int[] values) {
    long[] keys = edges.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    int[] edgeStart = new int[values.length + 1];
    char[] edgeChar = new char[keys.length];
    int[] edgeTarget = new int[keys.length];
    for (int e = 0; e < keys.length; e++) {
      edgeStart[(int) (keys[e] >>> 16) + 1]++;
      edgeChar[e] = (char) (keys[e] & 0xFFFF);
      edgeTarget[e] = edges.get(keys[e]);
    }
    for (int s = 0; s < values.length; s++) {
      edgeStart[s + 1] += edgeStart[s];
    }
    return new PrefixTrie(edgeStart, edgeChar, edgeTarget, values);
  }
}
