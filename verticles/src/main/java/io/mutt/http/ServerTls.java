package io.mutt.http;

import io.mutt.config.ConfigException;
import io.mutt.config.MuttConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTPS for a MUTT HTTP server: {@code <PREFIX>_TLS_CERT} and {@code <PREFIX>_TLS_KEY} (PEM) turn
 * it on; the files are checked every {@code TLS_RELOAD_CHECK_SECONDS} (default 10) and a changed
 * pair is loaded into the running server (new connections get the new certificate, none is
 * dropped). With {@code METRICS_CLIENT_CA} (PEM) set, clients may present a certificate and {@code
 * /metrics} answers 403 to any that did not present one signed by that CA (client-certificate auth
 * for Prometheus).
 */
public final class ServerTls {

  private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

  private final String name;
  private final String cert;
  private final String key;
  private final String metricsClientCa;
  private final long reloadCheckMs;

  private ServerTls(
      String name, String cert, String key, String metricsClientCa, long reloadCheckMs) {
    this.name = name;
    this.cert = cert;
    this.key = key;
    this.metricsClientCa = metricsClientCa;
    this.reloadCheckMs = reloadCheckMs;
  }

  /** {@code prefix} INGEST or WEBUI. */
  public static ServerTls from(MuttConfig c, String prefix) {
    String cert = c.string(prefix + "_TLS_CERT", "");
    String key = c.string(prefix + "_TLS_KEY", "");
    if (cert.isEmpty() != key.isEmpty()) {
      throw new ConfigException(
          prefix + "_TLS_CERT and " + prefix + "_TLS_KEY must be set together");
    }
    for (String f : List.of(cert, key)) {
      if (!f.isEmpty() && !Files.isReadable(Path.of(f))) {
        throw new ConfigException(prefix + " TLS file cannot be read: " + f);
      }
    }
    String ca = c.string("METRICS_CLIENT_CA", "");
    if (!ca.isEmpty() && cert.isEmpty()) {
      throw new ConfigException(
          "METRICS_CLIENT_CA needs " + prefix + "_TLS_CERT (client certificates need HTTPS)");
    }
    return new ServerTls(
        prefix, cert, key, ca, 1000L * c.atLeast("TLS_RELOAD_CHECK_SECONDS", 10, 1));
  }

  public boolean enabled() {
    return !cert.isEmpty();
  }

  /** The options with HTTPS (and optional client certificates) when enabled. */
  public HttpServerOptions apply(HttpServerOptions o) {
    if (!enabled()) {
      return o;
    }
    o.setSsl(true).setKeyCertOptions(keyCert());
    if (!metricsClientCa.isEmpty()) {
      o.setClientAuth(ClientAuth.REQUEST)
          .setTrustOptions(new PemTrustOptions().addCertPath(metricsClientCa));
    }
    return o;
  }

  private PemKeyCertOptions keyCert() {
    return new PemKeyCertOptions().setCertPath(cert).setKeyPath(key);
  }

  /** Watches the certificate files and reloads the server's TLS when they change. */
  public void watch(Vertx vertx, HttpServer server) {
    if (!enabled()) {
      return;
    }
    long[] stamp = {stamp()};
    vertx.setPeriodic(
        reloadCheckMs,
        id -> {
          long now = stamp();
          if (now == stamp[0] || now == 0) {
            return;
          }
          ServerSSLOptions ssl = new ServerSSLOptions().setKeyCertOptions(keyCert());
          if (!metricsClientCa.isEmpty()) {
            ssl.setClientAuth(ClientAuth.REQUEST)
                .setTrustOptions(new PemTrustOptions().addCertPath(metricsClientCa));
          }
          server
              .updateSSLOptions(ssl, true)
              .onSuccess(
                  ok -> {
                    stamp[0] = now;
                    LOG.info("{} TLS certificate reloaded from {}", name, cert);
                  })
              .onFailure(
                  err ->
                      LOG.warn(
                          "{} TLS certificate in {} could not be loaded (keeping the previous one): {}",
                          name,
                          cert,
                          err.getMessage()));
        });
  }

  private long stamp() {
    try {
      return Files.getLastModifiedTime(Path.of(cert)).toMillis() * 31
          + Files.getLastModifiedTime(Path.of(key)).toMillis()
          + Files.size(Path.of(cert))
          + Files.size(Path.of(key));
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Route handler in front of {@code /metrics}: with {@code METRICS_CLIENT_CA} set, a client
   * without a verified certificate gets 403.
   */
  public void metricsGuard(RoutingContext ctx) {
    if (metricsClientCa.isEmpty()) {
      ctx.next();
      return;
    }
    boolean verified = false;
    try {
      verified =
          ctx.request().isSSL()
              && ctx.request().sslSession() != null
              && ctx.request().sslSession().getPeerCertificates().length > 0;
    } catch (SSLPeerUnverifiedException e) {
      verified = false;
    }
    if (!verified) {
      ctx.response()
          .setStatusCode(403)
          .putHeader("Content-Type", "text/plain")
          .end("client certificate required\n");
      return;
    }
    ctx.next();
  }
}
