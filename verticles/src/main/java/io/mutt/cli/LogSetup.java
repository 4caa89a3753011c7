package io.mutt.cli;

/** Chooses text or JSON logs (LOG_JSON_ENABLED) before the first logger is created. */
final class LogSetup {

  private LogSetup() {
  }

  static void configure() {
    if (System.getProperty("logback.configurationFile") == null
        && "true".equalsIgnoreCase(System.getenv().getOrDefault("LOG_JSON_ENABLED", "false").trim())) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    System.setProperty("hazelcast.logging.type", "slf4j");
  }
}
