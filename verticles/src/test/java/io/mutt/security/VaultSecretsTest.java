package io.mutt.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mutt.config.ConfigException;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.Ports;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MUTT reading its secrets from Vault (AppRole, KV v2) through a real ingest role on real Redis,
 * against an HTTP server implementing the documented Vault API calls and error shapes.
 */
class VaultSecretsTest extends VaultTestBase {

  static final String VAULT_KEY = "vault-ingest-key-0123456789";
  static final String NEXT_KEY = "vault-ingest-next-0123456789";

  @BeforeEach
  void writeKeys() {
    vault.write(
        new JsonObject()
            .put("INGEST_API_KEY", VAULT_KEY)
            .put("MOOG_API_KEY", "m-0123456789abcdef"));
  }

  Map<String, String> vaultSettings() throws Exception {
    Map<String, String> s = appRoleSettings();
    s.put("VAULT_SECRETS_PATH", "secret/mutt");
    s.put("VAULT_NAMESPACE", "ops/mutt");
    s.put("INGEST_API_KEY", ""); // empty counts as unset: Vault provides it
    return s;
  }

  MuttTestApp startMutt(Map<String, String> s) {
    mutt = MuttTestApp.start("ingest", s);
    return mutt;
  }

  int ingest(String key) {
    return http.postAbs(mutt.ingestUrl() + "/api/v2/ingest")
        .putHeader("X-API-KEY", key)
        .sendJsonObject(
            new JsonObject()
                .put("hostname", "h1")
                .put("message", "m")
                .put("timestamp", "2026-01-01T00:00:00Z"))
        .await()
        .statusCode();
  }

  @Test
  void logs_in_with_approle_and_reads_the_keys_from_kv_v2() throws Exception {
    startMutt(vaultSettings());
    assertThat(vault.logins.get()).isEqualTo(1);
    assertThat(vault.namespaces).isNotEmpty().allMatch("ops/mutt"::equals);
    assertThat(ingest(VAULT_KEY)).isEqualTo(200);
    assertThat(ingest("test-ingest-key-0123456789")).isEqualTo(401);
    HttpResponse<Buffer> health = http.getAbs(mutt.ingestUrl() + "/health").send().await();
    assertThat(health.bodyAsJsonObject().getString("secrets")).isEqualTo("ok");
    String metrics = http.getAbs(mutt.ingestUrl() + "/metrics").send().await().bodyAsString();
    assertThat(metrics).contains("mutt_vault_up 1.0").contains("mutt_vault_secret_version 1.0");
  }

  @Test
  void a_non_empty_environment_variable_wins_over_vault() throws Exception {
    Map<String, String> s = vaultSettings();
    s.put("INGEST_API_KEY", "env-ingest-key-0123456789");
    startMutt(s);
    assertThat(ingest("env-ingest-key-0123456789")).isEqualTo(200);
    assertThat(ingest(VAULT_KEY)).isEqualTo(401);
  }

  @Test
  void a_new_kv_version_rotates_the_key_without_a_restart() throws Exception {
    Map<String, String> s = vaultSettings();
    s.put("VAULT_SECRETS_REFRESH_INTERVAL", "1");
    startMutt(s);
    assertThat(ingest(NEXT_KEY)).isEqualTo(401);
    vault.write(
        new JsonObject().put("INGEST_API_KEY", VAULT_KEY).put("INGEST_API_KEY_NEXT", NEXT_KEY));
    Eventually.until(
        Duration.ofSeconds(10), "the next key is accepted", () -> ingest(NEXT_KEY) == 200);
    assertThat(ingest(VAULT_KEY)).isEqualTo(200);
    vault.write(new JsonObject().put("INGEST_API_KEY", NEXT_KEY));
    Eventually.until(
        Duration.ofSeconds(10), "the old key is retired", () -> ingest(VAULT_KEY) == 401);
    assertThat(ingest(NEXT_KEY)).isEqualTo(200);
  }

