package io.mutt.runtime;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mutt.config.MuttConfig;
import io.mutt.config.Secrets;
import io.mutt.contract.RedisKeys;
import io.mutt.redis.ReplicaAcks;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;

/**
 * What the roles of one JVM share: configuration, secrets, key names, the Redis client, the
 * PostgreSQL pool (null when no started role needs the database), dynamic configuration, the
 * Prometheus registry, the native listeners' states and the replica acknowledgement every stage
 * waits on before it acknowledges (ADR 0032).
 */
public record MuttRuntime(
    Vertx vertx,
    MuttConfig config,
    Secrets secrets,
    RedisKeys keys,
    Redis redis,
    Pool pg,
    DynamicConfig dynamic,
    PrometheusMeterRegistry registry,
    String podName,
    ReplicaAcks replicaAcks,
    Listeners listeners) {

  /** A runtime whose listener states start empty. */
  public MuttRuntime(
      Vertx vertx,
      MuttConfig config,
      Secrets secrets,
      RedisKeys keys,
      Redis redis,
      Pool pg,
      DynamicConfig dynamic,
      PrometheusMeterRegistry registry,
      String podName,
      ReplicaAcks replicaAcks) {
    this(
        vertx,
        config,
        secrets,
        keys,
        redis,
        pg,
        dynamic,
        registry,
        podName,
        replicaAcks,
        new Listeners());
  }

  /**
   * A worker identity for instance {@code n} of a role, unique in the deployment and free of ':'.
   */
  public String workerId(String role, int n) {
    return (podName + "-" + role + "-" + n).replace(':', '-');
  }
}
