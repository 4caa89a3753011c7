package io.mutt.pipeline.backtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts the changes of outcome between the current and the draft configuration over replayed
 * events, keeping up to {@code maxExamples} example events per change. One event may count under
 * several changes (a new rule with another team: {@code rule 2 → rule 9} and {@code team NETO →
 * team DB}). Change names: {@code handled → unhandled}, {@code unhandled → handled}, {@code rule A
 * → rule B}, {@code team X → team Y}, {@code noise X → Y}, {@code state X → Y} (the key's clearing
 * and flapping state, {@link Outcome#stateText}, {@code none} when it had no part), and for an
 * event handled in both a change of {@link Outcome#delivery}: {@code forwarded → suppressed},
 * {@code suppressed → forwarded}, {@code forwarded → cleared}, {@code forwarded → suppressed
 * (flapping)}, {@code forwarded → suppressed (nothing to clear)}, and so on.
 */
public final class BacktestDiff {

  /** One example event of a change. */
  public record Example(
      String correlationId, String timestamp, String hostname, Outcome before, Outcome after) {}

  /** A change of outcome, how many events it concerned, and some of them. */
  public static final class Change {
    public final String name;
    public long count;
    public final List<Example> examples = new ArrayList<>();

    Change(String name) {
      this.name = name;
    }
  }

  private final int maxExamples;
  private final Map<String, Change> changes = new LinkedHashMap<>();
  private long events;
  private long unmatched;
  private long changed;

  public BacktestDiff(int maxExamples) {
    this.maxExamples = maxExamples;
  }

  /** Records one replayed event. */
  public void add(
      String correlationId, String timestamp, String hostname, Outcome before, Outcome after) {
    events++;
    if (before.equals(after)) {
      return;
    }
    changed++;
    Example example = new Example(correlationId, timestamp, hostname, before, after);
    if (before.handled() != after.handled()) {
      count(before.handled() ? "handled → unhandled" : "unhandled → handled", example);
    } else if (before.handled()) {
      if (!before.ruleId().equals(after.ruleId())) {
        count("rule " + before.ruleId() + " → rule " + after.ruleId(), example);
      }
      if (!Objects.equals(before.team(), after.team())) {
        count("team " + before.team() + " → team " + after.team(), example);
      }
    }
    if (before.handled() && after.handled()) {
      String from = before.delivery();
      String to = after.delivery();
      if (!from.equals(to)) {
        count(from + " → " + to, example);
      }
    }
    if (!Objects.equals(before.noise(), after.noise())) {
      count("noise " + text(before.noise()) + " → " + text(after.noise()), example);
    }
    if (before.state() != after.state()) {
      count("state " + text(before.stateText()) + " → " + text(after.stateText()), example);
    }
  }

  private static String text(String noise) {
    return noise == null ? "none" : noise;
  }

  private void count(String name, Example e) {
    Change c = changes.computeIfAbsent(name, Change::new);
    c.count++;
    if (c.examples.size() < maxExamples) {
      c.examples.add(e);
    }
  }

  /**
   * Records one replayed event whose outcome is the same in both configurations (what {@link #add}
   * does with equal outcomes, without building the example's fields).
   */
  public void unchanged() {
    events++;
  }

  /**
   * Adds the counts and examples of {@code later}, a diff of events that come after this one's, so
   * that a range decided in consecutive parts and merged in order gives the same diff as one pass.
   */
  public void merge(BacktestDiff later) {
    events += later.events;
    unmatched += later.unmatched;
    changed += later.changed;
    for (Change c : later.changes.values()) {
      Change mine = changes.computeIfAbsent(c.name, Change::new);
      mine.count += c.count;
      for (Example e : c.examples) {
        if (mine.examples.size() >= maxExamples) {
          break;
        }
        mine.examples.add(e);
      }
    }
  }

  /** Counts one replayed event that was audited without a rule ({@code AUDIT_UNHANDLED}). */
  public void unmatchedRecorded() {
    unmatched++;
  }

  /** Replayed events that had been audited without a rule. */
  public long unmatched() {
    return unmatched;
  }

  /** Examples kept per change at most. */
  public int maxExamples() {
    return maxExamples;
  }

  public long events() {
    return events;
  }

  public long changed() {
    return changed;
  }

  /** The changes, most frequent first. */
  public List<Change> changes() {
    List<Change> out = new ArrayList<>(changes.values());
    out.sort((a, b) -> Long.compare(b.count, a.count));
    return out;
  }
}
