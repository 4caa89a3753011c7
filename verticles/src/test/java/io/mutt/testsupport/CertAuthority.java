package io.mutt.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away certificate authority made with the {@code openssl} command for TLS tests: a server
 * certificate for 127.0.0.1/localhost and client certificates, all PEM files in a folder.
 */
public final class CertAuthority {

  private static final String SERVER_EXT =
      "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n";
  private static final String CLIENT_EXT = "extendedKeyUsage=clientAuth\n";

  public final Path dir;
  public final Path ca;
  private final Path caKey;

  /**
   * A CA in {@code dir} whose certificate and key are {@code <stem>.pem} and {@code <stem>.key}.
   */
  CertAuthority(Path dir, String stem, String commonName) {
    this.dir = dir;
    this.ca = dir.resolve(stem + ".pem");
    this.caKey = dir.resolve(stem + ".key");
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=" + commonName,
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
    return new CertAuthority(dir, name + "-ca", name + " test CA");
  }

  /** A certificate and key signed by this CA: {@code [cert, key]}. */
  public Path[] issue(String name, boolean server) {
    return issue(name, name, server ? SERVER_EXT : CLIENT_EXT);
  }

  /**
   * A certificate {@code <name>.pem} with its key {@code <name>.key}, for the subject {@code
   * /CN=<commonName>} with the X.509 v3 {@code extensions} (openssl extfile lines), signed by this
   * CA: {@code [cert, key]}.
   */
  Path[] issue(String name, String commonName, String extensions) {
    Path key = dir.resolve(name + ".key");
    Path csr = dir.resolve(name + ".csr");
    Path cert = dir.resolve(name + ".pem");
    Path ext = dir.resolve(name + ".ext");
    try {
      Files.writeString(ext, extensions, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=" + commonName,
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
  }

  private static void openssl(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    IntakeKit.ok(60, cmd.toArray(String[]::new));
  }
}
