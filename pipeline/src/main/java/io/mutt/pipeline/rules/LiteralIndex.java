package io.mutt.pipeline.rules;

import io.mutt.pipeline.rules.index.AhoCorasick;
import io.mutt.pipeline.rules.index.AhoCorasickBuilder;
import io.mutt.pipeline.rules.index.RegexLiterals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The message half of the indexed matcher. Every {@code contains} literal and every required
 * literal of a {@code regex} rule goes into one Aho–Corasick automaton over lower-case text (a
 * Latin-1 message is folded during the scan instead of being copied). A {@code contains} hit is a
 * match outright, so per literal only the best rank is kept, split by event kind (with or without
 * OID: rules having a {@code trap_oid} don't take part for OID events) and by severity column. A
 * regex hit only nominates candidates, which RE2 confirms in priority order; each regex contributes
 * the literal set that is rarest across the rule set ({@link RegexLiteralChoice}). Regexes with no
 * extractable literal are always candidates.
 */
final class LiteralIndex {

  static final int NONE = Integer.MAX_VALUE;

  final List<CompiledRule> rules;
  final AhoCorasick automaton;
  final SeverityColumns severities;

  /** Best contains rank at ((literal * 2 + eventHasOid) * width + column). */
  final int[] containsBest;

  /** Ascending ranks of the regex rules nominated by each literal; null when none. */
  final int[][] regexRanks;

  /** Ascending ranks of regex rules without a required literal. */
  final int[] alwaysCheck;

  /**
   * For a {@link PairedRuleMatcher}: {@link #containsBest} of the rules in configuration 0 and 1
   * ({@code member[rank]} bit 1 and bit 2); null otherwise.
   */
  final int[][] containsBestOf;

  private LiteralIndex(
      List<CompiledRule> rules,
      AhoCorasick automaton,
      SeverityColumns severities,
      int[] containsBest,
      int[][] regexRanks,
      int[] alwaysCheck,
      int[][] containsBestOf) {
    this.containsBestOf = containsBestOf;
    this.rules = rules;
    this.automaton = automaton;
    this.severities = severities;
    this.containsBest = containsBest;
    this.regexRanks = regexRanks;
    this.alwaysCheck = alwaysCheck;
  }

  static LiteralIndex of(List<CompiledRule> rules) {
    return of(rules, null);
  }

  /**
   * @param member null, or per rank the configurations a rule belongs to (bit 1: the first, bit 2:
   *     the second), for which {@link #containsBestOf} is built
   */
  static LiteralIndex of(List<CompiledRule> rules, byte[] member) {
    Map<Integer, List<Set<String>>> regexAlternatives = new LinkedHashMap<>();
    for (CompiledRule rule : rules) {
      if (rule.hasMatchString() && rule.isRegex()) {
        regexAlternatives.put(rule.rank(), RegexLiterals.alternatives(rule.regexSource()));
      }
    }
    RegexLiteralChoice choice = new RegexLiteralChoice(regexAlternatives.values());
    AhoCorasickBuilder builder = AhoCorasick.builder().foldLatin1Case();
    List<int[]> containsEntries = new ArrayList<>();
    List<int[]> regexEntries = new ArrayList<>();
    List<Integer> always = new ArrayList<>();
    for (CompiledRule rule : rules) {
      if (rule.hasMatchString() && rule.isContains()) {
        containsEntries.add(new int[] {builder.add(rule.lowerLiteral()), rule.rank()});
      } else if (regexAlternatives.containsKey(rule.rank())) {
        Optional<Set<String>> literals = choice.choose(regexAlternatives.get(rule.rank()));
        if (literals.isEmpty()) {
          always.add(rule.rank());
        }
        literals.ifPresent(
            set ->
                set.forEach(
                    literal -> regexEntries.add(new int[] {builder.add(literal), rule.rank()})));
      }
    }
    AhoCorasick automaton = builder.build();
    SeverityColumns severities = SeverityColumns.of(rules);
    int[][] byConfiguration = null;
    if (member != null) {
      byConfiguration = new int[2][];
      for (int c = 0; c < 2; c++) {
        int bit = 1 << c;
        List<int[]> mine = containsEntries.stream().filter(e -> (member[e[1]] & bit) != 0).toList();
        byConfiguration[c] = containsTable(rules, mine, automaton.patternCount(), severities);
      }
    }
    return new LiteralIndex(
        rules,
        automaton,
        severities,
        containsTable(rules, containsEntries, automaton.patternCount(), severities),
        regexTable(regexEntries, automaton.patternCount()),
        always.stream().mapToInt(Integer::intValue).toArray(),
        byConfiguration);
  }

  /** The rank of the first rule matching on the message, if it beats {@code bestSoFar}. */
  int firstMatch(MatchEvent event, int bestSoFar) {
    CandidateScan scan = new CandidateScan(this, event, bestSoFar);
    automaton.scan(event.isLatin1() ? event.message() : event.lowerMessage(), scan);
    return scan.resolve();
  }

  private static int[] containsTable(
      List<CompiledRule> rules, List<int[]> entries, int literals, SeverityColumns severities) {
    int width = severities.width();
    int[] table = new int[literals * 2 * width];
    Arrays.fill(table, NONE);
    for (int[] entry : entries) {
      CompiledRule rule = rules.get(entry[1]);
      int column = severities.columnOf(rule.rule().syslogSeverity());
      lower(table, (entry[0] * 2) * width + column, entry[1]);
      if (!rule.hasOid()) {
        lower(table, (entry[0] * 2 + 1) * width + column, entry[1]);
      }
    }
    return table;
  }

  private static void lower(int[] table, int index, int rank) {
    table[index] = Math.min(table[index], rank);
  }

  /** Entries arrive in rank order and a rule names each literal once, so rows are ascending. */
  private static int[][] regexTable(List<int[]> entries, int literals) {
    int[] counts = new int[literals];
    entries.forEach(entry -> counts[entry[0]]++);
    int[][] table = new int[literals][];
    int[] filled = new int[literals];
    for (int[] entry : entries) {
      int literal = entry[0];
      if (table[literal] == null) {
        table[literal] = new int[counts[literal]];
      }
      table[literal][filled[literal]++] = entry[1];
    }
    return table;
  }
}
