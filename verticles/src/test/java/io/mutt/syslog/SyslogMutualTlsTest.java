package io.mutt.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.runtime.MuttRuntime;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.TestCerts;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.io.FileInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With SYSLOG_TLS_CLIENT_CA set, a TLS client without a certificate from that CA queues nothing.
 */
class SyslogMutualTlsTest {

  static TestCerts certs;
  static MuttTestApp mutt;
  static MuttRuntime rt;

  @BeforeAll
  static void start() {
    certs = TestCerts.create();
    mutt =
        MuttTestApp.start(
            "syslog",
            Map.of(
                "SYSLOG_TLS_CERT", certs.path("server.pem"),
                "SYSLOG_TLS_KEY", certs.path("server.key"),
                "SYSLOG_TLS_CLIENT_CA", certs.path("ca.pem")));
    rt = mutt.app.runtime();
  }

  @AfterAll
  static void stop() {
    mutt.close();
  }

  private static SSLContext context(boolean withClientCert) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (var in = new FileInputStream(certs.path("ca.pem"))) {
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    KeyManagerFactory kmf = null;
    if (withClientCert) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (var in = new FileInputStream(certs.path("client.p12"))) {
        keys.load(in, "changeit".toCharArray());
      }
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, "changeit".toCharArray());
    }
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  private static void send(boolean withClientCert, String line) throws Exception {
    try (SSLSocket s =
        (SSLSocket)
            context(withClientCert)
                .getSocketFactory()
                .createSocket("127.0.0.1", mutt.port("SYSLOG_TLS_PORT"))) {
      s.startHandshake();
      OutputStream out = s.getOutputStream();
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      out.write((b.length + " " + line).getBytes(StandardCharsets.UTF_8));
      out.flush();
      s.getInputStream().read(); // waits for the server to close or refuse
    } catch (java.io.IOException refused) {
      // the server refused the handshake
    }
  }

  private static long xlen() {
    return rt.redis().send(Request.cmd(Command.XLEN).arg(rt.keys().ingestQueue)).await().toLong();
  }

  @Test
  void only_clients_with_a_certificate_from_the_ca_are_heard() throws Exception {
    send(false, "<13>1 - anonymous app - - - without certificate");
    Eventually.pause(500);
    assertThat(xlen()).isZero();
    Thread t =
        new Thread(
            () -> {
              try {
                send(true, "<13>1 - trusted app - - - with certificate");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    t.setDaemon(true);
    t.start();
    Eventually.until(Duration.ofSeconds(20), "the certified line is queued", () -> xlen() == 1);
  }
}
