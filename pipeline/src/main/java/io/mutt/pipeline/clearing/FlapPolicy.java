package io.mutt.pipeline.clearing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The clearing and flapping decision for one key (ADR 0038), a pure function of the key's stored
 * state, the event and the time: the alerter reads the state, asks here, and writes the next state
 * back only if nobody changed it in between.
 *
 * <ul>
 *   <li>A change of state is a problem event after a clear (or on a new key) or a clearing event
 *       after a problem. Repeats are not changes.
 *   <li>A problem event is forwarded; a clearing event is forwarded with severity {@code Clear}
 *       when an alert of the key is open, else audited and not forwarded.
 *   <li>When a change makes the changes within the window more than the threshold, the key is
 *       flapping: that event is forwarded once, marked flapping, and every later event of the key
 *       is suppressed until the key has gone {@code stableMinutes} without a change; then its final
 *       state is forwarded ({@link #settle}).
 * </ul>
 */
public final class FlapPolicy {

  /** Longest key shown in an audit text. */
  private static final int SHOWN_KEY = 60;

  private FlapPolicy() {}

  /**
   * @param next the state to store
   * @param action what happens to the event
   * @param changes changes of state within the window, this one included
   * @param write false when nothing changed (a redelivered event that was already applied)
   */
  public record Step(KeyState next, StateAction action, int changes, boolean write) {}

  /**
   * @param state the key's stored state ({@link KeyState#NEW} when none)
   * @param clear whether the event is a clearing event (else a problem event)
   * @param eventId the event's {@code _event_id}
   * @param eventTime the event's {@code event_timestamp} (ISO-8601), kept while flapping
   * @param alert the alert the event would send, kept while flapping for the final state
   * @param nowMs the decision time (epoch ms)
   */
  public static Step apply(
      KeyState state,
      boolean clear,
      String eventId,
      String eventTime,
      String alert,
      long nowMs,
      FlapSettings limits) {
    String seen = state.recent().get(eventId);
    if (seen != null) {
      return new Step(state, StateAction.valueOf(seen), state.changes().size(), false);
    }
    return decide(state, clear, nowMs, limits, new Kept(eventId, eventTime, alert));
  }

  /**
   * The same decision as {@link #apply} for a replay of recorded events in time order (the
   * backtest): no event is delivered twice, so the state keeps no memory of decided events ({@link
   * KeyState#recent()} stays empty) and no event or alert is kept while flapping.
   */
  public static Step replay(KeyState state, boolean clear, long nowMs, FlapSettings limits) {
    return decide(state, clear, nowMs, limits, null);
  }

  /** What a live decision remembers of its event ({@link #apply}'s arguments). */
  private record Kept(String eventId, String eventTime, String alert) {}

  /**
   * @param kept the event to remember among the recent ones and, while flapping, as the last one;
   *     null: none (a replay)
   */
  private static Step decide(
      KeyState state, boolean clear, long nowMs, FlapSettings limits, Kept kept) {
    List<Long> changes = new ArrayList<>();
    long since = nowMs - limits.windowMs();
    for (long t : state.changes()) {
      if (t > since) {
        changes.add(t);
      }
    }
    boolean change = clear == state.problem();
    long lastChange = state.lastChangeMs();
    if (change) {
      changes.add(nowMs);
      lastChange = nowMs;
    }
    StateAction action;
    boolean open = state.open();
    boolean flapping = state.flapping();
    int suppressed = state.suppressed();
    if (flapping) {
      action = StateAction.SUPPRESSED_FLAPPING;
      suppressed++;
    } else if (change && limits.threshold() > 0 && changes.size() > limits.threshold()) {
      action = StateAction.FLAPPING;
      flapping = true;
      open = true;
      suppressed = 0;
    } else if (!clear) {
      action = StateAction.PROBLEM;
      open = true;
    } else if (open) {
      action = StateAction.CLEAR;
      open = false;
    } else {
      action = StateAction.CLEAR_NOTHING_OPEN;
    }
    Map<String, String> recent = Map.of();
    if (kept != null) {
      recent = new LinkedHashMap<>(state.recent());
      recent.put(kept.eventId(), action.name());
      for (Iterator<String> it = recent.keySet().iterator(); recent.size() > KeyState.RECENT; ) {
        it.next();
        it.remove();
      }
    }
    KeyState next =
        new KeyState(
            !clear,
            open,
            flapping,
            changes,
            lastChange,
            suppressed,
            flapping && kept != null ? kept.eventId() : null,
            flapping && kept != null ? kept.eventTime() : null,
            flapping && kept != null ? kept.alert() : null,
            recent);
    return new Step(next, action, changes.size(), true);
  }

  /**
   * The final state of a flapping key that has gone {@code stableMinutes} without a change, or null
   * when it is not flapping or not yet stable. The key then starts afresh: no changes counted, open
   * when its final state is a problem.
   */
  public static Step settle(KeyState state, long nowMs, FlapSettings limits) {
    if (!state.flapping() || nowMs < state.stableAtMs(limits)) {
      return null;
    }
    KeyState next =
        new KeyState(
            state.problem(),
            state.problem(),
            false,
            List.of(),
            state.lastChangeMs(),
            0,
            null,
            null,
            null,
            state.recent());
    return new Step(
        next, state.problem() ? StateAction.SETTLED_PROBLEM : StateAction.SETTLED_CLEAR, 0, true);
  }

  /**
   * The audit text of a decision ({@code event_audit_log.noise_decision}), e.g. {@code clear of key
   * "Gi0/1" forwarded} or {@code suppressed: key "Gi0/1" is flapping}.
   *
   * @param key the captured key ("" for the host as a whole)
   * @param changes changes within the window (shown for {@link StateAction#FLAPPING})
   */
  public static String audit(StateAction action, String key, int changes, FlapSettings limits) {
    String k = key.isEmpty() ? "the host" : "key \"" + shown(key) + "\"";
    return switch (action) {
      case PROBLEM -> "problem of " + k;
      case CLEAR -> "clear of " + k + " forwarded";
      case CLEAR_NOTHING_OPEN -> "clear of " + k + " not forwarded: no open alert";
      case FLAPPING ->
          k
              + " flapping: "
              + changes
              + " changes in "
              + limits.windowMinutes()
              + " min; flapping alert forwarded";
      case SUPPRESSED_FLAPPING -> "suppressed: " + k + " is flapping";
      case SETTLED_PROBLEM, SETTLED_CLEAR ->
          "suppressed: "
              + k
              + " is flapping; stable "
              + limits.stableMinutes()
              + " min, final state "
              + (action == StateAction.SETTLED_PROBLEM ? "problem" : "clear")
              + " forwarded";
    };
  }

  private static String shown(String key) {
    return key.length() <= SHOWN_KEY ? key : key.substring(0, SHOWN_KEY) + "…";
  }
}
