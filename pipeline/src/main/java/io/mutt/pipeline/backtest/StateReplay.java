package io.mutt.pipeline.backtest;

import io.mutt.pipeline.alerting.Verdict;
import io.mutt.pipeline.clearing.FlapPolicy;
import io.mutt.pipeline.clearing.FlapSettings;
import io.mutt.pipeline.clearing.KeyState;
import io.mutt.pipeline.clearing.StateAction;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Replays clearing and flap suppression (ADR 0038) for both configurations of a backtest: events
 * whose rule has a clearing pattern on either side are given here in time order, and each side
 * decides them on its own per-key state, kept in memory and keyed like the alerter's (rule,
 * hostname, captured key), with the alerter's {@link FlapPolicy} and the event's time as the
 * decision time. As in the alerter, only an event the side would forward (after routing, windows
 * and silences) touches its key's state.
 *
 * <p>A flapping key settles when the replay reaches its stable time (at the key's next event, at a
 * sweep every {@link #SWEEP_MS} of replayed time, or at the end of the range): its last event is
 * then forwarded as the final state ({@link StateAction#SETTLED_PROBLEM} or {@link
 * StateAction#SETTLED_CLEAR}), as the alerter's settler marks that event's audit row. So the last
 * event of a flapping key is added to the diff only once it is known whether it stays suppressed (a
 * later event of the key came) or is forwarded as the final state; a key still flapping at the end
 * of the range keeps its last event suppressed (its final state would go out after the range).
 *
 * <p>Memory: one entry per key and side, about 300 bytes plus the hostname and captured key (at
 * most 255 and 200 characters) plus 24 bytes per change of state within the key's window {@code W};
 * a flapping key also holds its last event's outcomes until it settles. A sweep drops the keys
 * whose state can no longer change a decision (not flapping, last state clear, no change within
 * {@code W}: the same as a key never seen) and, as Redis expires them in the alerter, keys with no
 * event for {@code idleMs} ({@code CLEARING_STATE_TTL_HOURS}). What is held is therefore bounded by
 * the keys that had an event within the last {@code idleMs} of replayed time and are open, flapping
 * or changed within {@code W} — not by the length of the range.
 */
public final class StateReplay {

  /** Replayed time between two sweeps of the key states. */
  public static final long SWEEP_MS = 10 * 60_000L;

  /**
   * One event whose outcome depends on a key's state on at least one side.
   *
   * @param timeMs the event's time (epoch ms), the decision time
   * @param before the current configuration's outcome without key state
   * @param beforeSignal the event's part in the current rule's clearing, or null
   * @param after the draft's outcome without key state
   * @param afterSignal the event's part in the draft rule's clearing, or null
   */
  public record Event(
      String correlationId,
      String timestamp,
      String hostname,
      long timeMs,
      Outcome before,
      Verdict.Signal beforeSignal,
      Outcome after,
      Verdict.Signal afterSignal) {}

  private record Key(int ruleId, String hostname, String key) {}

  /** An event with its outcomes as decided so far, added to the diff once both are final. */
  private static final class Decided {
    final Event event;
    Outcome before;
    Outcome after;
    int waiting;

    Decided(Event event) {
      this.event = event;
      this.before = event.before;
      this.after = event.after;
    }
  }

  /** One key's state on one side. */
  private static final class Entry {
    KeyState state = KeyState.NEW;
    FlapSettings limits;
    long lastEventMs;

    /** The key's last event while it is flapping (its outcome waits for the key to settle). */
    Decided held;
  }

  private final class Side {
    final boolean before;
    final Map<Key, Entry> keys = new HashMap<>();

    Side(boolean before) {
      this.before = before;
    }

    /** Decides the event on its key; true when its outcome waits for the key to settle. */
    boolean decide(Decided d, Verdict.Signal signal, Outcome stateless) {
      if (signal == null || !stateless.forwarded()) {
        return false;
      }
      long t = d.event.timeMs;
      Key k = new Key(signal.rule().rule().id(), d.event.hostname, signal.key());
      Entry e = keys.get(k);
      if (e == null) {
        e = new Entry();
        keys.put(k, e);
      } else {
        settle(e, t);
        if (e.held != null) {
          release(e.held, this, null);
          e.held = null;
        }
      }
      FlapSettings limits = signal.rule().flapSettings(defaults);
      FlapPolicy.Step step = FlapPolicy.replay(e.state, signal.clear(), t, limits);
      e.state = step.next();
      e.limits = limits;
      e.lastEventMs = t;
      set(d, stateless.withState(step.action()));
      if (e.state.flapping()) {
        e.held = d;
        return true;
      }
      return false;
    }

    void set(Decided d, Outcome o) {
      if (before) {
        d.before = o;
      } else {
        d.after = o;
      }
    }

    /** Settles a flapping key stable at {@code t}: its held event goes out as the final state. */
    void settle(Entry e, long t) {
      FlapPolicy.Step step = FlapPolicy.settle(e.state, t, e.limits);
      if (step == null) {
        return;
      }
      e.state = step.next();
      if (e.held != null) {
        Outcome held = before ? e.held.before : e.held.after;
        release(e.held, this, held.withState(step.action()));
        e.held = null;
      }
    }

    void sweep(long t, boolean end) {
      for (Iterator<Entry> it = keys.values().iterator(); it.hasNext(); ) {
        Entry e = it.next();
        settle(e, t);
        KeyState s = e.state;
        boolean quiet =
            !s.flapping() && !s.problem() && t - s.lastChangeMs() >= e.limits.windowMs();
        if (end || quiet || t - e.lastEventMs >= idleMs) {
          if (e.held != null) {
            release(e.held, this, null);
          }
          it.remove();
        }
      }
    }
  }

  private final FlapSettings defaults;
  private final long idleMs;
  private final BacktestDiff diff;
  private final Side current = new Side(true);
  private final Side draft = new Side(false);
  private long nextSweepMs = Long.MIN_VALUE;

  /**
   * @param defaults the global flapping limits (a rule's own columns beat them)
   * @param idleMs a key with no event for this long is forgotten ({@code CLEARING_STATE_TTL_HOURS})
   * @param diff where decided events are added
   */
  public StateReplay(FlapSettings defaults, long idleMs, BacktestDiff diff) {
    this.defaults = defaults;
    this.idleMs = idleMs;
    this.diff = diff;
  }

  /** Decides one event (events must come in time order). */
  public void add(Event event) {
    long t = event.timeMs;
    if (nextSweepMs == Long.MIN_VALUE) {
      nextSweepMs = t + SWEEP_MS;
    } else if (t >= nextSweepMs) {
      current.sweep(t, false);
      draft.sweep(t, false);
      nextSweepMs = t + SWEEP_MS;
    }
    Decided d = new Decided(event);
    if (current.decide(d, event.beforeSignal, event.before)) {
      d.waiting++;
    }
    if (draft.decide(d, event.afterSignal, event.after)) {
      d.waiting++;
    }
    if (d.waiting == 0) {
      record(d);
    }
  }

  /**
   * Ends the range at {@code untilMs}: keys stable by then settle, and the events still waiting are
   * added with their outcome so far.
   */
  public void finish(long untilMs) {
    current.sweep(untilMs, true);
    draft.sweep(untilMs, true);
  }

  /** Keys held now, both sides together. */
  public int keys() {
    return current.keys.size() + draft.keys.size();
  }

  /**
   * One side of a waiting event is final ({@code outcome} null: as decided so far); the event is
   * added to the diff when no side waits any more.
   */
  private void release(Decided d, Side side, Outcome outcome) {
    if (outcome != null) {
      side.set(d, outcome);
    }
    if (--d.waiting == 0) {
      record(d);
    }
  }

  private void record(Decided d) {
    if (d.before.equals(d.after)) {
      diff.unchanged();
    } else {
      Event e = d.event;
      diff.add(e.correlationId, e.timestamp, e.hostname, d.before, d.after);
    }
  }
}
