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
      if (!local) {
        checkStrength(out, secrets, name);
        checkStrength(out, secrets, name + "_NEXT");
      }
      out = ensureKey(out, secrets, name, dataDir, mayGenerate, summary);
    }
    return out;
  }

  /** Keys MUTT's clients present to MUTT; the Moogsoft key is Moogsoft's to choose. */
  static final Set<String> OWN_KEYS = Set.of("INGEST_API_KEY", "WEBUI_API_KEY");

  /**
   * Outside a local run an operator-supplied API key shorter than {@code API_KEY_MIN_LENGTH}
   * (default 16) characters is refused at start: such a key is guessable.
   */
  static void checkStrength(MuttConfig config, Secrets secrets, String name) {
    String base = name.endsWith("_NEXT") ? name.substring(0, name.length() - 5) : name;
    if (!OWN_KEYS.contains(base)) {
      return;
    }
    int min = config.atLeast("API_KEY_MIN_LENGTH", 16, 1);
    secrets
        .get(name)
        .filter(k -> k.length() < min)
        .ifPresent(
            k -> {
              throw new ConfigException(
                  name
                      + " is too short: at least "
                      + min
                      + " characters are required (API_KEY_MIN_LENGTH) outside a local run");
            });
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
    String key = generated(dataDir, name, "key", summary);
    return config.with(name, key);
  }

  /**
   * A generated secret of the local run kept in {@code <data dir>/secrets/<NAME>}: read when the
   * file exists, else 24 random bytes in hex written there. The folder is 0700 and the file 0600;
   * the summary names the file, never the value.
   */
  static String generated(Path dataDir, String name, String what, List<String> summary) {
    Path file = dataDir.resolve("secrets").resolve(name);
    try {
      String key;
      FilePermissions.privateDir(dataDir);
      FilePermissions.privateDir(file.getParent());
      boolean reused = Files.isReadable(file);
      if (reused) {
        key = Files.readString(file, StandardCharsets.UTF_8).trim();
      } else {
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        key = HexFormat.of().formatHex(raw);
        Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
      }
      FilePermissions.privateFile(file);
      summary.add(
          String.format(
              "%-15s %s %s",
              name,
              reused ? "local " + what + " from" : "generated for this local run, stored in",
              file));
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the generated " + name + " in " + file, e);
    }
  }
}
