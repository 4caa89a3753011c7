package io.mutt.pipeline.rules;

import io.mutt.pipeline.rules.index.PrefixTrie;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches an event against two rule configurations in one pass: the union of their rules is indexed
 * once (one Aho–Corasick automaton, one OID trie per configuration), each rule tagged with the
 * configurations it belongs to, and every RE2 confirmation is run at most once for both. Each
 * answer is what {@link RuleMatcher#indexed} (and so the naive scan) of that configuration gives.
 * Used by the backtest, where a draft changes a few of many rules. Immutable and thread-safe.
 */
public final class PairedRuleMatcher {

  private final List<CompiledRule> rules;
  private final byte[] member;
  private final PrefixTrie oid0;
  private final PrefixTrie oid1;
  private final LiteralIndex literals;

  private PairedRuleMatcher(
      List<CompiledRule> rules, byte[] member, PrefixTrie oid0, PrefixTrie oid1, LiteralIndex l) {
    this.rules = rules;
    this.member = member;
    this.oid0 = oid0;
    this.oid1 = oid1;
    this.literals = l;
  }

  /**
   * @param first and {@code second}: the two configurations; a rule equal (same id and fields) in
   *     both is indexed once
   */
  public static PairedRuleMatcher of(Collection<Rule> first, Collection<Rule> second) {
    Map<Rule, Integer> bits = new HashMap<>();
    first.stream().filter(Rule::active).forEach(r -> bits.merge(r, 1, (a, b) -> a | b));
    second.stream().filter(Rule::active).forEach(r -> bits.merge(r, 2, (a, b) -> a | b));
    PreparedRules prepared = PreparedRules.of(new ArrayList<>(bits.keySet()));
    List<CompiledRule> rules = prepared.rules();
    byte[] member = new byte[rules.size()];
    Map<String, Integer> oidRanks0 = new HashMap<>();
    Map<String, Integer> oidRanks1 = new HashMap<>();
    for (CompiledRule rule : rules) {
      member[rule.rank()] = (byte) (int) bits.get(rule.rule());
      if (rule.isOidPrefix() && rule.hasOid()) {
        if ((member[rule.rank()] & 1) != 0) {
          oidRanks0.merge(rule.oidPrefix(), rule.rank(), Math::min);
        }
        if ((member[rule.rank()] & 2) != 0) {
          oidRanks1.merge(rule.oidPrefix(), rule.rank(), Math::min);
        }
      }
    }
    return new PairedRuleMatcher(
        rules,
        member,
        PrefixTrie.of(oidRanks0),
        PrefixTrie.of(oidRanks1),
        LiteralIndex.of(rules, member));
  }

  /**
   * The winning rule of each configuration (arguments as {@link RuleMatcher#match}).
   *
   * @return a two-element array: the first configuration's winner and the second's, null for none
   */
  public Rule[] match(String message, String trapOid, Object syslogSeverity) {
    MatchEvent event = MatchEvent.of(message, trapOid, syslogSeverity);
    int best0 = PrefixTrie.NONE;
    int best1 = PrefixTrie.NONE;
    if (event.hasOid()) {
      best0 = oid0.minValueOfPrefixesOf(event.oid());
      best1 = oid1.minValueOfPrefixesOf(event.oid());
    }
    if (event.hasMessage() && (best0 > 0 || best1 > 0)) {
      PairedCandidateScan scan = new PairedCandidateScan(literals, member, event, best0, best1);
      literals.automaton.scan(event.isLatin1() ? event.message() : event.lowerMessage(), scan);
      scan.resolve();
      best0 = scan.best0;
      best1 = scan.best1;
    }
    return new Rule[] {rule(best0), rule(best1)};
  }

  private Rule rule(int rank) {
    return rank == PrefixTrie.NONE ? null : rules.get(rank).rule();
  }

  /** Rules indexed (the union, less rejected ones). */
  public int size() {
    return rules.size();
  }
}
