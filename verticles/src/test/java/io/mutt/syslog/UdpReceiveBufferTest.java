package io.mutt.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up warning when the kernel caps the UDP receive buffer below the configured size. */
class UdpReceiveBufferTest {

  @TempDir Path dir;

  @Test
  void a_cap_below_the_configured_buffer_is_named_with_the_sysctl_that_lifts_it() throws Exception {
    Path rmemMax = Files.writeString(dir.resolve("rmem_max"), "4194304\n");
    assertThat(UdpReceiveBuffer.shortfall(8_388_608, rmemMax))
        .contains("4194304")
        .contains("SYSLOG_UDP_RECEIVE_BUFFER")
        .contains("sysctl -w net.core.rmem_max=8388608");
  }

  @Test
  void the_kernel_file_is_read_whole() {
    // procfs reports a size the plain whole-file read trusts; this host's own file must parse
    if (Files.isReadable(UdpReceiveBuffer.RMEM_MAX)) {
      assertThat(UdpReceiveBuffer.shortfall(Integer.MAX_VALUE, UdpReceiveBuffer.RMEM_MAX))
          .as("no real cap reaches 2 GiB")
          .isNotNull()
          .doesNotContain("capped at 4 bytes")
          .matches("syslog UDP receive buffer capped at \\d{5,} bytes.*");
    }
  }

  @Test
  void a_cap_at_or_above_the_configured_buffer_and_a_system_without_the_file_say_nothing()
      throws Exception {
    Path rmemMax = Files.writeString(dir.resolve("rmem_max"), "8388608\n");
    assertThat(UdpReceiveBuffer.shortfall(8_388_608, rmemMax)).isNull();
    assertThat(UdpReceiveBuffer.shortfall(1_000, rmemMax)).isNull();
    assertThat(UdpReceiveBuffer.shortfall(8_388_608, dir.resolve("absent"))).isNull();
  }
}
