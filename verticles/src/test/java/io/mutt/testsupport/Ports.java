package io.mutt.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * Free loopback ports for every listening setting, so tests never collide with each other or a
 * running MUTT.
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

  public static int free() {
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
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
