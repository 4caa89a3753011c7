package io.mutt.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Secrets from the environment (or config overrides) or from files in {@code MUTT_SECRETS_DIR} (one
 * file per key, as Kubernetes mounts a Secret). Supports the current/next pairs
 * (docs/reference/configuration.md) for rotation without downtime. Values never leave this class
 * except to the client that needs them.
 */
public final class Secrets {

  private final MuttConfig config;
  private final Path dir;

  public Secrets(MuttConfig config) {
    this.config = config;
    String d = config.string("MUTT_SECRETS_DIR", "");
    this.dir = d.isEmpty() ? null : Path.of(d);
  }

  public Optional<String> get(String key) {
    String v = config.string(key, null);
    if (v != null) {
      return Optional.of(v);
    }
    if (dir != null) {
      Path f = dir.resolve(key);
      if (Files.isReadable(f)) {
        try {
          String s = Files.readString(f, StandardCharsets.UTF_8).trim();
          return s.isEmpty() ? Optional.empty() : Optional.of(s);
        } catch (IOException e) {
          throw new ConfigException(
              "secret file for " + key + " cannot be read: " + e.getClass().getSimpleName());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Current then next value of a rotating secret: {@code <base>_CURRENT} (legacy {@code <base>})
   * and {@code <base>_NEXT}.
   */
  public List<String> passwords(String base) {
    List<String> out = new ArrayList<>(2);
    get(base + "_CURRENT").or(() -> get(base)).ifPresent(out::add);
    get(base + "_NEXT").filter(n -> !out.contains(n)).ifPresent(out::add);
    return out;
  }

  /** API keys accepted during rotation: {@code <name>} and {@code <name>_NEXT}. */
  public List<String> apiKeys(String name) {
    List<String> out = new ArrayList<>(2);
    get(name).ifPresent(out::add);
    get(name + "_NEXT").filter(n -> !out.contains(n)).ifPresent(out::add);
    return out;
  }
}
