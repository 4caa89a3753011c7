package io.mutt.runtime;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * The native listeners of this JVM (syslog UDP/TCP/TLS, SNMP traps) as {@code /health} reports
 * them: each listener module adds its listeners when it deploys, disabled ones included, and the
 * ingest role's {@code /health} shows them under {@code listeners}. Thread-safe.
 */
public final class Listeners {

  /**
   * One listener's state: {@link #json()} for /health, {@link #isFailed()} to turn it unhealthy.
   */
  public interface Status {
    JsonObject json();

    /** True when the listener is enabled and no longer receives (its socket or thread died). */
    boolean isFailed();
  }

  private final Map<String, Status> all = new ConcurrentSkipListMap<>();

  /** Adds (or replaces) the listener called {@code name}. */
  public void add(String name, Status status) {
    all.put(name, status);
  }

  public boolean isEmpty() {
    return all.isEmpty();
  }

  /** Whether an enabled listener has failed. */
  public boolean anyFailed() {
    return all.values().stream().anyMatch(Status::isFailed);
  }

  /** name → state, in name order. */
  public JsonObject json() {
    JsonObject out = new JsonObject();
    all.forEach((name, s) -> out.put(name, s.json()));
    return out;
  }

  /** A status from a JSON supplier that never fails. */
  public static Status of(Supplier<JsonObject> json) {
    return new Status() {
      @Override
      public JsonObject json() {
        return json.get();
      }

      @Override
      public boolean isFailed() {
        return false;
      }
    };
  }
}
