package io.mutt.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class GunzipTest {

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  @Test
  void a_gzip_body_within_the_limit_is_restored() throws IOException {
    byte[] data = "{\"a\":\"b\"}".repeat(100).getBytes();
    byte[] z = gzip(data);
    RequestBody out = Gunzip.decompress(new RequestBody(z, z.length), 4096);
    assertThat(new String(out.bytes(), 0, out.length())).isEqualTo(new String(data));
  }

  @Test
  void a_gzip_bomb_stops_at_the_limit_without_inflating_it_all() throws IOException {
    byte[] z = gzip(new byte[50 * 1024 * 1024]);
    assertThat(z.length).isLessThan(100_000);
    assertThatThrownBy(() -> Gunzip.decompress(new RequestBody(z, z.length), 1024 * 1024))
        .isInstanceOf(RequestBody.TooLarge.class)
        .hasMessageContaining("decompressed");
  }

  @Test
  void corrupt_or_truncated_gzip_is_an_io_error() throws IOException {
    byte[] z = gzip("{\"a\":1}".getBytes());
    assertThatThrownBy(() -> Gunzip.decompress(new RequestBody(z, z.length / 2), 4096))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> Gunzip.decompress(new RequestBody("{}".getBytes(), 2), 4096))
        .isInstanceOf(IOException.class);
  }
}
