package io.mutt.redis;

import io.mutt.config.ConfigException;
import io.mutt.config.MuttConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How MUTT reaches Redis ({@code REDIS_MODE}): one server ({@code standalone}, {@code REDIS_HOST} /
 * {@code REDIS_PORT}), a master found through Sentinel ({@code sentinel}, {@code REDIS_SENTINELS}
 * and {@code REDIS_MASTER_NAME}) or a Redis Cluster ({@code cluster}, seed nodes in {@code
 * REDIS_NODES}). Built once from the configuration, which it validates: a missing or bad value
 * stops the start with one line naming the setting.
 *
 * @param kind the mode
 * @param endpoints {@code host:port} of the server, the sentinels or the cluster seeds
 * @param masterName the Sentinel master set ({@code null} outside Sentinel mode)
 */
public record RedisMode(Kind kind, List<HostPort> endpoints, String masterName) {

  /** The three topologies. */
  public enum Kind {
    STANDALONE,
    SENTINEL,
    CLUSTER;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One {@code host:port}. */
  public record HostPort(String host, int port) {
    @Override
    public String toString() {
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** The key prefix a cluster deployment gets when {@code MUTT_KEY_PREFIX} is not set. */
  public static final String CLUSTER_DEFAULT_PREFIX = "{mutt}";

  /** Reads and checks {@code REDIS_MODE} and the settings of that mode. */
  public static RedisMode from(MuttConfig c) {
    String mode = c.string("REDIS_MODE", "standalone").toLowerCase(Locale.ROOT);
    return switch (mode) {
      case "standalone" ->
          new RedisMode(
              Kind.STANDALONE,
              List.of(
                  new HostPort(c.string("REDIS_HOST", "127.0.0.1"), c.port("REDIS_PORT", 6379))),
              null);
      case "sentinel" -> {
        List<HostPort> sentinels = hostPorts(c, "REDIS_SENTINELS", 26379);
        String master = c.string("REDIS_MASTER_NAME", "");
        if (master.isEmpty()) {
          throw new ConfigException(
              "REDIS_MASTER_NAME is required when REDIS_MODE=sentinel (the name Sentinel monitors)");
        }
        if (!master.matches("[A-Za-z0-9._-]+")) {
          throw new ConfigException(
              "REDIS_MASTER_NAME may hold letters, digits, '.', '_' and '-', got '" + master + "'");
        }
        requireDbZero(c, "sentinel");
        yield new RedisMode(Kind.SENTINEL, sentinels, master);
      }
      case "cluster" -> {
        List<HostPort> nodes = hostPorts(c, "REDIS_NODES", 6379);
        requireDbZero(c, "cluster");
        yield new RedisMode(Kind.CLUSTER, nodes, null);
      }
      default ->
          throw new ConfigException(
              "REDIS_MODE must be standalone, sentinel or cluster, got '"
                  + c.string("REDIS_MODE")
                  + "'");
    };
  }

  /**
   * The key prefix for this mode: {@code MUTT_KEY_PREFIX} as set, or {@value
   * #CLUSTER_DEFAULT_PREFIX} in cluster mode. In cluster mode the prefix must carry a hash tag
   * ({@code {…}}) so that every key MUTT builds on it, and so every multi-key script and
   * transaction, lives in one slot.
   */
  public static String keyPrefix(MuttConfig c) {
    String prefix = c.string("MUTT_KEY_PREFIX", "");
    boolean cluster = isCluster(c);
    if (prefix.isEmpty()) {
      return cluster ? CLUSTER_DEFAULT_PREFIX : "mutt";
    }
    if (cluster && hashTag(prefix) == null) {
      throw new ConfigException(
          "MUTT_KEY_PREFIX must carry a Redis Cluster hash tag when REDIS_MODE=cluster (e.g. '{"
              + prefix
              + "}'), got '"
              + prefix
              + "'");
    }
    return prefix;
  }

  /** Whether {@code REDIS_MODE} is cluster (without validating the rest). */
  public static boolean isCluster(MuttConfig c) {
    return "cluster".equalsIgnoreCase(c.string("REDIS_MODE", "standalone"));
  }

  /** The hash tag of a key (the text between its first '{' and the next '}'), or null. */
  public static String hashTag(String key) {
    int open = key.indexOf('{');
    if (open < 0) {
      return null;
    }
    int close = key.indexOf('}', open + 1);
    return close > open + 1 ? key.substring(open + 1, close) : null;
  }

  public boolean standalone() {
    return kind == Kind.STANDALONE;
  }

  /** Where TLS is decided ({@code REDIS_TLS_ENABLED=auto}): the first endpoint's host. */
  public String tlsHost() {
    return endpoints.get(0).host();
  }

  private static void requireDbZero(MuttConfig c, String mode) {
    if (c.intValue("REDIS_DB", 0) != 0) {
      throw new ConfigException(
          "REDIS_DB must be 0 when REDIS_MODE=" + mode + ", got " + c.string("REDIS_DB"));
    }
  }

  /** A comma-separated {@code host:port} list; the port may be left out ({@code defPort}). */
  static List<HostPort> hostPorts(MuttConfig c, String key, int defPort) {
    String raw = c.string(key, "");
    if (raw.isEmpty()) {
      throw new ConfigException(
          key
              + " is required when REDIS_MODE="
              + c.string("REDIS_MODE").toLowerCase(Locale.ROOT)
              + " (comma-separated host:port list)");
    }
    List<HostPort> out = new ArrayList<>();
    for (String item : raw.split(",")) {
      String s = item.trim();
      if (s.isEmpty()) {
        continue;
      }
      out.add(parse(key, s, defPort));
    }
    if (out.isEmpty()) {
      throw new ConfigException(key + " must list at least one host:port, got '" + raw + "'");
    }
    return List.copyOf(out);
  }

  private static HostPort parse(String key, String s, int defPort) {
    String host;
    String port;
    if (s.startsWith("[")) {
      int end = s.indexOf(']');
      if (end < 0) {
        throw bad(key, s);
      }
      host = s.substring(1, end);
      port = s.length() > end + 1 && s.charAt(end + 1) == ':' ? s.substring(end + 2) : null;
    } else {
      int colon = s.lastIndexOf(':');
      if (colon != s.indexOf(':')) {
        throw bad(key, s);
      }
      host = colon < 0 ? s : s.substring(0, colon);
      port = colon < 0 ? null : s.substring(colon + 1);
    }
    if (host.isEmpty() || !host.matches("[A-Za-z0-9._:-]+")) {
      throw bad(key, s);
    }
    int p = defPort;
    if (port != null) {
      try {
        p = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        throw bad(key, s);
      }
    }
    if (p < 1 || p > 65535) {
      throw bad(key, s);
    }
    return new HostPort(host, p);
  }

  private static ConfigException bad(String key, String item) {
    return new ConfigException(
        key + " must be a comma-separated list of host:port, got '" + item + "'");
  }

  /** For logs and health: {@code sentinel mymaster via a:26379,b:26379}. */
  public String describe() {
    String list = String.join(",", endpoints.stream().map(HostPort::toString).toList());
    return switch (kind) {
      case STANDALONE -> "standalone " + list;
      case SENTINEL -> "sentinel " + masterName + " via " + list;
      case CLUSTER -> "cluster via " + list;
    };
  }
}
