package io.mutt.pipeline.event;

/**
 * Why one event of a request was refused: its position in the request (0 for a single event, the
 * array index or NDJSON record number for a batch), the top-level field concerned (null when the
 * item itself is wrong), and a short text for the client.
 */
public record EventProblem(int index, String field, String error) {

  public static final String MISSING = "missing required field";
  public static final String NOT_AN_OBJECT = "not a JSON object";

  public static EventProblem missing(int index, String field) {
    return new EventProblem(index, field, MISSING);
  }

  public static EventProblem wrongType(
      int index, String field, JsonKind expected, JsonKind actual) {
    return new EventProblem(
        index, field, "must be a " + expected.label() + ", got " + actual.label());
  }

  public static EventProblem notAnObject(int index, JsonKind actual) {
    return new EventProblem(index, null, NOT_AN_OBJECT + " (got " + actual.label() + ")");
  }

  public boolean isMissing() {
    return MISSING.equals(error);
  }
}
