package io.mutt.ingest;

import io.mutt.config.ConfigException;
import io.mutt.config.MuttConfig;
import io.mutt.pipeline.event.IngestLimits;
import io.mutt.pipeline.event.RequiredFields;

/**
 * The static ingest settings (conf/mutt.yaml, including the batch, size and sampling keys of ADR
 * 0007), read and validated once; a bad value fails the start with a {@link ConfigException} naming
 * the key.
 */
public record IngestSettings(
    int port,
    int instances,
    RequiredFields required,
    IngestLimits limits,
    long staticCap,
    boolean rateLimitEnabled,
    long maxRate,
    long rateWindowSeconds,
    long depthSampleMs) {

  public static IngestSettings from(MuttConfig c) {
    IngestLimits limits;
    try {
      limits =
          new IngestLimits(
              c.atLeast("INGEST_MAX_BATCH_EVENTS", 1000, 1),
              c.longValue("INGEST_MAX_BODY_BYTES", 10L * 1024 * 1024),
              c.intValue("INGEST_MAX_NESTING_DEPTH", 64),
              100);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    return new IngestSettings(
        c.port("SERVER_PORT_INGESTOR", 8080),
        c.atLeast("INGEST_INSTANCES", 2, 1),
        RequiredFields.parse(c.string("REQUIRED_FIELDS", "hostname,message,timestamp")),
        limits,
        c.atLeast("MAX_INGEST_QUEUE_SIZE", 1_000_000, 1000),
        c.bool("RATE_LIMIT_ENABLED", false),
        c.atLeast("INGEST_MAX_RATE", 1000, 1),
        c.atLeast("INGEST_RATE_WINDOW", 60, 1),
        c.atLeast("INGEST_DEPTH_SAMPLE_MS", 20, 1));
  }
}
