package io.mutt.syslog;

import io.mutt.config.ConfigException;
import io.mutt.config.MuttConfig;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * The syslog listener settings, read and checked once; a bad value fails the start naming the key.
 * A port of 0 disables that transport; TLS also needs {@code SYSLOG_TLS_CERT} and {@code
 * SYSLOG_TLS_KEY}.
 *
 * @param bindHost the address every syslog socket binds ({@code SYSLOG_BIND_HOST})
 * @param udpPort {@code SYSLOG_UDP_PORT}, default 5514
 * @param tcpPort {@code SYSLOG_TCP_PORT}, default 5514
 * @param tlsPort {@code SYSLOG_TLS_PORT}, default 6514 (RFC 5425)
 * @param tlsCert PEM certificate chain file, or empty
 * @param tlsKey PEM private key file, or empty
 * @param tlsClientCa PEM file of the CAs whose client certificates are required (mutual TLS), or
 *     empty for server-only TLS
 * @param maxMessageBytes longest frame or datagram kept whole ({@code SYSLOG_MAX_MESSAGE_BYTES})
 * @param udpReceiveBuffer SO_RCVBUF of the UDP socket in bytes ({@code SYSLOG_UDP_RECEIVE_BUFFER})
 * @param udpMaxInFlight datagrams parsed and not yet written beyond which new ones are dropped
 * @param tcpMaxPending events read from one connection and not yet written before it is paused
 * @param instances TCP/TLS verticles sharing the ports ({@code SYSLOG_INSTANCES})
 * @param zone the zone of RFC 3164 timestamps that name none ({@code SYSLOG_DEFAULT_TIMEZONE})
 */
public record SyslogSettings(
    String bindHost,
    int udpPort,
    int tcpPort,
    int tlsPort,
    String tlsCert,
    String tlsKey,
    String tlsClientCa,
    int maxMessageBytes,
    int udpReceiveBuffer,
    int udpMaxInFlight,
    int tcpMaxPending,
    int instances,
    ZoneId zone) {

  public static SyslogSettings from(MuttConfig c) {
    String cert = c.string("SYSLOG_TLS_CERT", "");
    String key = c.string("SYSLOG_TLS_KEY", "");
    if (cert.isEmpty() != key.isEmpty()) {
      throw new ConfigException("SYSLOG_TLS_CERT and SYSLOG_TLS_KEY must be set together");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(c.string("SYSLOG_DEFAULT_TIMEZONE", "UTC"));
    } catch (DateTimeException e) {
      throw new ConfigException(
          "SYSLOG_DEFAULT_TIMEZONE: unknown zone '" + c.string("SYSLOG_DEFAULT_TIMEZONE") + "'");
    }
    return new SyslogSettings(
        c.string("SYSLOG_BIND_HOST", "0.0.0.0"),
        portOrOff(c, "SYSLOG_UDP_PORT", 5514),
        portOrOff(c, "SYSLOG_TCP_PORT", 5514),
        portOrOff(c, "SYSLOG_TLS_PORT", 6514),
        cert,
        key,
        c.string("SYSLOG_TLS_CLIENT_CA", ""),
        c.atLeast("SYSLOG_MAX_MESSAGE_BYTES", 65536, 480),
        c.atLeast("SYSLOG_UDP_RECEIVE_BUFFER", 8 * 1024 * 1024, 65536),
        c.atLeast("SYSLOG_UDP_MAX_IN_FLIGHT", 50_000, 1),
        c.atLeast("SYSLOG_TCP_MAX_PENDING", 10_000, 1),
        c.atLeast("SYSLOG_INSTANCES", 1, 1),
        zone);
  }

  /** Whether TLS is served: a port and a certificate with its key. */
  public boolean tlsEnabled() {
    return tlsPort > 0 && !tlsCert.isEmpty();
  }

  /** A port 1–65535, or 0 = disabled. */
  static int portOrOff(MuttConfig c, String key, int def) {
    int p = c.intValue(key, def);
    if (p < 0 || p > 65535) {
      throw new ConfigException(key + " must be 0 (off) or a port between 1 and 65535, got " + p);
    }
    return p;
  }
}
