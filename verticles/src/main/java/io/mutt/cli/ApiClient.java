package io.mutt.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A small blocking client of the web API for the CLI (JDK HttpClient; the CLI runs no event loop).
 * Presents the key in {@code X-API-KEY}, sends and reads JSON, and maps failures to exit codes: no
 * answer → {@link ExitCodes#UNREACHABLE}, 401/403 or no key → {@link ExitCodes#USAGE}, any other
 * 4xx/5xx → {@link ExitCodes#ERROR} with the server's {@code error} text.
 */
final class ApiClient {

  private final String base;
  private final String key;
  private final Duration timeout;
  private final HttpClient http;

  ApiClient(String base, String key, int timeoutSeconds) {
    this.base = base;
    this.key = key;
    this.timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
    this.http = HttpClient.newBuilder().connectTimeout(this.timeout).build();
  }

  String base() {
    return base;
  }

  /** GET a JSON answer (object or array). */
  Object get(String path) {
    return json(send("GET", path, null));
  }

  Object put(String path, JsonObject body) {
    return json(send("PUT", path, body));
  }

  Object post(String path, Object body) {
    return json(send("POST", path, body));
  }

  /** A JSON answer as an object: itself, or an empty object when the API answered otherwise. */
  static JsonObject object(Object answer) {
    return answer instanceof JsonObject o ? o : new JsonObject();
  }

  /**
   * Sends one request with the key; answers the 2xx response, else throws a {@link CliException}.
   */
  HttpResponse<String> send(String method, String path, Object body) {
    HttpRequest.Builder req = request(path).timeout(timeout).header("Accept", "application/json");
    if (body == null) {
      req.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      req.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(Json.encode(body)));
    }
    HttpResponse<String> res = exchange(req.build(), HttpResponse.BodyHandlers.ofString());
    check(res.statusCode(), () -> res.body());
    return res;
  }

  /**
   * Follows a server-sent-event stream and hands each {@code data:} payload to {@code onData} until
   * it answers false or the stream ends.
   */
  void stream(String path, Predicate<String> onData) {
    HttpRequest req = request(path).header("Accept", "text/event-stream").GET().build();
    HttpResponse<Stream<String>> res = exchange(req, HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> lines = res.body()) {
      if (res.statusCode() >= 300) {
        StringBuilder sb = new StringBuilder();
        lines.limit(20).forEach(sb::append);
        check(res.statusCode(), sb::toString);
      }
      Iterator<String> it = lines.iterator();
      while (it.hasNext()) {
        String line = it.next();
        if (line.startsWith("data:") && !onData.test(line.substring(5).stripLeading())) {
          return;
        }
      }
    }
  }

  private HttpRequest.Builder request(String path) {
    if (key == null) {
      throw new CliException(
          ExitCodes.USAGE,
          "no API key: pass --api-key, set WEBUI_API_KEY, or run 'mutt run' locally"
              + " once so that .mutt/secrets/WEBUI_API_KEY exists");
    }
    try {
      return HttpRequest.newBuilder(URI.create(base + path)).header("X-API-KEY", key);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, "bad --url '" + base + "': " + e.getMessage());
    }
  }

  private <T> HttpResponse<T> exchange(HttpRequest req, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(req, handler);
    } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
      throw new UnreachableException(
          "web API at " + base + " is not reachable (" + describe(e) + ")");
    } catch (HttpTimeoutException e) {
      throw new UnreachableException(
          "web API at " + base + " did not answer within " + timeout.toSeconds() + " s");
    } catch (IOException e) {
      if (e.getCause() instanceof ConnectException
          || e.getCause() instanceof UnresolvedAddressException) {
        throw new UnreachableException(
            "web API at " + base + " is not reachable (" + describe(e.getCause()) + ")");
      }
      throw new CliException(ExitCodes.ERROR, "request to " + base + " failed: " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.ERROR, "interrupted");
    }
  }

  private static void check(int status, java.util.function.Supplier<String> body) {
    if (status < 300) {
      return;
    }
    String reason = errorText(body.get());
    if (status == 401 || status == 403) {
      throw new CliException(
          ExitCodes.USAGE, "the web API refused the API key (HTTP " + status + ")");
    }
    throw new CliException(
        ExitCodes.ERROR, "HTTP " + status + (reason.isEmpty() ? "" : ": " + reason));
  }

  private static String errorText(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonObject o = new JsonObject(body);
      return o.getString("error", o.getString("message", body.strip()));
    } catch (DecodeException | ClassCastException e) {
      String text = body.strip();
      if (text.startsWith("<")) {
        return "not a MUTT API answer (is --url the web API?)";
      }
      return text.length() > 200 ? text.substring(0, 200) : text;
    }
  }

  private static Object json(HttpResponse<String> res) {
    String body = res.body();
    if (body == null || body.isBlank()) {
      return new JsonObject();
    }
    try {
      return Json.decodeValue(body);
    } catch (DecodeException e) {
      throw new CliException(
          ExitCodes.ERROR,
          "the web API answered something that is not JSON (HTTP " + res.statusCode() + ")");
    }
  }

  private static String describe(Throwable e) {
    if (e instanceof ConnectException && e.getMessage() == null) {
      return "connection refused";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
