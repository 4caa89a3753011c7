package io.mutt.pipeline.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The ingest presence check (docs/reference/http-api.md): the configured required keys, in
 * configuration order.
 */
public final class RequiredFields {

  private final List<String> names;

  private RequiredFields(List<String> names) {
    this.names = List.copyOf(names);
  }

  /** From the comma list of {@code REQUIRED_FIELDS} (trimmed, empty entries ignored). */
  public static RequiredFields parse(String commaList) {
    return new RequiredFields(
        Arrays.stream(commaList == null ? new String[0] : commaList.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList());
  }

  public List<String> names() {
    return names;
  }

  /**
   * The required keys absent from the event, in configuration order (a key with a null value counts
   * as present).
   */
  public List<String> missing(Map<String, ?> event) {
    List<String> out = new ArrayList<>(0);
    for (String n : names) {
      if (!event.containsKey(n)) {
        out.add(n);
      }
    }
    return out;
  }

  /** The original's message: {@code Missing required fields: ['hostname', 'timestamp']}. */
  public static String message(List<String> missing) {
    return "Missing required fields: "
        + missing.stream()
            .map(s -> "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'")
            .collect(Collectors.joining(", ", "[", "]"));
  }
}
