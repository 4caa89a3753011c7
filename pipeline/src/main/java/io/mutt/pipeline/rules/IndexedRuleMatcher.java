package io.mutt.pipeline.rules;

import io.mutt.pipeline.rules.index.PrefixTrie;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link RuleMatcher#indexed}: the same answers as the naive scan at a per-event cost of one walk
 * down an OID prefix trie plus one Aho–Corasick pass over the lower-cased message, plus RE2 runs
 * for the few regex rules whose literals occur and that rank above the best literal hit.
 *
 * <p>Ranks (positions in priority order) stand for rules throughout; the smallest rank found wins.
 */
final class IndexedRuleMatcher implements RuleMatcher {

  private final PreparedRules prepared;
  private final PrefixTrie oidIndex;
  private final LiteralIndex literalIndex;

  private IndexedRuleMatcher(
      PreparedRules prepared, PrefixTrie oidIndex, LiteralIndex literalIndex) {
    this.prepared = prepared;
    this.oidIndex = oidIndex;
    this.literalIndex = literalIndex;
  }

  static IndexedRuleMatcher create(PreparedRules prepared) {
    Map<String, Integer> oidRanks = new HashMap<>();
    for (CompiledRule rule : prepared.rules()) {
      if (rule.isOidPrefix() && rule.hasOid()) {
        oidRanks.merge(rule.oidPrefix(), rule.rank(), Math::min);
      }
    }
    return new IndexedRuleMatcher(
        prepared, PrefixTrie.of(oidRanks), LiteralIndex.of(prepared.rules()));
  }

  @Override
  public Rule match(String message, String trapOid, Object syslogSeverity) {
    MatchEvent event = MatchEvent.of(message, trapOid, syslogSeverity);
    int best = event.hasOid() ? oidIndex.minValueOfPrefixesOf(event.oid()) : PrefixTrie.NONE;
    if (event.hasMessage() && best > 0) {
      best = literalIndex.firstMatch(event, best);
    }
    return best == PrefixTrie.NONE ? null : prepared.rules().get(best).rule();
  }

  @Override
  public int size() {
    return prepared.rules().size();
  }

  @Override
  public List<RuleProblem> rejected() {
    return prepared.rejected();
  }
}
