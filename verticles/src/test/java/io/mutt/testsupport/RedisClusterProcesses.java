package io.mutt.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis Cluster of Debian's {@code redis-server} processes on free loopback ports, started by a
 * test and stopped by {@link #close}. One master gets every slot ({@code CLUSTER ADDSLOTSRANGE}):
 * the server still refuses any command or script whose keys span two slots, which is what a test of
 * slot discipline needs. Several masters (and replicas) are joined by {@code redis-cli --cluster
 * create … --cluster-yes}, which splits the slots evenly.
 */
public final class RedisClusterProcesses implements AutoCloseable {

  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();
  private final Path dir;

  private RedisClusterProcesses(Path dir) {
    this.dir = dir;
  }

  public static RedisClusterProcesses start(int masters, int replicasPerMaster) throws Exception {
    String server = IntakeKit.require("redis-server", "redis-server");
    IntakeKit.require("redis-cli", "redis-tools");
    RedisClusterProcesses c =
        new RedisClusterProcesses(Files.createTempDirectory("mutt-redis-cluster-"));
    try {
      int nodes = masters * (1 + replicasPerMaster);
      for (int i = 0; i < nodes; i++) {
        c.startNode(server);
      }
      if (nodes == 1) {
        cli(c.ports.get(0), "cluster", "addslotsrange", "0", "16383");
      } else {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        c.ports.forEach(p -> cmd.add("127.0.0.1:" + p));
        cmd.addAll(
            List.of("--cluster-replicas", String.valueOf(replicasPerMaster), "--cluster-yes"));
        IntakeKit.Run run = IntakeKit.run(60, cmd.toArray(String[]::new));
        if (run.exit() != 0) {
          throw new IllegalStateException("redis-cli --cluster create failed: " + run.output());
        }
      }
      for (int port : c.ports) {
        Eventually.until(
            Duration.ofSeconds(30),
            "cluster state ok on " + port,
            () ->
                IntakeKit.run(5, "redis-cli", "-p", String.valueOf(port), "cluster", "info")
                    .output()
                    .contains("cluster_state:ok"));
      }
      return c;
    } catch (Exception | Error e) {
      c.close();
      throw e;
    }
  }

  private void startNode(String server) throws Exception {
    int port = Ports.freeClusterNode();
    Path nodeDir = Files.createDirectories(dir.resolve(String.valueOf(port)));
    Process p =
        new ProcessBuilder(
                server,
                "--port",
                String.valueOf(port),
                "--bind",
                "127.0.0.1",
                "--cluster-enabled",
                "yes",
                "--cluster-config-file",
                nodeDir.resolve("nodes.conf").toString(),
                "--cluster-node-timeout",
                "2000",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                nodeDir.toString())
            .redirectErrorStream(true)
            .redirectOutput(nodeDir.resolve("redis.log").toFile())
            .start();
    processes.add(p);
    ports.add(port);
    Eventually.until(
        Duration.ofSeconds(10),
        "redis-server on " + port + " answers",
        () -> cli(port, "ping").contains("PONG"));
  }

  static String cli(int port, String... args) {
    List<String> cmd = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(port)));
    cmd.addAll(List.of(args));
    return IntakeKit.run(10, cmd.toArray(String[]::new)).output();
  }

  /** Runs {@code redis-cli} against the first node with {@code -c} (follows redirections). */
  public String command(String... args) {
    List<String> cmd = new ArrayList<>(List.of("-c"));
    cmd.addAll(List.of(args));
    return cli(ports.get(0), cmd.toArray(String[]::new));
  }

  public List<Integer> ports() {
    return List.copyOf(ports);
  }

  /** {@code host:port} of every node, comma-separated (a seed list). */
  public String nodes() {
    return String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
  }

  /** The operating-system process of the node on {@code port}. */
  public Process process(int port) {
    return processes.get(ports.indexOf(port));
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroyForcibly();
    }
    for (Process p : processes) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
