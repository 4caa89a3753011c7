package io.mutt.pipeline.event;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ingest validation of one event (docs/reference/http-api.md) from the JSON kinds of its
 * top-level fields: required fields present (checked in configuration order, as the original did),
 * and the known text fields ({@code hostname}, {@code message}, {@code timestamp}) strings whenever
 * present (a documented tightening, ADR 0007: the original accepted any type and failed later in
 * the alerter). Other fields pass unchecked.
 */
public final class EventValidator {

  /** The event keys whose values are text; a number or object there is refused with 400. */
  public static final List<String> STRING_FIELDS = List.of("hostname", "message", "timestamp");

  private final RequiredFields required;
  private final List<String> watched;
  private final int[] requiredAt;
  private final int[] textAt;

  public EventValidator(RequiredFields required) {
    this.required = required;
    Set<String> w = new LinkedHashSet<>(required.names());
    w.addAll(STRING_FIELDS);
    this.watched = List.copyOf(w);
    this.requiredAt = required.names().stream().mapToInt(watched::indexOf).toArray();
    this.textAt = STRING_FIELDS.stream().mapToInt(watched::indexOf).toArray();
  }

  /**
   * The top-level field names whose kinds {@link #check(int, JsonKind[])} needs, in the order of
   * its array (the required fields first, in configuration order); a scanner may ignore all other
   * fields.
   */
  public List<String> watched() {
    return watched;
  }

  /**
   * Problems of the event at {@code index}; {@code kinds[i]} is the kind of {@code
   * watched().get(i)}, or null.
   */
  public List<EventProblem> check(int index, JsonKind[] kinds) {
    List<EventProblem> out = null;
    for (int i : requiredAt) {
      if (kinds[i] == null) {
        out = add(out, EventProblem.missing(index, watched.get(i)));
      }
    }
    for (int i : textAt) {
      if (kinds[i] != null && kinds[i] != JsonKind.STRING) {
        out = add(out, EventProblem.wrongType(index, watched.get(i), JsonKind.STRING, kinds[i]));
      }
    }
    return out == null ? List.of() : out;
  }

  private static List<EventProblem> add(List<EventProblem> out, EventProblem p) {
    List<EventProblem> list = out == null ? new ArrayList<>(2) : out;
    list.add(p);
    return list;
  }

  public RequiredFields required() {
    return required;
  }

  /** The same check from a map of field name to kind (absent = not in the map). */
  public List<EventProblem> check(int index, Map<String, JsonKind> kinds) {
    JsonKind[] byPosition = new JsonKind[watched.size()];
    for (int i = 0; i < byPosition.length; i++) {
      byPosition[i] = kinds.get(watched.get(i));
    }
    return check(index, byPosition);
  }

  /**
   * The client message for a refused single event: the original's exact text when fields are
   * missing ({@code Missing required fields: ['hostname']}), else the first wrong type ({@code
   * Invalid field 'hostname': must be a string, got number}).
   */
  public static String singleEventMessage(List<EventProblem> problems) {
    List<String> missing =
        problems.stream().filter(EventProblem::isMissing).map(EventProblem::field).toList();
    if (!missing.isEmpty()) {
      return RequiredFields.message(missing);
    }
    EventProblem first = problems.get(0);
    return first.field() == null
        ? "Invalid event: " + first.error()
        : "Invalid field '" + first.field() + "': " + first.error();
  }

  /**
   * The client message for a refused batch: how many events were refused out of how many; nothing
   * was queued.
   */
  public static String batchMessage(List<EventProblem> problems, int events) {
    long refused = problems.stream().mapToInt(EventProblem::index).distinct().count();
    return "Invalid batch: " + refused + " of " + events + " events refused, nothing was queued";
  }
}
