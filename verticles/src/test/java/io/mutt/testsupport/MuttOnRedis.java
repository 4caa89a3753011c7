package io.mutt.testsupport;

import io.vertx.ext.web.client.WebClient;
import java.util.Map;

/**
 * MUTT on Redis servers a test started for itself, with an HTTP client: {@link #close()} stops the
 * client, MUTT and the servers.
 */
public final class MuttOnRedis implements AutoCloseable {

  public final RedisServers.Cluster redis;
  public final MuttTestApp mutt;
  public final WebClient http;
  private final TestHttp web;

  private MuttOnRedis(RedisServers.Cluster redis, MuttTestApp mutt) {
    this.redis = redis;
    this.mutt = mutt;
    this.web = new TestHttp();
    this.http = web.client;
  }

  /**
   * Starts {@code roles} with {@code connection} (how to reach {@code redis}) and {@code extra} on
   * top; {@code redis} is closed if MUTT does not start.
   */
  public static MuttOnRedis start(
      RedisServers.Cluster redis,
      Map<String, String> connection,
      String roles,
      Map<String, String> extra) {
    try {
      return new MuttOnRedis(redis, MuttTestApp.start(roles, connection, extra));
    } catch (RuntimeException | Error e) {
      redis.close();
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    Resources.close(web, mutt, redis);
  }
}
