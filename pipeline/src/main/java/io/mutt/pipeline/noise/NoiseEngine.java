package io.mutt.pipeline.noise;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, for one matched event at one instant, whether a silence or maintenance window applies
 * (docs/adr/0027). Immutable configuration; safe to call from many threads. The windows and
 * silences open during the current minute are gathered once per minute into an index keyed by the
 * most selective matcher of each (exact hostname, then rule id, then team, then the literal prefix
 * of a hostname glob or regex; the rest are scanned), so an event costs a few hash lookups however
 * many windows and silences exist. A suppression beats a downgrade, a silence beats a window, and a
 * lower id beats a higher one.
 */
public final class NoiseEngine {

  private static final long MINUTE = 60_000;
  private static final Entry[] NONE = new Entry[0];

  private final List<MaintenanceWindow> windows;
  private final List<Silence> silences;
  private volatile Active active;

  public NoiseEngine(List<MaintenanceWindow> windows, List<Silence> silences) {
    this.windows = List.copyOf(windows);
    this.silences = List.copyOf(silences);
  }

  public static NoiseEngine empty() {
    return new NoiseEngine(List.of(), List.of());
  }

  public List<MaintenanceWindow> windows() {
    return windows;
  }

  public List<Silence> silences() {
    return silences;
  }

  /** The decision for {@code event} at {@code epochMillis}. */
  public NoiseDecision decide(NoiseEvent event, long epochMillis) {
    long minute = Math.floorDiv(epochMillis, MINUTE);
    Active a = active;
    if (a == null || a.minute != minute) {
      a = new Active(minute, windows, silences);
      active = a;
    }
    if (a.empty) {
      return NoiseDecision.NONE;
    }
    Entry best = null;
    if (event.hostname() != null && !a.byHost.isEmpty()) {
      best = scan(a.byHost.getOrDefault(event.hostname(), NONE), event, epochMillis, best);
    }
    if (a.ruleKeys.length > 0) {
      int at = Arrays.binarySearch(a.ruleKeys, event.ruleId());
      if (at >= 0) {
        best = scan(a.byRule[at], event, epochMillis, best);
      }
    }
    if (event.team() != null && !a.byTeam.isEmpty()) {
      best = scan(a.byTeam.getOrDefault(event.team(), NONE), event, epochMillis, best);
    }
    String host = event.hostname();
    if (host != null && !a.byHostPrefix.isEmpty()) {
      HostPrefixIndex<Entry[]> trie = a.byHostPrefix;
      int node = HostPrefixIndex.ROOT;
      for (int i = 0, n = host.length(); i < n; i++) {
        node = trie.child(node, host.charAt(i));
        if (node < 0) {
          break;
        }
        Entry[] here = trie.value(node);
        if (here != null) {
          best = scan(here, event, epochMillis, best);
        }
      }
    }
    if (a.rest.length > 0) {
      best = scan(a.rest, event, epochMillis, best);
    }
    return best == null ? NoiseDecision.NONE : best.decision;
  }

  /** The windows open at {@code t}. */
  public List<MaintenanceWindow> openWindows(Instant t) {
    List<MaintenanceWindow> out = new ArrayList<>();
    for (MaintenanceWindow w : windows) {
      if (w.schedule().activeAt(t)) {
        out.add(w);
      }
    }
    return out;
  }

  private static Entry scan(Entry[] entries, NoiseEvent e, long t, Entry best) {
    for (Entry candidate : entries) {
      if (t >= candidate.from
          && t < candidate.until
          && (best == null || candidate.beats(best))
          && candidate.matches(e)) {
        best = candidate;
      }
    }
    return best;
  }

  /** One open window or silence, with its precomputed decision. */
  private static final class Entry {
    final int rank;
    final long id;
    final Matcher[] matchers;
    final long from;
    final long until;
    final NoiseDecision decision;

    Entry(int rank, long id, List<Matcher> matchers, long from, long until, NoiseDecision d) {
      this.rank = rank;
      this.id = id;
      this.matchers = matchers.toArray(new Matcher[0]);
      this.from = from;
      this.until = until;
      this.decision = d;
    }

    boolean beats(Entry other) {
      return rank < other.rank || (rank == other.rank && id < other.id);
    }

    boolean matches(NoiseEvent e) {
      for (Matcher m : matchers) {
        if (!m.test(e)) {
          return false;
        }
      }
      return true;
    }
  }

