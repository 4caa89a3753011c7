package io.mutt.config;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mutt.config.VaultClient.KvRead;
import io.mutt.config.VaultClient.Login;
import io.mutt.config.VaultClient.VaultException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets read from a Vault KV v2 secret ({@code VAULT_SECRETS_PATH} = {@code <mount>/<path>})
 * after an AppRole login ({@code VAULT_ROLE_ID}, secret id from {@code VAULT_SECRET_ID_FILE} or
 * {@code VAULT_SECRET_ID}). Every {@code VAULT_RENEW_CHECK_INTERVAL} seconds the token's TTL is
 * looked up and, below {@code VAULT_TOKEN_RENEW_THRESHOLD} seconds, renewed; a refused renewal or a
 * revoked token means a new login. Every {@code VAULT_SECRETS_REFRESH_INTERVAL} seconds (default
 * 300, 0 = read once) the secret is read again, so a new version (a rotated password, an added
 * {@code INGEST_API_KEY_NEXT}) takes effect without a restart through the current/next paths of
 * {@link Secrets}. At start an unreachable or refusing Vault is fatal; later the last values are
 * kept, the problem is reported ({@link #problem()}, {@code mutt_vault_up 0}, {@code
 * mutt_vault_failures_total}) and the read retried with backoff (1 s doubling up to the refresh
 * interval). Runs on one daemon thread of its own.
 */
