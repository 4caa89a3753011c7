package io.mutt.config;

import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The merged static configuration (conf/mutt.yaml &lt; MUTT_CONFIG_FILE &lt; environment), read by
 * key with typed accessors. Keys are the environment variable names of the spec
 * (docs/reference/configuration.md, docs/reference/http-api.md). Every accessor fails with a {@link
 * ConfigException} naming the key when the value is unusable.
 */
public final class MuttConfig {

  /** Keys that hold secrets: never printed, never returned by {@link #toPublicJson()}. */
  public static final Set<String> SECRET_KEYS =
      Set.of(
          "INGEST_API_KEY",
          "INGEST_API_KEY_NEXT",
          "WEBUI_API_KEY",
          "WEBUI_API_KEY_NEXT",
          "MOOG_API_KEY",
          "REDIS_PASS",
          "REDIS_PASS_CURRENT",
          "REDIS_PASS_NEXT",
          "DB_PASS",
          "DB_PASS_CURRENT",
          "DB_PASS_NEXT",
          "DB_ADMIN_PASS",
          "VAULT_SECRET_ID",
          "VAULT_TOKEN",
          "NOTIFY_SLACK_WEBHOOK_URL");

  private final JsonObject values;
  private final SecretSource secretSource;

  public MuttConfig(JsonObject values) {
    this(values, SecretSource.NONE);
  }

  private MuttConfig(JsonObject values, SecretSource secretSource) {
    this.values = values.copy();
    this.secretSource = secretSource;
  }

  /** A copy with some keys replaced (tests and embedded servers use this). */
  public MuttConfig with(String key, Object value) {
    JsonObject copy = values.copy();
    copy.put(key, value);
    return new MuttConfig(copy, secretSource);
  }

  /** A copy whose {@link Secrets} also consult this source (after environment and files). */
  public MuttConfig withSecretSource(SecretSource source) {
    return new MuttConfig(values, source);
  }

  public SecretSource secretSource() {
    return secretSource;
  }

  public boolean has(String key) {
    Object v = values.getValue(key);
    return v != null && !v.toString().isBlank();
  }

  public String string(String key, String def) {
    Object v = values.getValue(key);
    if (v == null) {
      return def;
    }
    String s = v.toString().trim();
    return s.isEmpty() ? def : s;
  }

  public String string(String key) {
    return string(key, "");
  }

  public String required(String key) {
    String s = string(key, null);
    if (s == null) {
      throw new ConfigException(key + " is required but not set");
    }
    return s;
  }

  public long longValue(String key, long def) {
    String s = string(key, null);
    if (s == null) {
      return def;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      try {
        double d = Double.parseDouble(s);
        if (d == Math.rint(d)) {
          return (long) d;
        }
      } catch (NumberFormatException ignored) {
        // fall through to the error below
      }
      throw new ConfigException(key + " must be an integer, got '" + s + "'");
    }
  }

  public int intValue(String key, int def) {
    long v = longValue(key, def);
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
      throw new ConfigException(key + " is out of range: " + v);
    }
    return (int) v;
  }

  /** An integer that must be at least {@code min}. */
  public int atLeast(String key, int def, int min) {
    int v = intValue(key, def);
    if (v < min) {
      throw new ConfigException(key + " must be >= " + min + ", got " + v);
    }
    return v;
  }

  public double doubleValue(String key, double def) {
    String s = string(key, null);
    if (s == null) {
      return def;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a number, got '" + s + "'");
    }
  }

  /** True iff the lower-cased value is "true" (also 1/yes/on, accepted for every flag here). */
  public boolean bool(String key, boolean def) {
    String s = string(key, null);
    if (s == null) {
      return def;
    }
    String v = s.toLowerCase(Locale.ROOT);
    return v.equals("true") || v.equals("1") || v.equals("yes") || v.equals("on");
  }

  /** A TCP port 1..65535 (anything else stops the start). */
  public int port(String key, int def) {
    int p = intValue(key, def);
    if (p < 1 || p > 65535) {
      throw new ConfigException(key + " must be a port between 1 and 65535, got " + p);
    }
    return p;
  }

  /** "auto" booleans: auto = on unless the host is a loopback address. */
  public boolean tlsFor(String key, String host) {
    String s = string(key, "auto").toLowerCase(Locale.ROOT);
    if (s.equals("auto")) {
      return !isLoopback(host);
    }
    return bool(key, true);
  }

  public List<String> list(String key, String def) {
    return Arrays.stream(string(key, def).split(","))
        .map(String::trim)
        .filter(x -> !x.isEmpty())
        .toList();
  }

  static boolean isLoopback(String host) {
    if (host == null || host.isBlank() || host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * MUTT's own non-secret settings (names from {@link SettingNames}), for /admin/config and the
   * dashboard. Foreign environment variables (PATH, cloud credentials, other programs' URLs) and
   * every secret are left out.
   */
  public JsonObject toPublicJson() {
    JsonObject out = new JsonObject();
    values.fieldNames().stream()
        .sorted()
        .filter(k -> SettingNames.isSetting(k) && !isSecretName(k))
        .forEach(k -> out.put(k, values.getValue(k)));
    return out;
  }

  public static boolean isSecretName(String key) {
    String k = key.toUpperCase(Locale.ROOT);
    return SECRET_KEYS.contains(k)
        || k.contains("PASS")
        || k.contains("SECRET")
        || k.contains("TOKEN")
        || k.endsWith("_KEY")
        || k.endsWith("_KEY_NEXT");
  }

  public JsonObject raw() {
    return values.copy();
  }
}
