package io.mutt.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority made with the {@code openssl} command for TLS tests: a server
 * certificate for 127.0.0.1/localhost and client certificates, all PEM files in a folder.
 */
public final class CertAuthority {

  public final Path dir;
  public final Path ca;
  private final Path caKey;

  private CertAuthority(Path dir, String name) throws IOException {
    this.dir = dir;
    this.ca = dir.resolve(name + "-ca.pem");
    this.caKey = dir.resolve(name + "-ca.key");
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=" + name + " test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        "-keyout",
        caKey.toString(),
        "-out",
        ca.toString());
  }

  /** A new CA in {@code dir}, its files named after {@code name}. */
  public static CertAuthority authority(Path dir, String name) {
    try {
      return new CertAuthority(dir, name);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A certificate and key signed by this CA: {@code [cert, key]}. */
  public Path[] issue(String name, boolean server) {
    try {
      Path key = dir.resolve(name + ".key");
      Path csr = dir.resolve(name + ".csr");
      Path cert = dir.resolve(name + ".pem");
      Path ext = dir.resolve(name + ".ext");
      Files.writeString(
          ext,
          server
              ? "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n"
              : "extendedKeyUsage=clientAuth\n",
          StandardCharsets.US_ASCII);
      openssl(
          "req",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-subj",
          "/CN=" + name,
          "-keyout",
          key.toString(),
          "-out",
          csr.toString());
      openssl(
          "x509",
          "-req",
          "-in",
          csr.toString(),
          "-CA",
          ca.toString(),
          "-CAkey",
          caKey.toString(),
          "-CAcreateserial",
          "-days",
          "2",
          "-extfile",
          ext.toString(),
          "-out",
          cert.toString());
      return new Path[] {cert, key};
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void openssl(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("openssl " + args[0] + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
