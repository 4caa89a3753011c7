package io.mutt.testsupport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for every listening setting, so tests never collide with each other or a
 * running MUTT. The ports come from below the kernel's ephemeral range (32768 and up on Linux): a
 * port the kernel handed out for {@code bind(0)} and released may be taken again by any outgoing
 * connection of the machine before the test's server binds it, one below that range is not. A port
 * is handed out once per JVM and is free for both TCP and UDP when handed out.
 */
public final class Ports {

  public static final String[] KEYS = {
    "SERVER_PORT_INGESTOR",
    "METRICS_PORT_ALERTER",
    "HEALTH_PORT_ALERTER",
    "METRICS_PORT_MOOG",
    "HEALTH_PORT_MOOG",
    "METRICS_PORT_REMEDIATION",
    "HEALTH_PORT_REMEDIATION",
    "SERVER_PORT_WEBUI",
    "MOCK_MOOG_PORT",
    "SYSLOG_UDP_PORT",
    "SYSLOG_TCP_PORT",
    "SYSLOG_TLS_PORT",
    "SNMP_TRAP_PORT"
  };

  private Ports() {}

  private static final int LOW = 20_000;
  private static final int HIGH = 32_000;
  private static final Set<Integer> handedOut = new HashSet<>();

  public static synchronized int free() {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
      if (!handedOut.contains(port) && bindable(port)) {
        handedOut.add(port);
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port between " + LOW + " and " + HIGH);
  }

  /** How far above a Redis Cluster node's port its cluster bus listens. */
  public static final int CLUSTER_BUS_OFFSET = 10_000;

  /**
   * A free port for a Redis Cluster node whose cluster bus port ({@link #CLUSTER_BUS_OFFSET} above
   * it) is free too, both below the ephemeral range: a bus port in that range may be taken by an
   * outgoing connection before the node binds it, and the node then fails to start.
   */
  public static synchronized int freeClusterNode() {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOW, HIGH - CLUSTER_BUS_OFFSET);
      int bus = port + CLUSTER_BUS_OFFSET;
      if (!handedOut.contains(port)
          && !handedOut.contains(bus)
          && bindable(port)
          && bindable(bus)) {
        handedOut.add(port);
        handedOut.add(bus);
        return port;
      }
    }
    throw new IllegalStateException("no free cluster node port pair below " + HIGH);
  }

  private static boolean bindable(int port) {
    try {
      InetAddress loopback = InetAddress.getByName("127.0.0.1");
      try (ServerSocket tcp = new ServerSocket();
          DatagramSocket udp = new DatagramSocket(null)) {
        tcp.bind(new InetSocketAddress(loopback, port));
        udp.bind(new InetSocketAddress(loopback, port));
        return true;
      }
    } catch (IOException e) {
      return false;
    }
  }

  public static Map<String, String> allFree() {
    Map<String, String> m = new HashMap<>();
    for (String k : KEYS) {
      m.put(k, String.valueOf(free()));
    }
    return m;
  }
}
