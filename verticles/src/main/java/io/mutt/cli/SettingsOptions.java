package io.mutt.cli;

import io.mutt.config.MuttConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Settings for commands that read MUTT's configuration (conf/mutt.yaml &lt; MUTT_CONFIG_FILE &lt;
 * environment): {@code --set KEY=VALUE} adds overrides on top, e.g. {@code --set
 * DB_HOST=db.internal}.
 */
final class SettingsOptions {

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override a setting (repeatable), e.g. --set DB_HOST=db")
  Map<String, String> overrides = new LinkedHashMap<>();

  Map<String, String> overrides() {
    return overrides;
  }

  MuttConfig load() {
    return CliRuntime.config(overrides);
  }
}
