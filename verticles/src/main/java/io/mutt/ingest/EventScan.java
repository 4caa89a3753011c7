package io.mutt.ingest;

import io.mutt.pipeline.event.EventProblem;
import java.util.List;

/** What {@link EventScanner} found in a request body. */
sealed interface EventScan {

  /**
   * Well-formed JSON: the events (in order) and the problems of the invalid ones (empty when all
   * are valid).
   */
  record Parsed(boolean single, List<ScannedEvent> events, List<EventProblem> problems, int count)
      implements EventScan {}

  /**
   * Not usable as JSON at all (syntax, encoding, nesting, shape): 400 {@code Invalid JSON:
   * <detail>}.
   */
  record Malformed(String detail) implements EventScan {}

  /** More events than one request may carry: 413. */
  record TooManyEvents(int limit) implements EventScan {}
}
