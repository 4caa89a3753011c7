package io.mutt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where the web API is and which key to present (docs/reference/http-api.md): {@code --url} (else
 * {@code MUTT_URL}, else {@code http://127.0.0.1:8090}); the key from {@code --api-key}, else
 * {@code WEBUI_API_KEY}, else the file {@code WEBUI_API_KEY} in {@code MUTT_SECRETS_DIR}, else the
 * one a local {@code mutt run} generated in {@code <MUTT_DATA_DIR or .mutt>/secrets/WEBUI_API_KEY}.
 */
final class ApiOptions {

  @Option(
      names = "--url",
      description = "Web API base URL (default: $MUTT_URL or http://127.0.0.1:8090)")
  String url;

  @Option(
      names = "--api-key",
      description = "Web API key (default: $WEBUI_API_KEY or the local .mutt/secrets file)")
  String apiKey;

  @Option(
      names = "--timeout",
      defaultValue = "10",
      description = "Seconds to wait for an answer (default ${DEFAULT-VALUE})")
  int timeoutSeconds;

  String baseUrl() {
    String u =
        url != null ? url : System.getenv().getOrDefault("MUTT_URL", "http://127.0.0.1:8090");
    return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
  }

  /** The key, or null when none is configured anywhere. */
  String key() {
    if (apiKey != null && !apiKey.isBlank()) {
      return apiKey.trim();
    }
    String env = System.getenv("WEBUI_API_KEY");
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    for (Path file : keyFiles()) {
      if (Files.isReadable(file)) {
        try {
          String k = Files.readString(file, StandardCharsets.UTF_8).trim();
          if (!k.isEmpty()) {
            return k;
          }
        } catch (IOException ignored) {
          // try the next place
        }
      }
    }
    return null;
  }

  static List<Path> keyFiles() {
    List<Path> files = new ArrayList<>();
    String secrets = System.getenv("MUTT_SECRETS_DIR");
    if (secrets != null && !secrets.isBlank()) {
      files.add(Path.of(secrets, "WEBUI_API_KEY"));
    }
    files.add(
        Path.of(
            System.getenv().getOrDefault("MUTT_DATA_DIR", ".mutt"), "secrets", "WEBUI_API_KEY"));
    return files;
  }

  ApiClient client() {
    return new ApiClient(baseUrl(), key(), timeoutSeconds);
  }
}
