package io.mutt.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads sample values out of Prometheus text exposition (enough for {@code mutt status}). */
final class PromText {

  private final Map<String, Double> samples = new LinkedHashMap<>();

  PromText(String text) {
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int sp = line.lastIndexOf(' ');
      if (sp <= 0) {
        continue;
      }
      try {
        samples.put(
            line.substring(0, sp).trim(), Double.parseDouble(line.substring(sp + 1).trim()));
      } catch (NumberFormatException ignored) {
        // not a sample line
      }
    }
  }

  /** The first sample of {@code name} whose labels contain every given {@code k="v"} fragment. */
  Optional<Double> value(String name, String... labelFragments) {
    for (Map.Entry<String, Double> e : samples.entrySet()) {
      String key = e.getKey();
      if (!(key.equals(name) || key.startsWith(name + "{"))) {
        continue;
      }
      boolean all = true;
      for (String f : labelFragments) {
        all &= key.contains(f);
      }
      if (all) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }
}
