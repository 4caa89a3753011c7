package io.mutt.cli;

import java.nio.file.Path;

/**
 * Chooses text or JSON console logs (LOG_JSON_ENABLED) before the first logger is created, and for
 * {@code mutt run} also names the structured log file that {@code mutt logs} follows (system
 * property {@code mutt.json.log.file}: {@code MUTT_JSON_LOG_FILE}, else {@code
 * <MUTT_DATA_DIR>/logs/mutt.json.log}; {@code MUTT_JSON_LOG_FILE=none} turns it off). Other
 * commands log to the console only.
 */
final class LogSetup {

  private LogSetup() {}

  static void configure(String... args) {
    if (System.getProperty("logback.configurationFile") == null
        && "true"
            .equalsIgnoreCase(System.getenv().getOrDefault("LOG_JSON_ENABLED", "false").trim())) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
    if (args.length > 0
        && args[0].equals("run")
        && System.getProperty("mutt.json.log.file") == null) {
      String file = jsonLogFile();
      if (file != null) {
        System.setProperty("mutt.json.log.file", file);
      }
    }
    System.setProperty(
        "vertx.logger-delegate-factory-class-name",
        "io.vertx.core.logging.SLF4JLogDelegateFactory");
    System.setProperty("hazelcast.logging.type", "slf4j");
  }

  /** The structured log file of a local {@code mutt run}, or null when switched off. */
  static String jsonLogFile() {
    String explicit = System.getenv("MUTT_JSON_LOG_FILE");
    if (explicit != null && !explicit.isBlank()) {
      return explicit.trim().equalsIgnoreCase("none") ? null : explicit.trim();
    }
    String dataDir = System.getenv().getOrDefault("MUTT_DATA_DIR", ".mutt");
    return Path.of(dataDir.isBlank() ? ".mutt" : dataDir, "logs", "mutt.json.log").toString();
  }
}
