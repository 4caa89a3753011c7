package io.mutt.security;

import io.mutt.testsupport.MuttTestApp;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per test: a Vert.x with an HTTP client, the in-test Vault ({@link FakeVault}), and the MUTT the
 * test starts in {@link #mutt}; all stopped after the test.
 */
abstract class VaultTestBase {

  @TempDir Path tmp;
  Vertx vertx;
  WebClient http;
  FakeVault vault;
  MuttTestApp mutt;

  @BeforeEach
  void startVault() {
    vertx = Vertx.vertx();
    http = WebClient.create(vertx);
    vault = new FakeVault(vertx);
  }

  @AfterEach
  void stopAll() {
    if (mutt != null) {
      mutt.close();
    }
    vault.close();
    http.close();
    vertx.close().await();
  }

  /**
   * Settings (a mutable map) that make MUTT log in to the Vault with AppRole, its secret id in a
   * file, and not lock out a client that polls with a key that is not (or no longer) valid.
   */
  Map<String, String> appRoleSettings() throws Exception {
    Path secretIdFile = tmp.resolve("secret-id");
    Files.writeString(secretIdFile, vault.secretId + "\n");
    Map<String, String> s = new HashMap<>();
    s.put("VAULT_ADDR", vault.address());
    s.put("VAULT_ROLE_ID", vault.roleId);
    s.put("VAULT_SECRET_ID_FILE", secretIdFile.toString());
    s.put("AUTH_FAILURE_LIMIT", "100000");
    return s;
  }
}
