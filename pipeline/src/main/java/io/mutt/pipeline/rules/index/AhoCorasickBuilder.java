package io.mutt.pipeline.rules.index;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds an {@link AhoCorasick} automaton: trie, breadth-first renumbering, failure and output
 * links, then the dense transition rows. Not thread-safe; use once.
 */
public final class AhoCorasickBuilder {

  /** Default cap on dense-row entries (ints): 4M = 16 MiB. */
  public static final int DEFAULT_DENSE_BUDGET = 4 << 20;

  record Tables(
      char[] classOf,
      int classes,
      int denseStates,
      int[] dense,
      int[] edgeStart,
      char[] edgeClass,
      int[] edgeTarget,
      int[] fail,
      int[] pattern,
      int[] firstOutput,
      int[] nextOutput,
      int patternCount) {}

  private final Map<String, Integer> ids = new LinkedHashMap<>();
  private int denseBudget = DEFAULT_DENSE_BUDGET;
  private boolean foldLatin1;

  AhoCorasickBuilder() {}

  /**
   * Adds a pattern, matched exactly (callers lower-case both sides for case-insensitive search).
   *
   * @return the pattern's id; adding the same text again returns the same id
   */
  public int add(String patternText) {
    if (patternText.isEmpty()) {
      throw new IllegalArgumentException("empty pattern");
    }
    return ids.computeIfAbsent(patternText, text -> ids.size());
  }

  /** Caps the number of dense-row entries; small values exercise the failure-link path in tests. */
  public AhoCorasickBuilder denseBudget(int entries) {
    this.denseBudget = entries;
    return this;
  }

  /**
   * Reads upper-case Latin-1 letters ({@code A–Z}, {@code À–Þ}) as their lower case, in patterns
   * and text alike. For text made only of Latin-1 characters this equals scanning {@code
   * text.toLowerCase(Locale.ROOT)}, without building that string.
   */
  public AhoCorasickBuilder foldLatin1Case() {
    this.foldLatin1 = true;
    return this;
  }

  public AhoCorasick build() {
    char[] classOf = new char[Character.MAX_VALUE + 1];
    int classes = 1;
    for (String text : ids.keySet()) {
      for (int i = 0; i < text.length(); i++) {
        char c = fold(text.charAt(i));
        if (classOf[c] == 0) {
          classOf[c] = (char) classes++;
        }
      }
    }
    for (char c = 0; foldLatin1 && c <= 0xFF; c++) {
      classOf[c] = classOf[fold(c)];
    }
    Trie trie = new Trie(classOf);
    ids.forEach(trie::insert);
    return new AhoCorasick(trie.link(classOf, classes, denseBudget, ids.size()));
  }

  private char fold(char c) {
    return foldLatin1 && c <= 0xFF ? Character.toLowerCase(c) : c;
  }

  /**
   * The goto trie, first in insertion numbering, then renumbered breadth-first by {@link #link}.
   */
  private static final class Trie {
    private final char[] classOf;
    private final Map<Long, Integer> edges = new HashMap<>();
    private int[] firstChild = new int[16];
    private int[] nextSibling = new int[16];
    private char[] label = new char[16];
    private int[] pattern = new int[16];
    private int size = 1;

    Trie(char[] classOf) {
      this.classOf = classOf;
      Arrays.fill(firstChild, -1);
      Arrays.fill(pattern, -1);
    }

    void insert(String text, int id) {
      int node = 0;
      for (int i = 0; i < text.length(); i++) {
        char cls = classOf[text.charAt(i)];
        long key = ((long) node << 16) | cls;
        Integer child = edges.get(key);
        if (child == null) {
          child = newNode(node, cls);
          edges.put(key, child);
        }
        node = child;
      }
      pattern[node] = id;
    }

    private int newNode(int parent, char cls) {
      if (size == firstChild.length) {
        int grown = size * 2;
        firstChild = Arrays.copyOf(firstChild, grown);
        nextSibling = Arrays.copyOf(nextSibling, grown);
        label = Arrays.copyOf(label, grown);
        pattern = Arrays.copyOf(pattern, grown);
        Arrays.fill(firstChild, size, grown, -1);
        Arrays.fill(pattern, size, grown, -1);
      }
      int node = size++;
      label[node] = cls;
      nextSibling[node] = firstChild[parent];
      firstChild[parent] = node;
      return node;
    }

    Tables link(char[] classes0, int classes, int denseBudget, int patternCount) {
      int[] order = breadthFirstOrder();
      int[] renumber = new int[size];
      for (int i = 0; i < size; i++) {
        renumber[order[i]] = i;
      }
      int[] edgeStart = new int[size + 1];
      char[] edgeClass = new char[Math.max(0, size - 1)];
      int[] edgeTarget = new int[Math.max(0, size - 1)];
      int[] newPattern = new int[size];
      int e = 0;
      for (int s = 0; s < size; s++) {
        int old = order[s];
        newPattern[s] = pattern[old];
        edgeStart[s] = e;
        for (int c = firstChild[old]; c >= 0; c = nextSibling[c]) {
          edgeClass[e] = label[c];
          edgeTarget[e++] = renumber[c];
        }
      }
      edgeStart[size] = e;
      AhoCorasickLinks links =
          AhoCorasickLinks.compute(size, edgeStart, edgeClass, edgeTarget, newPattern);
      int denseStates = (int) Math.max(1, Math.min(size, (long) denseBudget / classes));
      int[] dense = links.denseRows(denseStates, classes, edgeStart, edgeClass, edgeTarget);
      return new Tables(
          classes0,
          classes,
          denseStates,
          dense,
          edgeStart,
          edgeClass,
          edgeTarget,
          links.fail(),
          newPattern,
          links.firstOutput(),
          links.nextOutput(),
          patternCount);
    }

    private int[] breadthFirstOrder() {
      int[] order = new int[size];
      int head = 0;
      int tail = 1;
      while (head < tail) {
        for (int c = firstChild[order[head++]]; c >= 0; c = nextSibling[c]) {
          order[tail++] = c;
        }
      }
      return order;
    }
  }
}
