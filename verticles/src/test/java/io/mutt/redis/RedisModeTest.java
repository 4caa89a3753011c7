package io.mutt.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mutt.config.ConfigException;
import io.mutt.config.MuttConfig;
import io.mutt.contract.RedisKeys;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** REDIS_MODE and its settings: what each mode builds, and one clear line for each bad value. */
class RedisModeTest {

  private static MuttConfig config(Map<String, Object> values) {
    return new MuttConfig(new JsonObject(values));
  }

  @Test
  void standalone_is_the_default_and_keeps_host_port_and_database() {
    RedisMode m =
        RedisMode.from(config(Map.of("REDIS_HOST", "redis.example.net", "REDIS_PORT", 6380)));
    assertThat(m.kind()).isEqualTo(RedisMode.Kind.STANDALONE);
    RedisOptions o = RedisConnector.options(config(Map.of("REDIS_DB", 3)), m, null);
    assertThat(o.getType()).isEqualTo(RedisClientType.STANDALONE);
    assertThat(o.getEndpoint()).isEqualTo("rediss://redis.example.net:6380/3");
  }

  @Test
  void sentinel_mode_asks_the_sentinels_for_the_master_and_follows_failovers() {
    MuttConfig c =
        config(
            Map.of(
                "REDIS_MODE", "Sentinel",
                "REDIS_SENTINELS", "10.0.0.1:26379, 10.0.0.2 ,[::1]:26380",
                "REDIS_MASTER_NAME", "mutt-master",
                "REDIS_TLS_ENABLED", "true"));
    RedisMode m = RedisMode.from(c);
    assertThat(m.kind()).isEqualTo(RedisMode.Kind.SENTINEL);
    assertThat(m.endpoints().stream().map(Object::toString))
        .containsExactly("10.0.0.1:26379", "10.0.0.2:26379", "[::1]:26380");
    RedisOptions o = RedisConnector.options(c, m, "pw");
    assertThat(o.getType()).isEqualTo(RedisClientType.SENTINEL);
    assertThat(o.getRole()).isEqualTo(RedisRole.MASTER);
    assertThat(o.getMasterName()).isEqualTo("mutt-master");
    assertThat(o.isAutoFailover()).isTrue();
    assertThat(o.getEndpoints())
        .containsExactly(
            "rediss://10.0.0.1:26379", "rediss://10.0.0.2:26379", "rediss://[::1]:26380");
    assertThat(o.getNetClientOptions().isSsl()).isTrue();
    assertThat(o.getPassword()).isEqualTo("pw");
  }

  @Test
  void cluster_mode_uses_the_seeds_and_a_hash_tagged_prefix() {
    MuttConfig c =
        config(Map.of("REDIS_MODE", "cluster", "REDIS_NODES", "127.0.0.1:7000,127.0.0.1:7001"));
    RedisMode m = RedisMode.from(c);
    RedisOptions o = RedisConnector.options(c, m, null);
    assertThat(o.getType()).isEqualTo(RedisClientType.CLUSTER);
    assertThat(o.getEndpoints())
        .containsExactly("redis://127.0.0.1:7000", "redis://127.0.0.1:7001");
    RedisKeys keys = new RedisKeys(c);
    assertThat(keys.prefix()).isEqualTo("{mutt}");
    assertThat(keys.ingestQueue).isEqualTo("{mutt}:ingest_queue");
    assertThat(keys.alertSeenPrefix).startsWith("{mutt}:alert_queue");
    assertThat(new RedisKeys(c.with("MUTT_KEY_PREFIX", "{prod}")).moogDlq)
        .isEqualTo("{prod}:dlq:moog");
  }

  @Test
  void a_bad_or_missing_setting_stops_the_start_with_one_line_naming_it() {
    assertRefused(
        Map.of("REDIS_MODE", "replicated"), "REDIS_MODE must be standalone, sentinel or cluster");
    assertRefused(
        Map.of("REDIS_MODE", "sentinel", "REDIS_MASTER_NAME", "m"), "REDIS_SENTINELS is required");
    assertRefused(
        Map.of(
            "REDIS_MODE",
            "sentinel",
            "REDIS_SENTINELS",
            "a:26379,b:notaport",
            "REDIS_MASTER_NAME",
            "m"),
        "REDIS_SENTINELS must be a comma-separated list of host:port, got 'b:notaport'");
    assertRefused(
        Map.of(
            "REDIS_MODE",
            "sentinel",
            "REDIS_SENTINELS",
            "a:26379,b:70000",
            "REDIS_MASTER_NAME",
            "m"),
        "REDIS_SENTINELS must be a comma-separated list of host:port, got 'b:70000'");
    assertRefused(
        Map.of("REDIS_MODE", "sentinel", "REDIS_SENTINELS", "a:26379"),
        "REDIS_MASTER_NAME is required");
    assertRefused(Map.of("REDIS_MODE", "cluster"), "REDIS_NODES is required");
    assertRefused(
        Map.of("REDIS_MODE", "cluster", "REDIS_NODES", " , "),
        "REDIS_NODES must list at least one");
    assertRefused(
        Map.of("REDIS_MODE", "cluster", "REDIS_NODES", "a:1", "REDIS_DB", 2), "REDIS_DB must be 0");
    assertThatThrownBy(
            () -> new RedisKeys(config(Map.of("REDIS_MODE", "cluster", "MUTT_KEY_PREFIX", "prod"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("MUTT_KEY_PREFIX must carry a Redis Cluster hash tag");
    assertThatThrownBy(
            () ->
                new RedisKeys(
                    config(Map.of("REDIS_MODE", "cluster", "ALERT_QUEUE_NAME", "alerts"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("ALERT_QUEUE_NAME must carry the hash tag {mutt}");
  }

  private static void assertRefused(Map<String, Object> values, String message) {
    assertThatThrownBy(() -> RedisMode.from(config(values)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
