package io.mutt.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A throw-away CA with a server certificate for {@code localhost}/127.0.0.1 and a client
 * certificate, made with the openssl command line ({@link CertAuthority}): PEM files ({@code
 * ca.pem}, {@code server.pem}/{@code .key}, {@code client.pem}/{@code .key}) plus the client as
 * PKCS#12 ({@code client.p12}, password {@code changeit}).
 */
public record TestCerts(Path dir) {

  public static TestCerts create() {
    String openssl = IntakeKit.require("openssl", "openssl");
    try {
      Path d = Files.createTempDirectory("mutt-certs-");
      CertAuthority ca = new CertAuthority(d, "ca", "MUTT test CA");
      ca.issue(
          "server",
          "localhost",
          "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
      Path[] client =
          ca.issue(
              "client",
              "mutt-client",
              "subjectAltName=DNS:mutt-client\nextendedKeyUsage=clientAuth\n");
      IntakeKit.ok(
          60,
          openssl,
          "pkcs12",
          "-export",
          "-in",
          client[0].toString(),
          "-inkey",
          client[1].toString(),
          "-out",
          d.resolve("client.p12").toString(),
          "-passout",
          "pass:changeit");
      return new TestCerts(d);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String path(String file) {
    return dir.resolve(file).toString();
  }
}
