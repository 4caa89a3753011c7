package io.mutt.app;

import io.mutt.config.ConfigException;
import io.mutt.config.MuttConfig;
import io.mutt.config.Secrets;
import io.mutt.runtime.Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * API keys for the roles being started. With external servers a missing key is a fatal
 * configuration error. On a local first run (embedded Redis and PostgreSQL) missing keys are
 * generated once and kept in {@code <data dir>/secrets/<NAME>} (mode 600) so the same keys work
 * after a restart; their location is printed, never their value in a log.
 */
final class LocalSecrets {

  private LocalSecrets() {}

  static MuttConfig ensure(
      MuttConfig config,
      Path dataDir,
      boolean local,
      List<? extends Module> modules,
      List<String> summary) {
    Secrets secrets = new Secrets(config);
    // the stand-in accepts any key, so a Moogsoft key may be generated whenever it is the target
    boolean standIn = !config.has("MOOG_WEBHOOK_URL");
    Set<String> names = new LinkedHashSet<>();
    modules.forEach(m -> names.addAll(m.requiredSecrets()));
    MuttConfig out = config;
    for (String name : names) {
      boolean mayGenerate = local || (standIn && name.equals("MOOG_API_KEY"));
      out = ensureKey(out, secrets, name, dataDir, mayGenerate, summary);
    }
    return out;
  }

  private static MuttConfig ensureKey(
      MuttConfig config,
      Secrets secrets,
      String name,
      Path dataDir,
      boolean mayGenerate,
      List<String> summary) {
    if (secrets.get(name).isPresent()) {
      return config;
    }
    if (!mayGenerate) {
      throw new ConfigException(
          name + " is required but not set (environment variable or file in MUTT_SECRETS_DIR)");
    }
    Path file = dataDir.resolve("secrets").resolve(name);
    try {
      String key;
      boolean reused = Files.isReadable(file);
      if (reused) {
        key = Files.readString(file, StandardCharsets.UTF_8).trim();
      } else {
        Files.createDirectories(file.getParent());
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        key = HexFormat.of().formatHex(raw);
        Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
          // non-POSIX file system
        }
      }
      summary.add(
          String.format(
              "%-15s %s %s",
              name, reused ? "local key from" : "generated for this local run, stored in", file));
      return config.with(name, key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the generated " + name + " in " + file, e);
    }
  }
}
