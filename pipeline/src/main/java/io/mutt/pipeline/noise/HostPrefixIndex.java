package io.mutt.pipeline.noise;

import io.mutt.pipeline.rules.index.CharTrie;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The literal hostname prefixes of glob and regex matchers as a trie (ADR 0028): one walk along the
 * hostname ({@link #child} from {@link #ROOT}) visits every stored prefix of it, with no substring
 * or hash computed per prefix length. The prefixes form a {@link CharTrie}. Immutable and
 * thread-safe.
 *
 * @param <T> what is stored under a prefix
 */
final class HostPrefixIndex<T> {

  private final CharTrie trie;
  private final Object[] values;
  private final boolean empty;

  private HostPrefixIndex(CharTrie trie, Object[] values, boolean empty) {
    this.trie = trie;
    this.values = values;
    this.empty = empty;
  }

  /**
   * @param entries non-empty prefix → value
   */
  static <T> HostPrefixIndex<T> of(Map<String, T> entries) {
    CharTrie trie = CharTrie.of(entries.keySet());
    Object[] values = new Object[trie.nodeCount()];
    entries.forEach((prefix, value) -> values[trie.node(prefix)] = value);
    return new HostPrefixIndex<>(trie, values, entries.isEmpty());
  }

  static <T> HostPrefixIndex<T> empty() {
    return of(new HashMap<>());
  }

  boolean isEmpty() {
    return empty;
  }

  /** The root, where a walk along a hostname starts. */
  static final int ROOT = CharTrie.ROOT;

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
    return trie.child(node, c);
  }

  @Override
  public String toString() {
    return "HostPrefixIndex" + Arrays.toString(values);
  }
}
