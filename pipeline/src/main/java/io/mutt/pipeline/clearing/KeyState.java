package io.mutt.pipeline.clearing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared state of one key (rule, host, captured key), as stored in Redis (ADR 0038).
 *
 * @param problem the key's last state: true after a problem event, false after a clearing event
 * @param open whether an alert of the key is open at Moogsoft as far as MUTT knows (a problem or
 *     flapping alert forwarded and not cleared since)
 * @param flapping whether the key is flapping now
 * @param changes times (epoch ms, ascending) of the changes of state within the flapping window
 * @param lastChangeMs time of the last change of state (0: none)
 * @param suppressed events suppressed since the key started flapping
 * @param lastEventId {@code _event_id} of the latest event while flapping (its audit row is the one
 *     updated when the final state is forwarded)
 * @param lastEventTime that event's {@code event_timestamp} (ISO-8601)
 * @param lastAlert the alert JSON of that event, forwarded (as problem or clear) when the key
 *     settles
 * @param recent the latest events applied and what they did ({@code event id → action}), so that a
 *     redelivered event gets its first decision again and changes nothing
 */
public record KeyState(
    boolean problem,
    boolean open,
    boolean flapping,
    List<Long> changes,
    long lastChangeMs,
    int suppressed,
    String lastEventId,
    String lastEventTime,
    String lastAlert,
    Map<String, String> recent) {

  /** How many decided events a key remembers for redeliveries. */
  static final int RECENT = 16;

  /** A key never seen: clear, nothing open. */
  public static final KeyState NEW =
      new KeyState(false, false, false, List.of(), 0, 0, null, null, null, Map.of());

  public KeyState {
    changes = List.copyOf(changes);
    recent =
        recent.isEmpty()
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(recent));
  }

  /** The stored form: a map of JSON-friendly values (numbers, booleans, strings, lists, maps). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("problem", problem);
    m.put("open", open);
    m.put("flapping", flapping);
    m.put("changes", changes);
    m.put("last_change_ms", lastChangeMs);
    m.put("suppressed", suppressed);
    m.put("last_event_id", lastEventId);
    m.put("last_event_time", lastEventTime);
    m.put("last_alert", lastAlert);
    m.put("recent", recent);
    return m;
  }

  /** Reads {@link #toMap()}'s form back; null or empty → {@link #NEW}. */
  public static KeyState fromMap(Map<String, ?> m) {
    if (m == null || m.isEmpty()) {
      return NEW;
    }
    List<Long> changes = new ArrayList<>();
    if (m.get("changes") instanceof List<?> l) {
      l.forEach(v -> changes.add(((Number) v).longValue()));
    }
    Map<String, String> recent = new LinkedHashMap<>();
    if (m.get("recent") instanceof Map<?, ?> r) {
      r.forEach((k, v) -> recent.put(String.valueOf(k), String.valueOf(v)));
    }
    return new KeyState(
        Boolean.TRUE.equals(m.get("problem")),
        Boolean.TRUE.equals(m.get("open")),
        Boolean.TRUE.equals(m.get("flapping")),
        changes,
        m.get("last_change_ms") instanceof Number n ? n.longValue() : 0,
        m.get("suppressed") instanceof Number n ? n.intValue() : 0,
        (String) m.get("last_event_id"),
        (String) m.get("last_event_time"),
        (String) m.get("last_alert"),
        recent);
  }

  /** When a flapping key counts as stable (epoch ms). */
  public long stableAtMs(FlapSettings s) {
    return lastChangeMs + s.stableMs();
  }
}
