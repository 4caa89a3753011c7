package io.mutt.pipeline.rules.index;

import java.util.HashMap;
import java.util.Map;

/**
 * The shape of a character trie over a set of keys, without values: nodes are numbered from {@link
 * #ROOT} and each node's edges are kept in flat arrays sorted by character, so one walk along a
 * text ({@link #child}) visits the node of every stored key that is a prefix of it. The tries that
 * carry values ({@link PrefixTrie}, the noise engine's hostname-prefix index) keep them in arrays
 * indexed by node. Immutable and thread-safe.
 */
public final class CharTrie {

  /** The root: the node of the empty key, where every walk starts. */
  public static final int ROOT = 0;

  private final int[] edgeStart;
  private final char[] edgeChar;
  private final int[] edgeTarget;

  private CharTrie(int[] edgeStart, char[] edgeChar, int[] edgeTarget) {
    this.edgeStart = edgeStart;
    this.edgeChar = edgeChar;
    this.edgeTarget = edgeTarget;
  }

  /** The trie of these keys (the empty key is the root). */
  public static CharTrie of(Iterable<String> keys) {
    Map<Long, Integer> edges = new HashMap<>();
    int size = 1;
    for (String key : keys) {
      int node = ROOT;
      for (int i = 0; i < key.length(); i++) {
        long edge = ((long) node << 16) | key.charAt(i);
        Integer child = edges.get(edge);
        if (child == null) {
          child = size++;
          edges.put(edge, child);
        }
        node = child;
      }
    }
    return freeze(edges, size);
  }

  /** How many nodes there are; nodes are numbered 0 to this count - 1. */
  public int nodeCount() {
    return edgeStart.length - 1;
  }

  /**
   * The node reached from {@code node} by {@code c}, or -1 when no stored key continues that way.
   */
  public int child(int node, char c) {
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

  /** The node of a stored key, or -1 when it is not stored (nor a prefix of a stored key). */
  public int node(String key) {
    int node = ROOT;
    for (int i = 0; i < key.length() && node >= 0; i++) {
      node = child(node, key.charAt(i));
    }
    return node;
  }

  /** Sorts the edge map by (parent, char) into compressed rows. */
  private static CharTrie freeze(Map<Long, Integer> edges, int nodes) {
    long[] keys = edges.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    int[] edgeStart = new int[nodes + 1];
    char[] edgeChar = new char[keys.length];
    int[] edgeTarget = new int[keys.length];
    for (int e = 0; e < keys.length; e++) {
      edgeStart[(int) (keys[e] >>> 16) + 1]++;
      edgeChar[e] = (char) (keys[e] & 0xFFFF);
      edgeTarget[e] = edges.get(keys[e]);
    }
    for (int s = 0; s < nodes; s++) {
      edgeStart[s + 1] += edgeStart[s];
    }
    return new CharTrie(edgeStart, edgeChar, edgeTarget);
  }
}
