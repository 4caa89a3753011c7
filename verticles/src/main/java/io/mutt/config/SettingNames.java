package io.mutt.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of MUTT's own settings: every top-level key of the bundled {@code conf/mutt.yaml}
 * (which documents each setting) plus the few read before it ({@code MUTT_CONFIG_FILE}, {@code
 * MUTT_SECRETS_DIR}). Anything else in the merged configuration came from the process environment
 * and is none of MUTT's business to show.
 */
public final class SettingNames {

  private static final Pattern KEY = Pattern.compile("^([A-Z][A-Z0-9_]*)\\s*:");
  private static final Set<String> NAMES = load();

  private SettingNames() {}

  public static boolean isSetting(String name) {
    return NAMES.contains(name);
  }

  public static Set<String> all() {
    return NAMES;
  }

  private static Set<String> load() {
    Set<String> out = new TreeSet<>(Set.of("MUTT_CONFIG_FILE", "MUTT_SECRETS_DIR"));
    try (InputStream in =
        SettingNames.class.getClassLoader().getResourceAsStream("conf/mutt.yaml")) {
      if (in == null) {
        throw new IllegalStateException("conf/mutt.yaml is missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        Matcher m = KEY.matcher(line);
        if (m.find()) {
          out.add(m.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(out);
  }
}
