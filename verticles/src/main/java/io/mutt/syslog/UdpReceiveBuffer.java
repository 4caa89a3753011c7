package io.mutt.syslog;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the kernel grants the configured UDP receive buffer ({@code SYSLOG_UDP_RECEIVE_BUFFER}).
 * Linux caps {@code SO_RCVBUF} at {@code net.core.rmem_max} without an error, and the socket then
 * overflows at a lower rate than documented (docs/OPERATIONS.md), so the listener says so at start.
 */
final class UdpReceiveBuffer {

  /** Where Linux publishes the cap. */
  static final Path RMEM_MAX = Path.of("/proc/sys/net/core/rmem_max");

  private UdpReceiveBuffer() {}

  /**
   * The warning to log when {@code rmemMax} (the kernel's cap, read from that file) is below {@code
   * requested}; null when it is not, or when there is no such file (not Linux).
   */
  static String shortfall(int requested, Path rmemMax) {
    long cap;
    // read line-wise: Files.readString trusts the size procfs reports and returns one character
    try (BufferedReader in = Files.newBufferedReader(rmemMax)) {
      String line = in.readLine();
      cap = line == null ? Long.MAX_VALUE : Long.parseLong(line.trim());
    } catch (IOException | NumberFormatException e) {
      return null;
    }
    if (cap >= requested) {
      return null;
    }
    return "syslog UDP receive buffer capped at "
        + cap
        + " bytes by net.core.rmem_max, not the "
        + requested
        + " of SYSLOG_UDP_RECEIVE_BUFFER: bursts overflow it sooner (sysctl -w net.core.rmem_max="
        + requested
        + ")";
  }
}
