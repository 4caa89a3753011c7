package io.mutt.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A throw-away CA with a server certificate for {@code localhost}/127.0.0.1 and a client
 * certificate, made with the openssl command line: PEM files plus the client as PKCS#12 ({@code
 * client.p12}, password {@code changeit}).
 */
public record TestCerts(Path dir) {

  public static TestCerts create() {
    String openssl = IntakeKit.require("openssl", "openssl");
    try {
      Path d = Files.createTempDirectory("mutt-certs-");
      String p = d.toString() + "/";
      IntakeKit.ok(
          60,
          openssl,
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-days",
          "2",
          "-keyout",
          p + "ca.key",
          "-out",
          p + "ca.pem",
          "-subj",
          "/CN=MUTT test CA",
          "-addext",
          "basicConstraints=critical,CA:TRUE",
          "-addext",
          "keyUsage=critical,keyCertSign,cRLSign");
      for (String name : new String[] {"server", "client"}) {
        IntakeKit.ok(
            60,
            openssl,
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            p + name + ".key",
            "-out",
            p + name + ".csr",
            "-subj",
            "/CN=" + (name.equals("server") ? "localhost" : "mutt-client"));
        Files.writeString(
            d.resolve(name + ".ext"),
            name.equals("server")
                ? "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"
                : "subjectAltName=DNS:mutt-client\nextendedKeyUsage=clientAuth\n");
        IntakeKit.ok(
            60,
            openssl,
            "x509",
            "-req",
            "-in",
            p + name + ".csr",
            "-CA",
            p + "ca.pem",
            "-CAkey",
            p + "ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-out",
            p + name + ".pem",
            "-extfile",
            p + name + ".ext");
      }
      IntakeKit.ok(
          60,
          openssl,
          "pkcs12",
          "-export",
          "-in",
          p + "client.pem",
          "-inkey",
          p + "client.key",
          "-out",
          p + "client.p12",
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
