package io.mutt.ingest;

/**
 * Where one valid event object sits in the request body: byte offsets of its opening and closing
 * braces, how many top-level fields it has, and whether it carries {@code _correlation_id} / {@code
 * _event_id} of its own (which MUTT overwrites, so the event must be re-encoded instead of
 * spliced).
 */
record ScannedEvent(int open, int close, int fields, boolean carriesIds) {}
