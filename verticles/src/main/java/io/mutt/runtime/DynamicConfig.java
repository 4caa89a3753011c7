package io.mutt.runtime;

import io.mutt.contract.BusAddresses;
import io.mutt.contract.RedisKeys;
import io.mutt.redis.PubSubSubscription;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic configuration (docs/reference/configuration.md): Redis strings {@code mutt:config:<key>},
 * change notices on the Pub/Sub channel {@code mutt:config:updates}. Readers get a local snapshot
 * without I/O. It is loaded by one SCAN at start, then refreshed per key on every notice (Redis
 * Pub/Sub, or the event-bus address {@link BusAddresses#CONFIG_CHANGED} from any node of the
 * cluster) and every 5 seconds by one MGET of the keys known or asked for, so a {@code redis-cli
 * SET} without a PUBLISH is still seen within 5 s and no periodic keyspace scan loads a busy Redis.
 */
public final class DynamicConfig {

  /** Event-bus address announcing a changed key (body: the key name) to every node. */
  private static final Logger LOG = LoggerFactory.getLogger(DynamicConfig.class);

  private static final long REFRESH_MS = 5000;

  private final Vertx vertx;
  private final Redis redis;
  private final RedisKeys keys;
  private final boolean enabled;
  private final Map<String, String> values = new ConcurrentHashMap<>();

  /**
   * Keys readers asked for that were not set: re-read on every refresh so a later SET is seen
   * within 5 s.
   */
  private final java.util.Set<String> wanted = ConcurrentHashMap.newKeySet();

  private final PubSubSubscription subscription;
  private long timer = -1;

  public DynamicConfig(Vertx vertx, Redis redis, RedisKeys keys, boolean enabled) {
    this.vertx = vertx;
    this.redis = redis;
    this.keys = keys;
    this.enabled = enabled;
    this.subscription =
        new PubSubSubscription(
            vertx,
            redis,
            keys.configUpdatesChannel,
            "dynamic config",
            this::onPubSub,
            () -> refreshAll());
  }

  public Future<Void> start() {
    if (!enabled) {
      return Future.succeededFuture();
    }
    vertx.eventBus().<String>consumer(BusAddresses.CONFIG_CHANGED, msg -> refreshKey(msg.body()));
    timer = vertx.setPeriodic(REFRESH_MS, id -> refreshKnown());
    return refreshAll().compose(v -> subscription.start());
  }

  private void onPubSub(Response msg) {
    if (msg != null && msg.size() >= 3 && "message".equals(msg.get(0).toString())) {
      refreshKey(msg.get(2).toString());
    }
  }

  /** The current value of a key, if set. Never blocks. */
  public Optional<String> get(String key) {
    String v = values.get(key);
    if (v == null && enabled) {
      wanted.add(key);
    }
    return Optional.ofNullable(v);
  }

  public long getLong(String key, long fallback) {
    return get(key)
        .map(
            v -> {
              try {
                return (long) Double.parseDouble(v.trim());
              } catch (NumberFormatException e) {
                return fallback;
              }
            })
        .orElse(fallback);
  }

  public double getDouble(String key, double fallback) {
    return get(key)
        .map(
            v -> {
              try {
                return Double.parseDouble(v.trim());
              } catch (NumberFormatException e) {
                return fallback;
              }
            })
        .orElse(fallback);
  }

  public String getString(String key, String fallback) {
    return get(key).orElse(fallback);
  }

  public boolean enabled() {
    return enabled;
  }

  /** SET, PUBLISH on Redis and announce on the event bus. */
  public Future<Void> set(String key, String value) {
    values.put(key, value);
    return redis
        .batch(
            List.of(
                Request.cmd(Command.SET).arg(keys.configPrefix + key).arg(value),
                Request.cmd(Command.PUBLISH).arg(keys.configUpdatesChannel).arg(key)))
        .onSuccess(r -> vertx.eventBus().publish(BusAddresses.CONFIG_CHANGED, key))
        .mapEmpty();
  }

  /** Every key currently stored in Redis (SCAN), as the API lists them. */
  public Future<JsonObject> readAll() {
    return io.mutt.redis.RedisScan.keys(redis, keys.configPrefix + "*")
        .map(
            all -> {
              List<String> names = new ArrayList<>(all);
              names.remove(keys.configUpdatesChannel);
              return names;
            })
        .compose(
            names -> {
              if (names.isEmpty()) {
                return Future.succeededFuture(new JsonObject());
              }
              Request mget = Request.cmd(Command.MGET);
              names.forEach(mget::arg);
              return redis
                  .send(mget)
                  .map(
                      resp -> {
                        JsonObject out = new JsonObject();
                        for (int i = 0; i < names.size(); i++) {
                          Response v = resp.get(i);
                          if (v != null) {
                            out.put(
                                names.get(i).substring(keys.configPrefix.length()), v.toString());
                          }
                        }
                        return out;
                      });
            });
  }

  /**
   * Every 5 s: one MGET of the keys known or asked for (no keyspace scan on the hot path of a busy
   * Redis).
   */
  private void refreshKnown() {
    List<String> names = new ArrayList<>(values.keySet());
    wanted.stream().filter(k -> !values.containsKey(k)).forEach(names::add);
    if (names.isEmpty()) {
      return;
    }
    Request mget = Request.cmd(Command.MGET);
    names.forEach(n -> mget.arg(keys.configPrefix + n));
    redis
        .send(mget)
        .onSuccess(
            resp -> {
              for (int i = 0; i < names.size(); i++) {
                Response v = resp.get(i);
                if (v == null) {
                  values.remove(names.get(i));
                } else {
                  values.put(names.get(i), v.toString());
                  wanted.remove(names.get(i));
                }
              }
            })
        .onFailure(err -> LOG.debug("dynamic config refresh failed: {}", err.getMessage()));
  }

  private Future<Void> refreshAll() {
    return readAll()
        .onSuccess(
            all -> {
              values.keySet().retainAll(all.fieldNames());
              all.forEach(e -> values.put(e.getKey(), String.valueOf(e.getValue())));
            })
        .onFailure(err -> LOG.debug("dynamic config refresh failed: {}", err.getMessage()))
        .mapEmpty();
  }

  private void refreshKey(String key) {
    redis
        .send(Request.cmd(Command.GET).arg(keys.configPrefix + key))
        .onSuccess(
            v -> {
              if (v == null) {
                values.remove(key);
              } else {
                values.put(key, v.toString());
              }
            });
  }

  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    subscription.close();
  }
}