public final class VaultSecrets implements SecretSource, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VaultSecrets.class);

  private final VaultClient client;
  private final String roleId;
  private final String secretId;
  private final String mount;
  private final String path;
  private final long renewThresholdSeconds;
  private final long renewCheckSeconds;
  private final long refreshSeconds;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "mutt-vault");
            t.setDaemon(true);
            return t;
          });
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong version = new AtomicLong();
  private volatile Map<String, String> values = Map.of();
  private volatile long kvVersion;
  private volatile String token;
  private volatile String problem;
  private long backoffSeconds = 1;

  private VaultSecrets(MuttConfig c) {
    String address = c.required("VAULT_ADDR");
    this.client =
        new VaultClient(address, c.string("VAULT_NAMESPACE", ""), c.string("VAULT_CACERT", ""));
    this.roleId = c.required("VAULT_ROLE_ID");
    this.secretId = secretId(c);
    String full = c.string("VAULT_SECRETS_PATH", "secret/mutt");
    int slash = full.indexOf('/');
    if (slash <= 0 || slash == full.length() - 1) {
      throw new ConfigException("VAULT_SECRETS_PATH must be <mount>/<path>, got '" + full + "'");
    }
    this.mount = full.substring(0, slash);
    this.path = full.substring(slash + 1);
    this.renewThresholdSeconds = c.atLeast("VAULT_TOKEN_RENEW_THRESHOLD", 3600, 1);
    this.renewCheckSeconds = c.atLeast("VAULT_RENEW_CHECK_INTERVAL", 300, 1);
    this.refreshSeconds = c.atLeast("VAULT_SECRETS_REFRESH_INTERVAL", 300, 0);
  }

  /**
   * With {@code VAULT_ADDR} set: logs in, reads the secret and starts renewal and refresh, or fails
   * with a {@link ConfigException} saying why (one line, no secret). Without it: empty.
   */
  public static Optional<VaultSecrets> startIfConfigured(MuttConfig c) {
    if (!c.has("VAULT_ADDR")) {
      return Optional.empty();
    }
    VaultSecrets v = new VaultSecrets(c);
    try {
      v.login();
      v.read();
    } catch (VaultException e) {
      v.close();
      throw new ConfigException(
          "VAULT_ADDR is set but secrets could not be read from Vault: " + e.getMessage());
    }
    LOG.info(
        "secrets read from Vault {}/{} (version {}): {}",
        v.mount,
        v.path,
        v.kvVersion,
        new TreeSet<>(v.values.keySet()));
    v.timer.scheduleWithFixedDelay(
        v::checkToken, v.renewCheckSeconds, v.renewCheckSeconds, TimeUnit.SECONDS);
    if (v.refreshSeconds > 0) {
      v.timer.schedule(v::refresh, v.refreshSeconds, TimeUnit.SECONDS);
    }
    return Optional.of(v);
  }

  private static String secretId(MuttConfig c) {
    String file = c.string("VAULT_SECRET_ID_FILE", "");
    if (!file.isEmpty()) {
      try {
        String s = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
        if (!s.isEmpty()) {
          return s;
        }
      } catch (IOException e) {
        throw new ConfigException(
            "VAULT_SECRET_ID_FILE cannot be read: " + e.getClass().getSimpleName());
      }
    }
    return new Secrets(c)
        .get("VAULT_SECRET_ID")
        .orElseThrow(
            () ->
                new ConfigException(
                    "VAULT_ADDR is set but no AppRole secret id: set VAULT_SECRET_ID_FILE"));
  }

  /** Exports {@code mutt_vault_up}, {@code mutt_vault_failures_total} and the KV version read. */
  public void bind(MeterRegistry registry) {
    Gauge.builder("mutt.vault.up", this, v -> v.problem == null ? 1 : 0)
        .description("1 while the last Vault call succeeded")
        .register(registry);
    FunctionCounter.builder("mutt.vault.failures", failures, AtomicLong::get)
        .description("failed Vault logins, renewals and reads")
        .register(registry);
    Gauge.builder("mutt.vault.secret.version", this, v -> v.kvVersion)
        .description("KV v2 version of the secret in use")
        .register(registry);
  }

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  @Override
  public long version() {
    return version.get();
  }

  @Override
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  private void login() throws VaultException {
    Login l = client.login(roleId, secretId);
    token = l.token();
  }

  private void read() throws VaultException {
    KvRead r;
    try {
      r = client.read(mount, path, token);
    } catch (VaultException e) {
      if (e.status != 403) {
        throw e;
      }
      login(); // token expired or revoked: one new login, then the read again
      r = client.read(mount, path, token);
    }
    kvVersion = r.version();
    if (!r.data().equals(values)) {
      values = Map.copyOf(r.data());
      version.incrementAndGet();
    }
  }

  private void refresh() {
    long next = refreshSeconds;
    try {
      long before = version.get();
      read();
      ok();
      backoffSeconds = 1;
      if (version.get() != before) {
        LOG.info(
            "secrets from Vault changed (version {}): {}",
            kvVersion,
            new TreeSet<>(values.keySet()));
      }
    } catch (VaultException | RuntimeException e) {
      failed("read", e);
      next = Math.min(refreshSeconds, backoffSeconds);
      backoffSeconds = Math.min(refreshSeconds, backoffSeconds * 2);
    }
    if (!timer.isShutdown()) {
      timer.schedule(this::refresh, Math.max(1, next), TimeUnit.SECONDS);
    }
  }

  private void checkToken() {
    try {
      long ttl;
      try {
        ttl = client.ttl(token);
      } catch (VaultException e) {
        if (e.status != 403) {
          throw e;
        }
        LOG.warn("Vault token no longer valid; logging in again");
        login();
        ok();
        return;
      }
      if (ttl > renewThresholdSeconds) {
        ok();
        return;
      }
      try {
        token = client.renew(token).token();
        LOG.info("Vault token renewed");
      } catch (VaultException e) {
        if (e.status == 0 || e.status >= 500) {
          throw e;
        }
        LOG.warn("Vault refused to renew the token ({}); logging in again", e.status);
        login();
      }
      ok();
    } catch (VaultException | RuntimeException e) {
      failed("token renewal", e);
    }
  }

  private void ok() {
    if (problem != null) {
      LOG.info("Vault reachable again");
    }
    problem = null;
  }

  private void failed(String what, Exception e) {
    failures.incrementAndGet();
    String p = "Vault " + what + " failing since " + Instant.now() + ": " + e.getMessage();
    if (problem == null) {
      LOG.warn("{}; keeping the secrets last read", p);
      problem = p;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