  @Test
  void the_token_is_renewed_before_expiry_and_a_refused_renewal_means_a_new_login()
      throws Exception {
    vault.tokenTtlSeconds = 4;
    Map<String, String> s = vaultSettings();
    s.put("VAULT_RENEW_CHECK_INTERVAL", "1");
    s.put("VAULT_TOKEN_RENEW_THRESHOLD", "3");
    s.put("VAULT_SECRETS_REFRESH_INTERVAL", "1");
    startMutt(s);
    Eventually.until(Duration.ofSeconds(10), "a renewal", () -> vault.renewals.get() >= 2);
    assertThat(vault.logins.get()).isEqualTo(1);
    vault.refuseRenewal = true;
    Eventually.until(Duration.ofSeconds(10), "a new login", () -> vault.logins.get() >= 2);
    // reads go on with the new token: a rotation still arrives
    vault.write(new JsonObject().put("INGEST_API_KEY", NEXT_KEY));
    Eventually.until(Duration.ofSeconds(10), "the rotated key", () -> ingest(NEXT_KEY) == 200);
    String health = http.getAbs(mutt.ingestUrl() + "/health").send().await().bodyAsString();
    assertThat(health).doesNotContain(vault.secretId).doesNotContain("hvs.");
  }

  @Test
  void a_revoked_token_means_a_new_login_at_the_next_read() throws Exception {
    Map<String, String> s = vaultSettings();
    s.put("VAULT_SECRETS_REFRESH_INTERVAL", "1");
    startMutt(s);
    vault.revokeAllTokens();
    vault.write(new JsonObject().put("INGEST_API_KEY", NEXT_KEY));
    Eventually.until(Duration.ofSeconds(10), "the rotated key", () -> ingest(NEXT_KEY) == 200);
    assertThat(vault.logins.get()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void vault_unreachable_sealed_or_refusing_at_start_is_one_clear_fatal_line() throws Exception {
    Map<String, String> down = vaultSettings();
    down.put("VAULT_ADDR", "http://127.0.0.1:" + Ports.free());
    assertThatThrownBy(() -> startMutt(down))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("VAULT_ADDR is set but secrets could not be read from Vault")
        .hasMessageContaining("not reachable")
        .hasMessageNotContaining("\n");
    vault.sealed = true;
    assertThatThrownBy(() -> startMutt(vaultSettings()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("503")
        .hasMessageContaining("Vault is sealed");
    vault.sealed = false;
    Map<String, String> wrong = vaultSettings();
    Files.writeString(tmp.resolve("secret-id"), "not-the-secret-id");
    assertThatThrownBy(() -> startMutt(wrong))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("400")
        .hasMessageContaining("invalid role or secret ID")
        .hasMessageNotContaining("not-the-secret-id");
    mutt = null;
  }

  @Test
  void vault_down_later_keeps_the_last_secrets_and_reports_it_until_it_is_back() throws Exception {
    Map<String, String> s = vaultSettings();
    s.put("VAULT_SECRETS_REFRESH_INTERVAL", "1");
    startMutt(s);
    vault.sealed = true;
    Eventually.until(
        Duration.ofSeconds(10),
        "degraded health",
        () ->
            "degraded"
                .equals(
                    http.getAbs(mutt.ingestUrl() + "/health")
                        .send()
                        .await()
                        .bodyAsJsonObject()
                        .getString("status")));
    HttpResponse<Buffer> health = http.getAbs(mutt.ingestUrl() + "/health").send().await();
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.bodyAsJsonObject().getString("secrets"))
        .startsWith("stale: ")
        .contains("sealed");
    assertThat(http.getAbs(mutt.ingestUrl() + "/metrics").send().await().bodyAsString())
        .contains("mutt_vault_up 0.0");
    assertThat(ingest(VAULT_KEY)).isEqualTo(200);
    vault.sealed = false;
    Eventually.until(
        Duration.ofSeconds(10),
        "healthy again",
        () ->
            "ok"
                .equals(
                    http.getAbs(mutt.ingestUrl() + "/health")
                        .send()
                        .await()
                        .bodyAsJsonObject()
                        .getString("secrets")));
  }
}
