package io.mutt.notifier;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * What one message tells: dead letters that arrived since the last message (how many, a few
 * quoted), DLQs that grew past the threshold, and critical alerts held while the Moogsoft circuit
 * is open.
 *
 * @param newDeadLetters entries new in the terminal dead-letter list ({@code atLeast} when more
 *     than were looked at)
 * @param deadSamples the newest of them, shortened
 * @param grownDlqs DLQ short name → length, for DLQs over the threshold that grew
 * @param fallback alerts sent in place of (or before) Moogsoft
 */
record Digest(
    long newDeadLetters,
    boolean atLeast,
    List<String> deadSamples,
    Map<String, Long> grownDlqs,
    List<FallbackAlert> fallback,
    long threshold) {

  /** An alert held in the alert stream while the circuit is open. */
  record FallbackAlert(
      String stream,
      String streamId,
      String eventId,
      String hostname,
      String team,
      String severity,
      String text) {}

  boolean isEmpty() {
    return newDeadLetters == 0 && grownDlqs.isEmpty() && fallback.isEmpty();
  }

  String subject() {
    StringBuilder s = new StringBuilder("[MUTT]");
    if (!fallback.isEmpty()) {
      s.append(" ")
          .append(fallback.size())
          .append(" critical alert(s) while Moogsoft is unreachable;");
    }
    if (newDeadLetters > 0) {
      s.append(" ")
          .append(atLeast ? "at least " : "")
          .append(newDeadLetters)
          .append(" new dead letter(s);");
    }
    if (!grownDlqs.isEmpty()) {
      s.append(" DLQ over ")
          .append(threshold)
          .append(": ")
          .append(String.join(", ", grownDlqs.keySet()))
          .append(';');
    }
    s.setLength(s.length() - 1);
    return s.toString();
  }

  String text() {
    StringBuilder t = new StringBuilder();
    if (!fallback.isEmpty()) {
      t.append("Critical alerts held while the Moogsoft circuit is open:\n");
      for (FallbackAlert a : fallback) {
        t.append("- ")
            .append(a.severity())
            .append(" [")
            .append(a.team())
            .append("] ")
            .append(a.hostname())
            .append(": ")
            .append(a.text())
            .append(" (event ")
            .append(a.eventId())
            .append(")\n");
      }
    }
    if (newDeadLetters > 0) {
      t.append(atLeast ? "At least " : "")
          .append(newDeadLetters)
          .append(" new entries in the dead-letter list (not replayed automatically). Newest:\n");
      deadSamples.forEach(d -> t.append("- ").append(d).append('\n'));
    }
    grownDlqs.forEach(
        (name, len) ->
            t.append("DLQ ")
                .append(name)
                .append(" holds ")
                .append(len)
                .append(" entries (threshold ")
                .append(threshold)
                .append(").\n"));
    t.append("Inspect: mutt dlq list <alerter|moog|dead>, or the dashboard's DLQ panel.");
    return t.toString();
  }

  /** The audit record's fields (counts and ids, no message text). */
  JsonObject summary() {
    JsonArray ids = new JsonArray();
    fallback.forEach(a -> ids.add(a.eventId()));
    return new JsonObject()
        .put("dead_letters", newDeadLetters)
        .put(
            "dlqs",
            new JsonObject(
                Map.copyOf(grownDlqs).entrySet().stream()
                    .collect(
                        java.util.stream.Collectors.toMap(
                            Map.Entry::getKey, e -> (Object) e.getValue()))))
        .put("fallback_event_ids", ids);
  }
}