  /** The windows and silences open at some point of one minute, indexed. */
  private static final class Active {
    final long minute;
    final Map<String, Entry[]> byHost;

    /** Rule ids with entries, sorted, and the entries of each (no boxing per event). */
    final int[] ruleKeys;

    final Entry[][] byRule;
    final Map<String, Entry[]> byTeam;
    final HostPrefixIndex<Entry[]> byHostPrefix;
    final Entry[] rest;
    final boolean empty;

    Active(long minute, List<MaintenanceWindow> windows, List<Silence> silences) {
      this.minute = minute;
      long start = minute * MINUTE;
      long end = start + MINUTE;
      Map<String, List<Entry>> host = new HashMap<>();
      Map<Integer, List<Entry>> rule = new HashMap<>();
      Map<String, List<Entry>> team = new HashMap<>();
      Map<String, List<Entry>> prefix = new HashMap<>();
      List<Entry> others = new ArrayList<>();
      for (Silence s : silences) {
        long from = s.start().toEpochMilli();
        long until = s.expiry().toEpochMilli();
        if (from < end && until > start) {
          NoiseDecision d =
              new NoiseDecision(NoiseDecision.Action.SUPPRESS, "silence", s.id(), null, null);
          place(
              new Entry(0, s.id(), s.matchers(), from, until, d), host, rule, team, prefix, others);
        }
      }
      for (MaintenanceWindow w : windows) {
        long from = Long.MIN_VALUE;
        long until = Long.MAX_VALUE;
        if (w.schedule() instanceof Schedule.OneOff o) {
          from = o.start().toEpochMilli();
          until = o.end().toEpochMilli();
          if (from >= end || until <= start) {
            continue;
          }
        } else if (!w.schedule().activeAt(Instant.ofEpochMilli(start))) {
          continue;
        }
        boolean suppress = w.effect() == Effect.SUPPRESS;
        NoiseDecision d =
            new NoiseDecision(
                suppress ? NoiseDecision.Action.SUPPRESS : NoiseDecision.Action.DOWNGRADE,
                "window",
                w.id(),
                w.name(),
                suppress ? null : w.severity());
        place(
            new Entry(suppress ? 1 : 2, w.id(), w.matchers(), from, until, d),
            host,
            rule,
            team,
            prefix,
            others);
      }
      this.byHost = freeze(host);
      this.ruleKeys = rule.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
      this.byRule = new Entry[ruleKeys.length][];
      for (int i = 0; i < ruleKeys.length; i++) {
        byRule[i] = rule.get(ruleKeys[i]).toArray(NONE);
      }
      this.byTeam = freeze(team);
      this.byHostPrefix = HostPrefixIndex.of(freeze(prefix));
      this.rest = others.toArray(NONE);
      this.empty =
          host.isEmpty()
              && rule.isEmpty()
              && team.isEmpty()
              && prefix.isEmpty()
              && others.isEmpty();
    }

    private static void place(
        Entry e,
        Map<String, List<Entry>> host,
        Map<Integer, List<Entry>> rule,
        Map<String, List<Entry>> team,
        Map<String, List<Entry>> prefix,
        List<Entry> others) {
      for (Matcher.Kind kind :
          new Matcher.Kind[] {Matcher.Kind.HOSTNAME, Matcher.Kind.RULE_ID, Matcher.Kind.TEAM}) {
        for (Matcher m : e.matchers) {
          if (m.kind() == kind) {
            switch (kind) {
              case HOSTNAME:
                host.computeIfAbsent(m.value(), k -> new ArrayList<>()).add(e);
                return;
              case RULE_ID:
                rule.computeIfAbsent(m.ruleId(), k -> new ArrayList<>()).add(e);
                return;
              default:
                team.computeIfAbsent(m.value(), k -> new ArrayList<>()).add(e);
                return;
            }
          }
        }
      }
      String longest = "";
      for (Matcher m : e.matchers) {
        if (m.hostPrefix().length() > longest.length()) {
          longest = m.hostPrefix();
        }
      }
      if (!longest.isEmpty()) {
        prefix.computeIfAbsent(longest, k -> new ArrayList<>()).add(e);
        return;
      }
      others.add(e);
    }

    private static <K> Map<K, Entry[]> freeze(Map<K, List<Entry>> lists) {
      Map<K, Entry[]> out = new HashMap<>(Math.max(4, lists.size() * 2));
      lists.forEach((k, v) -> out.put(k, v.toArray(NONE)));
      return out;
    }
  }
}
