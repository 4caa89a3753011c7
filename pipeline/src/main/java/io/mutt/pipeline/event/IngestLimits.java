package io.mutt.pipeline.event;

/**
 * Size limits of one ingest request (ADR 0007): events per request ({@code
 * INGEST_MAX_BATCH_EVENTS}), body bytes on the wire and after gzip decompression ({@code
 * INGEST_MAX_BODY_BYTES}), JSON nesting depth ({@code INGEST_MAX_NESTING_DEPTH}), and how many
 * per-event problems a 400 answer lists.
 */
public record IngestLimits(
    int maxBatchEvents, long maxBodyBytes, int maxNestingDepth, int maxProblemsReported) {

  public static final IngestLimits DEFAULTS = new IngestLimits(1000, 10L * 1024 * 1024, 64, 100);

  public IngestLimits {
    require(maxBatchEvents >= 1, "INGEST_MAX_BATCH_EVENTS must be >= 1");
    require(
        maxBodyBytes >= 1024 && maxBodyBytes <= Integer.MAX_VALUE - 64,
        "INGEST_MAX_BODY_BYTES must be between 1024 and 2147483583");
    require(
        maxNestingDepth >= 2 && maxNestingDepth <= 1000,
        "INGEST_MAX_NESTING_DEPTH must be between 2 and 1000");
    require(maxProblemsReported >= 1, "the number of reported problems must be >= 1");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Whether a body announced or read so far of {@code bytes} is over the limit. */
  public boolean bodyTooLarge(long bytes) {
    return bytes > maxBodyBytes;
  }
}
