package io.mutt.contract;

/** Field names of the entries of MUTT's Redis streams (ingest queue, alert queue, DLQs). */
public final class StreamFields {

  /**
   * The one field of every stream entry: the event or alert JSON. Kept to one byte because it is
   * stored once per entry.
   */
  public static final String PAYLOAD = "e";

  private StreamFields() {}
}
