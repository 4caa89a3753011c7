package io.mutt.pipeline.alerting;

/** What the alerter does before it consumes more events. */
public enum Backpressure {
  /** Alert queue at or below the warn threshold: consume. */
  NONE,
  /** Above the warn threshold: log a warning and consume. */
  WARN,
  /**
   * Above the shed threshold, mode {@code dlq}: move the next ingest entries to the alerter DLQ.
   */
  SHED_DLQ,
  /** Above the shed threshold, mode {@code defer}: pause consumption. */
  DEFER,
  /**
   * Above the shed threshold with a mode that is neither {@code dlq} nor {@code defer}: warn and
   * consume.
   */
  UNKNOWN_MODE
}
