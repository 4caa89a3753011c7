package io.mutt.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The four Vault HTTP API calls MUTT makes: AppRole login ({@code POST auth/approle/login}), KV v2
 * read ({@code GET <mount>/data/<path>}), {@code GET auth/token/lookup-self} and {@code POST
 * auth/token/renew-self}; with {@code X-Vault-Namespace} when a namespace is set and the CA of
 * {@code VAULT_CACERT} for HTTPS. Blocking (JDK HTTP client): it runs at start, before the Vert.x
 * instance exists, and later on the refresher's own thread, never on an event loop. Errors carry
 * Vault's status and its {@code errors} text, never a token or a secret.
 */
final class VaultClient {

  /** A Vault answer other than 2xx, or no answer. {@code status} 0 = not reached. */
  static final class VaultException extends Exception {
    final int status;

    VaultException(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  record Login(String token, long leaseSeconds, boolean renewable) {}

  record KvRead(Map<String, String> data, long version) {}

  private final URI base;
  private final String namespace;
  private final HttpClient http;

  VaultClient(String address, String namespace, String caCertPath) {
    this.base = URI.create(address.endsWith("/") ? address : address + "/");
    this.namespace = namespace;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (caCertPath != null && !caCertPath.isBlank()) {
      b.sslContext(trusting(Path.of(caCertPath)));
    }
    this.http = b.build();
  }

  Login login(String roleId, String secretId) throws VaultException {
    JsonObject body =
        call(
            "POST",
            "v1/auth/approle/login",
            null,
            new JsonObject().put("role_id", roleId).put("secret_id", secretId));
    return login(body);
  }

  KvRead read(String mount, String path, String token) throws VaultException {
    JsonObject body = call("GET", "v1/" + mount + "/data/" + path, token, null);
    JsonObject data = body.getJsonObject("data", new JsonObject());
    JsonObject kv = data.getJsonObject("data", new JsonObject());
    Map<String, String> out = new HashMap<>();
    kv.forEach(
        e -> {
          if (e.getValue() != null) {
            out.put(e.getKey(), String.valueOf(e.getValue()));
          }
        });
    long version = data.getJsonObject("metadata", new JsonObject()).getLong("version", 0L);
    return new KvRead(out, version);
  }

  /** Seconds the token has left. */
  long ttl(String token) throws VaultException {
    return call("GET", "v1/auth/token/lookup-self", token, null)
        .getJsonObject("data", new JsonObject())
        .getLong("ttl", 0L);
  }

  Login renew(String token) throws VaultException {
    return login(call("POST", "v1/auth/token/renew-self", token, new JsonObject()));
  }

  private static Login login(JsonObject body) throws VaultException {
    JsonObject auth = body.getJsonObject("auth");
    if (auth == null || auth.getString("client_token") == null) {
      throw new VaultException(200, "Vault answered without a token");
    }
    return new Login(
        auth.getString("client_token"),
        auth.getLong("lease_duration", 0L),
        auth.getBoolean("renewable", false));
  }

  private JsonObject call(String method, String path, String token, JsonObject body)
      throws VaultException {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(10))
            .header("Accept", "application/json");
    if (token != null) {
      r.header("X-Vault-Token", token);
    }
    if (namespace != null && !namespace.isBlank()) {
      r.header("X-Vault-Namespace", namespace);
    }
    r.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.encode()));
    HttpResponse<String> res;
    try {
      res = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new VaultException(0, "Vault at " + base + " is not reachable: " + reason(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VaultException(0, "interrupted");
    }
    JsonObject json;
    try {
      json =
          res.body() == null || res.body().isBlank()
              ? new JsonObject()
              : new JsonObject(res.body());
    } catch (DecodeException e) {
      json = new JsonObject();
    }
    if (res.statusCode() / 100 != 2) {
      JsonArray errors = json.getJsonArray("errors", new JsonArray());
      String why =
          errors.isEmpty()
              ? "no reason given"
              : String.join("; ", errors.stream().map(String::valueOf).toList());
      throw new VaultException(
          res.statusCode(), "Vault answered " + res.statusCode() + " to " + path + ": " + why);
    }
    return json;
  }

  private static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static SSLContext trusting(Path caPem) {
    try (InputStream in = Files.newInputStream(caPem)) {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (Exception e) {
      throw new ConfigException("VAULT_CACERT cannot be used: " + e.getMessage());
    }
  }
}
