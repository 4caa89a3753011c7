package io.mutt.pipeline.traps;

import java.util.HashMap;
import java.util.Map;

/**
 * An optional OID → name table for readable trap messages, read from lines {@code OID name} ({@code
 * #} starts a comment). A name is found for the longest known prefix, the rest kept as a suffix:
 * {@code 1.3.6.1.2.1.2.2.1.1.3} → {@code ifIndex.3}.
 */
public final class OidNames {

  public static final OidNames NONE = new OidNames(Map.of());

  private final Map<String, String> names;

  private OidNames(Map<String, String> names) {
    this.names = names;
  }

  /**
   * @throws IllegalArgumentException naming the line that is not {@code OID name}
   */
  public static OidNames parse(String text) {
    Map<String, String> m = new HashMap<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash).strip();
      }
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length != 2 || !parts[0].matches("\\.?[0-9]+(\\.[0-9]+)*")) {
        throw new IllegalArgumentException("line " + (i + 1) + ": expected 'OID name'");
      }
      m.put(TrapMessage.strip(parts[0]), parts[1]);
    }
    return new OidNames(Map.copyOf(m));
  }

  public int size() {
    return names.size();
  }

  /** The name of {@code oid} (with its unnamed suffix), or null when no prefix is known. */
  public String name(String oid) {
    if (names.isEmpty() || oid == null) {
      return null;
    }
    String prefix = oid;
    while (true) {
      String n = names.get(prefix);
      if (n != null) {
        return prefix.length() == oid.length() ? n : n + oid.substring(prefix.length());
      }
      int dot = prefix.lastIndexOf('.');
      if (dot <= 0) {
        return null;
      }
      prefix = prefix.substring(0, dot);
    }
  }
}
