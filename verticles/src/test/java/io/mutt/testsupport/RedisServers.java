package io.mutt.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Redis processes of the machine's {@code redis-server} (Debian's, which also runs Sentinel and
 * Cluster nodes), each on a free loopback port with its own directory under a temp folder, started
 * and stopped by the test: a Sentinel set (one master, one replica, three sentinels) or a Redis
 * Cluster (three masters with a replica each, made with {@code redis-cli --cluster create}). They
 * never touch the machine's Redis on 6379. With {@link Tls} every process (servers, replicas,
 * sentinels, cluster nodes) listens on TLS only ({@code port 0}) and replicates, monitors and talks
 * on the cluster bus over TLS. {@link #close()} kills what is left and deletes the folder.
 */
public final class RedisServers implements AutoCloseable {

  public static final String SERVER = "/usr/bin/redis-server";
  public static final String CLI = "/usr/bin/redis-cli";

  private final Path dir;
  private final String password;
  private final Tls tls;
  private final Map<Integer, Process> processes = new LinkedHashMap<>();

  /**
   * TLS for every process of a set: a server certificate for 127.0.0.1/localhost, a client
   * certificate for the processes' own outgoing links, and the CA that signed both (MUTT verifies
   * the servers with it). Clients need no certificate ({@code tls-auth-clients no}), but the
   * cluster bus always asks for one, so replicas, sentinels and cluster nodes present the client
   * one.
   */
  public record Tls(Path cert, Path key, Path clientCert, Path clientKey, Path ca) {

    /** A new CA and its certificates made with openssl in {@code dir}. */
    public static Tls create(Path dir) {
      CertAuthority authority = CertAuthority.authority(dir, "redis");
      Path[] server = authority.issue("redis-server", true);
      Path[] client = authority.issue("redis-peer", false);
      return new Tls(server[0], server[1], client[0], client[1], authority.ca);
    }

    /** MUTT's settings for TLS to these servers. */
    Map<String, String> settings() {
      return Map.of("REDIS_TLS_ENABLED", "true", "REDIS_CA_CERT_PATH", ca.toString());
    }
  }

  private RedisServers(String password, Tls tls) {
    this.password = password;
    this.tls = tls;
    try {
      this.dir = Files.createTempDirectory("mutt-redis-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether this machine has the Redis binaries these tests need. */
  public static boolean available() {
    return new File(SERVER).canExecute() && new File(CLI).canExecute();
  }

  public String password() {
    return password;
  }

  /** {@code m} with the TLS and password settings MUTT needs to reach these servers. */
  private Map<String, String> access(Map<String, String> m) {
    m.put("REDIS_TLS_ENABLED", "false");
    if (tls != null) {
      m.putAll(tls.settings());
    }
    if (password != null) {
      m.put("REDIS_PASS_CURRENT", password);
    }
    return m;
  }

  /** A Sentinel set: {@link Sentinel#master()}, {@link Sentinel#replica()}, three sentinels. */
  public static Sentinel sentinel(String masterName, String password) {
    return sentinel(masterName, password, null);
  }

  /** {@link #sentinel(String, String)}, over TLS only when {@code tls} is set. */
  public static Sentinel sentinel(String masterName, String password, Tls tls) {
    RedisServers s = new RedisServers(password, tls);
    try {
      int master = s.startNode(List.of());
      int replica = s.startNode(List.of("replicaof 127.0.0.1 " + master));
      s.awaitReplicas(master, 1);
      List<Integer> sentinels = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        sentinels.add(s.startSentinel(masterName, master));
      }
      s.awaitSentinelsSeeEachOther(sentinels.get(0), masterName, sentinels.size());
      return new Sentinel(s, masterName, master, replica, sentinels);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** One master and one replica (no Sentinel): {@code ports = [master, replica]}. */
  public static Cluster replicated(String password) {
    RedisServers s = new RedisServers(password, null);
    try {
      int master = s.startNode(List.of());
      int replica = s.startNode(List.of("replicaof 127.0.0.1 " + master));
      s.awaitReplicas(master, 1);
      return new Cluster(s, List.of(master, replica));
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** Three masters with one replica each. */
  public static Cluster cluster(String password) {
    return cluster(password, null, 1);
  }

  /**
   * Three masters with {@code replicas} replicas each, over TLS only (cluster bus included) when
   * {@code tls} is set.
   */
  public static Cluster cluster(String password, Tls tls, int replicas) {
    RedisServers s = new RedisServers(password, tls);
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < 3 * (1 + replicas); i++) {
        ports.add(
            s.startNode(
                Ports.freeClusterNode(),
                List.of(
                    "cluster-enabled yes",
                    "cluster-config-file nodes.conf",
                    "cluster-node-timeout 1500",
                    "cluster-replica-validity-factor 0")));
      }
      List<String> args = new ArrayList<>(List.of(CLI, "--cluster", "create"));
      ports.forEach(p -> args.add("127.0.0.1:" + p));
      args.addAll(List.of("--cluster-replicas", String.valueOf(replicas), "--cluster-yes"));
      args.addAll(s.cliOptions());
      s.run(args, Duration.ofSeconds(60));
      Eventually.until(
          Duration.ofSeconds(30),
          "cluster state ok on every node",
          () ->
              ports.stream()
                  .allMatch(p -> s.cli(p, "CLUSTER", "INFO").contains("cluster_state:ok")));
      Eventually.until(
          Duration.ofSeconds(30),
          "every master has its replica online",
          () ->
              ports.stream()
                  .map(p -> s.cli(p, "INFO", "replication"))
                  .filter(i -> i.contains("role:master"))
                  .allMatch(i -> replicas == 0 || i.contains("state=online")));
      return new Cluster(s, ports);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private int startNode(List<String> extra) {
    return startNode(Ports.free(), extra);
  }

  private int startNode(int port, List<String> extra) {
    Path d = dir.resolve("node-" + port);
    List<String> conf = new ArrayList<>(common(port, d));
    conf.add("appendonly no");
    conf.add("repl-diskless-sync-delay 0");
    conf.add("save \"\"");
    if (password != null) {
      conf.add("requirepass " + password);
      conf.add("masterauth " + password);
    }
    conf.addAll(extra);
    start(port, d, conf, List.of());
    return port;
  }

  private int startSentinel(String masterName, int master) {
    int port = Ports.free();
    Path d = dir.resolve("sentinel-" + port);
    List<String> conf = new ArrayList<>(common(port, d));
    conf.add("sentinel monitor " + masterName + " 127.0.0.1 " + master + " 2");
    conf.add("sentinel down-after-milliseconds " + masterName + " 1000");
    conf.add("sentinel failover-timeout " + masterName + " 5000");
    conf.add("sentinel parallel-syncs " + masterName + " 1");
    if (password != null) {
      conf.add("sentinel auth-pass " + masterName + " " + password);
      conf.add("requirepass " + password);
      conf.add("sentinel sentinel-pass " + password);
    }
    start(port, d, conf, List.of("--sentinel"));
    return port;
  }

  private List<String> common(int port, Path d) {
    List<String> conf =
        new ArrayList<>(
            List.of(
                "bind 127.0.0.1",
                "protected-mode no",
                "dir " + d,
                "logfile " + d.resolve("redis.log"),
                "daemonize no"));
    if (tls == null) {
      conf.add("port " + port);
    } else {
      // TLS only: no plain port; replication, Sentinel's links and the cluster bus over TLS too
      conf.addAll(
          List.of(
              "port 0",
              "tls-port " + port,
              "tls-cert-file " + tls.cert(),
              "tls-key-file " + tls.key(),
              "tls-client-cert-file " + tls.clientCert(),
              "tls-client-key-file " + tls.clientKey(),
              "tls-ca-cert-file " + tls.ca(),
              "tls-auth-clients no",
              "tls-replication yes",
              "tls-cluster yes"));
    }
    return conf;
  }

  private void start(int port, Path d, List<String> conf, List<String> flags) {
    try {
      Files.createDirectories(d);
      Path file = d.resolve("redis.conf");
      Files.write(file, conf, StandardCharsets.UTF_8);
      List<String> cmd = new ArrayList<>(List.of(SERVER, file.toString()));
      cmd.addAll(flags);
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(d.resolve("stdout.log").toFile())
              .start();
      processes.put(port, p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + SERVER + ": " + e.getMessage(), e);
    }
    Eventually.until(Duration.ofSeconds(15), "redis on " + port + " answers", () -> ping(port));
  }

  private boolean ping(int port) {
    try {
      return cli(port, "PING").contains("PONG");
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void awaitReplicas(int master, int n) {
    Eventually.until(
        Duration.ofSeconds(20),
        n + " replica(s) in sync with " + master,
        () -> {
          String info = cli(master, "INFO", "replication");
          return info.contains("connected_slaves:" + n) && info.contains("state=online");
        });
  }

  private void awaitSentinelsSeeEachOther(int sentinel, String masterName, int n) {
    Eventually.until(
        Duration.ofSeconds(30),
        "sentinels know each other and the replica",
        () -> {
          String out = cli(sentinel, "SENTINEL", "MASTER", masterName);
          return out.contains("num-other-sentinels\n" + (n - 1)) && out.contains("num-slaves\n1");
        });
  }

  /** Runs {@code redis-cli -p port args…}; answers its output. */
  public String cli(int port, String... args) {
    List<String> cmd = new ArrayList<>(List.of(CLI, "-h", "127.0.0.1", "-p", String.valueOf(port)));
    cmd.addAll(cliOptions());
    cmd.addAll(List.of(args));
    return run(cmd, Duration.ofSeconds(10));
  }

  /** {@code redis-cli}'s password and TLS options for these servers. */
  private List<String> cliOptions() {
    List<String> o = new ArrayList<>();
    if (password != null) {
      o.addAll(List.of("-a", password, "--no-auth-warning"));
    }
    if (tls != null) {
      o.addAll(List.of("--tls", "--cacert", tls.ca().toString()));
    }
    return o;
  }

  private String run(List<String> cmd, Duration timeout) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      // read beside the wait, so a command that never ends cannot block past the timeout
      java.util.concurrent.CompletableFuture<byte[]> out =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  return p.getInputStream().readAllBytes();
                } catch (IOException e) {
                  return new byte[0];
                }
              });
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(cmd + " timed out");
      }
      String text;
      try {
        text =
            new String(out.get(timeout.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException(cmd + ": output not read", e);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(cmd.get(0) + " failed: " + text);
      }
      return text;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops ({@code SIGSTOP}) or resumes ({@code SIGCONT}) the process on {@code port}. */
  public void freeze(int port, boolean frozen) {
    run(
        List.of("kill", frozen ? "-STOP" : "-CONT", String.valueOf(processes.get(port).pid())),
        Duration.ofSeconds(5));
  }

  /** kill -9 of the process on {@code port}. */
  public void kill(int port) {
    Process p = processes.get(port);
    if (p != null) {
      p.destroyForcibly();
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() {
    for (Process p : processes.values()) {
      p.destroyForcibly();
    }
    for (Process p : processes.values()) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!Boolean.getBoolean("mutt.keepRedisDirs")) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException ignored) {
        // a temp folder left behind is harmless
      }
    }
  }

  /** A running Sentinel set. */
  public record Sentinel(
      RedisServers servers, String masterName, int master, int replica, List<Integer> sentinels)
      implements AutoCloseable {

    /** MUTT settings for this set ({@code REDIS_MODE=sentinel}). */
    public Map<String, String> settings() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("REDIS_MODE", "sentinel");
      m.put(
          "REDIS_SENTINELS",
          String.join(",", sentinels.stream().map(p -> "127.0.0.1:" + p).toList()));
      m.put("REDIS_MASTER_NAME", masterName);
      return servers.access(m);
    }

    /** The port of the master the sentinels name now. */
    public int currentMaster() {
      String out = servers.cli(sentinels.get(0), "SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName);
      String[] lines = out.trim().split("\n");
      return Integer.parseInt(lines[lines.length - 1].trim());
    }

    @Override
    public void close() {
      servers.close();
    }
  }

  /** A running cluster. */
  public record Cluster(RedisServers servers, List<Integer> ports) implements AutoCloseable {

    public Map<String, String> settings() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("REDIS_MODE", "cluster");
      m.put(
          "REDIS_NODES",
          String.join(",", ports.subList(0, 3).stream().map(p -> "127.0.0.1:" + p).toList()));
      return servers.access(m);
    }

    /**
     * MUTT settings for the first server as a standalone Redis (the master of {@link #replicated}).
     */
    public Map<String, String> standaloneSettings() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("REDIS_HOST", "127.0.0.1");
      m.put("REDIS_PORT", String.valueOf(ports.get(0)));
      return servers.access(m);
    }

    /** The port of the master serving {@code key}'s slot. */
    public int masterOf(String key) {
      String slot = servers.cli(ports.get(0), "CLUSTER", "KEYSLOT", key).trim();
      for (String line : servers.cli(ports.get(0), "CLUSTER", "NODES").split("\n")) {
        String[] f = line.trim().split(" ");
        if (f.length < 9 || !f[2].contains("master") || f[2].contains("fail")) {
          continue;
        }
        for (int i = 8; i < f.length; i++) {
          String[] range = f[i].split("-");
          if (range[0].startsWith("[")) {
            continue;
          }
          int lo = Integer.parseInt(range[0]);
          int hi = Integer.parseInt(range[range.length - 1]);
          int s = Integer.parseInt(slot);
          if (s >= lo && s <= hi) {
            return Integer.parseInt(f[1].split("@")[0].split(":")[1]);
          }
        }
      }
      throw new IllegalStateException("no live master serves slot " + slot);
    }

    @Override
    public void close() {
      servers.close();
    }
  }
}
