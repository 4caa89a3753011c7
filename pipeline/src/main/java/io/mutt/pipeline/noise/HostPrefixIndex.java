package io.mutt.pipeline.noise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The literal hostname prefixes of glob and regex matchers as a trie (ADR 0028): one walk along the
 * hostname ({@link #child} from {@link #ROOT}) visits every stored prefix of it, with no substring
 * or hash computed per prefix length. Edges are flat arrays sorted per node. Immutable and
 * thread-safe.
 *
 * @param <T> what is stored under a prefix
 */
final class HostPrefixIndex<T> {

  private final int[] edgeStart;
  private final char[] edgeChar;
  private final int[] edgeTarget;
  private final Object[] values;
  private final boolean empty;

  private HostPrefixIndex(
      int[] edgeStart, char[] edgeChar, int[] edgeTarget, Object[] values, boolean empty) {
    this.edgeStart = edgeStart;
    this.edgeChar = edgeChar;
    this.edgeTarget = edgeTarget;
    this.values = values;
    this.empty = empty;
  }

  /**
   * @param entries non-empty prefix → value
   */
  static <T> HostPrefixIndex<T> of(Map<String, T> entries) {
    List<Map<Character, Integer>> children = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    children.add(new TreeMap<>());
    values.add(null);
    for (Map.Entry<String, T> e : entries.entrySet()) {
      int node = 0;
      for (char c : e.getKey().toCharArray()) {
        Integer child = children.get(node).get(c);
        if (child == null) {
          child = children.size();
          children.get(node).put(c, child);
          children.add(new TreeMap<>());
          values.add(null);
        }
        node = child;
      }
      values.set(node, e.getValue());
    }
    int n = children.size();
    int edges = children.stream().mapToInt(Map::size).sum();
    int[] start = new int[n + 1];
    char[] chars = new char[edges];
    int[] targets = new int[edges];
    int k = 0;
    for (int node = 0; node < n; node++) {
      start[node] = k;
      for (Map.Entry<Character, Integer> edge : children.get(node).entrySet()) {
        chars[k] = edge.getKey();
        targets[k++] = edge.getValue();
      }
    }
    start[n] = k;
    return new HostPrefixIndex<>(start, chars, targets, values.toArray(), entries.isEmpty());
  }

  static <T> HostPrefixIndex<T> empty() {
    return of(new HashMap<>());
  }

  boolean isEmpty() {
    return empty;
  }

  /** The root, where a walk along a hostname starts. */
  static final int ROOT = 0;

  /** The value stored at a node (its path is a stored key), or null. */
  @SuppressWarnings("unchecked")
  T value(int node) {
    return (T) values[node];
  }

  /**
   * The node reached from {@code node} by {@code c}, or -1 when no stored key continues that way.
   * Walking a hostname from {@link #ROOT} char by char visits every stored prefix of it.
   */
  int child(int node, char c) {
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

  @Override
  public String toString() {
    return "HostPrefixIndex" + Arrays.toString(values);
  }
}
