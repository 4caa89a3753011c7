package io.mutt.pipeline.event;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ingest validation of one event (SPEC 3.1, 4.3 step 3) from the JSON kinds of its top-level fields: required
 * fields present (checked in configuration order, as the original did), and the known text fields
 * ({@code hostname}, {@code message}, {@code timestamp}) strings whenever present (a documented tightening, ADR
 * 0007: the original accepted any type and failed later in the alerter). Other fields pass unchecked.
 */
public final class EventValidator {

  /** The SPEC 3.1 keys whose values are text; a number or object there is refused with 400. */
  public static final Set<String> STRING_FIELDS = Set.of("hostname", "message", "timestamp");

  private final RequiredFields required;
  private final Set<String> watched;

  public EventValidator(RequiredFields required) {
    this.required = required;
    Set<String> w = new LinkedHashSet<>(required.names());
    w.addAll(STRING_FIELDS);
    this.watched = Set.copyOf(w);
  }

  /** The top-level field names whose kinds {@link #check} needs; a scanner may ignore all others. */
  public Set<String> watched() {
    return watched;
  }

  public RequiredFields required() {
    return required;
  }

  /** Problems of the event at {@code index}, given the kinds of its watched fields (absent = not in the map). */
  public List<EventProblem> check(int index, Map<String, JsonKind> kinds) {
    List<EventProblem> out = new ArrayList<>(0);
    for (String name : required.names()) {
      if (!kinds.containsKey(name)) {
        out.add(EventProblem.missing(index, name));
      }
    }
    for (String name : new String[] {"hostname", "message", "timestamp"}) {
      JsonKind kind = kinds.get(name);
      if (kind != null && kind != JsonKind.STRING) {
        out.add(EventProblem.wrongType(index, name, JsonKind.STRING, kind));
      }
    }
    return out;
  }

  /**
   * The client message for a refused single event: the original's exact text when fields are missing
   * ({@code Missing required fields: ['hostname']}), else the first wrong type
   * ({@code Invalid field 'hostname': must be a string, got number}).
   */
  public static String singleEventMessage(List<EventProblem> problems) {
    List<String> missing = problems.stream().filter(EventProblem::isMissing).map(EventProblem::field).toList();
    if (!missing.isEmpty()) {
      return RequiredFields.message(missing);
    }
    EventProblem first = problems.get(0);
    return first.field() == null ? "Invalid event: " + first.error()
        : "Invalid field '" + first.field() + "': " + first.error();
  }

  /** The client message for a refused batch: how many events were refused out of how many; nothing was queued. */
  public static String batchMessage(List<EventProblem> problems, int events) {
    long refused = problems.stream().mapToInt(EventProblem::index).distinct().count();
    return "Invalid batch: " + refused + " of " + events + " events refused, nothing was queued";
  }
}
