package io.mutt.pipeline.syslog;

import java.util.List;

/**
 * The reasons a syslog frame is marked as not fully read: the {@code parse_error} field of the
 * event and the {@code reason} label of {@code mutt_listener_parse_errors_total}.
 */
public final class ParseErrors {

  /** The message does not start with {@code <PRI>} (RFC 3164 §4.3.3: kept as user.notice). */
  public static final String NO_PRI = "no_pri";

  /** {@code <PRI>} present but not 0–191. */
  public static final String BAD_PRI = "bad_pri";

  /** An RFC 5424 header with a missing field, or an unknown VERSION. */
  public static final String BAD_HEADER = "bad_header";

  /** An RFC 5424 TIMESTAMP that is not RFC 3339. */
  public static final String BAD_TIMESTAMP = "bad_timestamp";

  /** RFC 5424 STRUCTURED-DATA that does not follow the grammar. */
  public static final String BAD_STRUCTURED_DATA = "bad_structured_data";

  /** A frame longer than the configured maximum: the event carries its first part. */
  public static final String TOO_LONG = "too_long";

  /** An RFC 6587 octet count that is not a number: the rest of the line is one frame. */
  public static final String BAD_OCTET_COUNT = "bad_octet_count";

  /** The connection closed inside an octet-counted frame: the event carries what arrived. */
  public static final String TRUNCATED = "truncated";

  /** An empty frame or datagram: counted, no event. */
  public static final String EMPTY = "empty";

  /** Every reason, for registering the metric series up front. */
  public static final List<String> ALL =
      List.of(
          NO_PRI,
          BAD_PRI,
          BAD_HEADER,
          BAD_TIMESTAMP,
          BAD_STRUCTURED_DATA,
          TOO_LONG,
          BAD_OCTET_COUNT,
          TRUNCATED,
          EMPTY);

  private ParseErrors() {}
}
