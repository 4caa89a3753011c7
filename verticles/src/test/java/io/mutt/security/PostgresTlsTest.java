package io.mutt.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mutt.app.MuttApp;
import io.mutt.testsupport.CertAuthority;
import io.mutt.testsupport.Ports;
import io.mutt.testsupport.TestServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DB_TLS_ENABLED against a real PostgreSQL started here with {@code ssl=on} and a pg_hba that
 * accepts TLS connections only (the installed server binaries, run as the {@code postgres} user
 * when the test runs as root): MUTT migrates and queries over verified TLS, and a CA that did not
 * sign the server's certificate is refused.
 */
class PostgresTlsTest {

  static Path dir;
  static Path data;
  static Path bin;
  static CertAuthority ca;
  static CertAuthority otherCa;
  static int port;
  static boolean root;

  @BeforeAll
  static void start() throws Exception {
    bin = postgresBin();
    dir = Files.createTempDirectory("mutt-pgtls-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    ca = CertAuthority.authority(dir, "pg");
    otherCa = CertAuthority.authority(dir, "pg-other");
    Path[] server = ca.issue("pg-server", true);
    data = dir.resolve("data");
    root = "root".equals(System.getProperty("user.name"));
    port = Ports.free();
    run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-A",
            "trust",
            "-U",
            "postgres"),
        true);
    Path crt = data.resolve("server.crt");
    Path key = data.resolve("server.key");
    Files.copy(server[0], crt);
    Files.copy(server[1], key);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    if (root) {
      UserPrincipal pg =
          dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(crt, pg);
      Files.setOwner(key, pg);
    }
    Files.writeString(
        data.resolve("postgresql.conf"),
        "\nport = "
            + port
            + "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '"
            + dir
            + "'\nssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(
        data.resolve("pg_hba.conf"),
        "local all all trust\nhostssl all all 127.0.0.1/32 trust\n",
        StandardCharsets.UTF_8);
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-l",
            dir.resolve("pg.log").toString(),
            "-w",
            "start"),
        true);
  }

  @AfterAll
  static void stop() throws Exception {
    if (data != null) {
      run(
          List.of(
              bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"),
          false);
    }
  }

  static Map<String, String> settings(Path caPem) {
    Map<String, String> s = new HashMap<>(TestServices.all());
    s.putAll(Ports.allFree());
    s.put("DB_HOST", "127.0.0.1");
    s.put("DB_PORT", String.valueOf(port));
    s.put("DB_NAME", "postgres");
    s.put("DB_USER", "postgres");
    s.remove("DB_PASS_CURRENT");
    s.put("DB_TLS_ENABLED", "true");
    s.put("DB_TLS_CA_CERT_PATH", caPem.toString());
    s.put("MUTT_LOAD_DEMO_DATA", "true");
    return s;
  }

  @Test
  void mutt_migrates_and_queries_over_verified_tls() {
    try (MuttApp app = MuttApp.start(settings(ca.ca), "web", false)) {
      var row =
          app.runtime()
              .pg()
              .query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
              .execute()
              .await()
              .iterator()
              .next();
      assertThat(row.getBoolean("ssl")).isTrue();
      assertThat(
              app.runtime()
                  .pg()
                  .query("SELECT count(*) AS n FROM alert_rules")
                  .execute()
                  .await()
                  .iterator()
                  .next()
                  .getLong("n"))
          .isPositive();
    }
  }

  @Test
  void a_ca_that_did_not_sign_the_server_certificate_is_refused() {
    assertThatThrownBy(() -> MuttApp.start(settings(otherCa.ca), "web", false).close())
        .hasMessageContaining("is not usable");
  }

  static Path postgresBin() throws IOException {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .sorted()
          .reduce((a, b) -> b)
          .orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries installed"));
    }
  }

  static void run(List<String> command, boolean check) throws Exception {
    List<String> cmd = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      // initdb and postgres refuse to run as root
      if (data != null && !Files.exists(data)) {
        Files.createDirectories(data);
      }
      chownTree(dir);
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(command);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || (check && p.exitValue() != 0)) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }

  static void chownTree(Path root) throws IOException {
    UserPrincipal pg =
        root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
    try (Stream<Path> all = Files.walk(root)) {
      for (Path f : all.toList()) {
        Files.setOwner(f, pg);
      }
    }
  }
}
