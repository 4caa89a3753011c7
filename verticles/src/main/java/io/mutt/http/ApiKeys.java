package io.mutt.http;

import io.mutt.config.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Supplier;

/**
 * Constant-time API key check against the accepted keys (current and, during rotation, next). With
 * no key configured nothing is accepted. A live instance ({@link #live}) re-reads the keys when the
 * secret source changes (a new Vault version adding {@code <NAME>_NEXT}), at the cost of one
 * volatile read per check otherwise.
 */
public final class ApiKeys {

  private record Snapshot(long version, List<byte[]> accepted) {}

  private final Supplier<Long> version;
  private final Supplier<List<String>> keys;
  private volatile Snapshot snapshot;

  public ApiKeys(List<String> keys) {
    this(() -> 0L, () -> keys);
  }

  private ApiKeys(Supplier<Long> version, Supplier<List<String>> keys) {
    this.version = version;
    this.keys = keys;
    this.snapshot = load();
  }

  /** {@code <name>} and {@code <name>_NEXT}, re-read whenever the secrets change. */
  public static ApiKeys live(Secrets secrets, String name) {
    return new ApiKeys(secrets::version, () -> secrets.apiKeys(name));
  }

  private Snapshot load() {
    long v = version.get();
    return new Snapshot(
        v, keys.get().stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList());
  }

  public boolean matches(String presented) {
    Snapshot s = snapshot;
    if (s.version() != version.get()) {
      s = load();
      snapshot = s;
    }
    if (presented == null || s.accepted().isEmpty()) {
      return false;
    }
    byte[] p = presented.getBytes(StandardCharsets.UTF_8);
    boolean ok = false;
    for (byte[] k : s.accepted()) {
      ok |= MessageDigest.isEqual(k, p);
    }
    return ok;
  }
}
