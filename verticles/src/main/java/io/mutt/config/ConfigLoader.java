package io.mutt.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads the static configuration with vertx-config: classpath {@code conf/mutt.yaml} (the
 * defaults), then the file named by {@code MUTT_CONFIG_FILE}, then the process environment, then
 * explicit overrides (tests, CLI).
 */
public final class ConfigLoader {

  private ConfigLoader() {}

  public static Future<MuttConfig> load(Vertx vertx, Map<String, String> overrides) {
    ConfigRetrieverOptions options =
        new ConfigRetrieverOptions()
            .setIncludeDefaultStores(false)
            .setScanPeriod(-1)
            .addStore(
                new ConfigStoreOptions()
                    .setType("file")
                    .setFormat("yaml")
                    .setConfig(new JsonObject().put("path", "conf/mutt.yaml")));
    String extra = overrides.getOrDefault("MUTT_CONFIG_FILE", System.getenv("MUTT_CONFIG_FILE"));
    if (extra != null && !extra.isBlank()) {
      if (!Files.isReadable(Path.of(extra))) {
        return Future.failedFuture(
            new ConfigException("MUTT_CONFIG_FILE points to an unreadable file: " + extra));
      }
      options.addStore(
          new ConfigStoreOptions()
              .setType("file")
              .setFormat(extra.endsWith(".json") ? "json" : "yaml")
              .setConfig(new JsonObject().put("path", extra)));
    }
    options.addStore(
        new ConfigStoreOptions().setType("env").setConfig(new JsonObject().put("raw-data", true)));
    JsonObject explicit = new JsonObject();
    overrides.forEach(explicit::put);
    options.addStore(new ConfigStoreOptions().setType("json").setConfig(explicit));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever
        .getConfig()
        .map(MuttConfig::new)
        .andThen(ar -> retriever.close())
        .recover(
            err ->
                Future.failedFuture(
                    err instanceof ConfigException
                        ? err
                        : new ConfigException(
                            "configuration could not be read: " + err.getMessage())));
  }
}
