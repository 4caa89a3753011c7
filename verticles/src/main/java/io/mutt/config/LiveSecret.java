package io.mutt.config;

import java.util.function.Supplier;

/**
 * One secret as it is now: read again when the secret source changes (a new Vault version), else
 * the value last read, at the cost of one volatile read. The same {@code String} instance is
 * answered until the value changes, so callers may cache what they build from it.
 */
public final class LiveSecret implements Supplier<String> {

  private record Snapshot(long version, String value) {}

  private final Secrets secrets;
  private final String name;
  private final String fallback;
  private volatile Snapshot snapshot;

  private LiveSecret(Secrets secrets, String name, String fallback) {
    this.secrets = secrets;
    this.name = name;
    this.fallback = fallback;
    long v = secrets.version();
    this.snapshot = new Snapshot(v, secrets.get(name).orElse(fallback));
  }

  /** {@code name} from {@code secrets}; {@code fallback} while it is unset. */
  public static LiveSecret of(Secrets secrets, String name, String fallback) {
    return new LiveSecret(secrets, name, fallback);
  }

  @Override
  public String get() {
    Snapshot s = snapshot;
    long v = secrets.version();
    if (s.version() != v) {
      String now = secrets.get(name).orElse(fallback);
      s = new Snapshot(v, java.util.Objects.equals(now, s.value()) ? s.value() : now);
      snapshot = s;
    }
    return s.value();
  }
}
