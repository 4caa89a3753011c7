package io.mutt.config;

import java.util.Optional;

/**
 * A place secrets come from besides the environment and {@code MUTT_SECRETS_DIR}, consulted by
 * {@link Secrets} after them (Vault: {@link VaultSecrets}). Its values may change while MUTT runs;
 * {@link #version()} changes whenever they do, so readers can cache.
 */
public interface SecretSource {

  SecretSource NONE = key -> Optional.empty();

  Optional<String> get(String key);

  /** Changes whenever any value changes. */
  default long version() {
    return 0;
  }

  /** Why the source may be stale (it keeps serving the last values it read), or empty. */
  default Optional<String> problem() {
    return Optional.empty();
  }
}
