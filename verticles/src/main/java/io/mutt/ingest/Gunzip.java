package io.mutt.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Bounded gzip decompression of a request body ({@code Content-Encoding: gzip}): stops as soon as
 * the output passes the limit, so a small "gzip bomb" cannot expand into memory. Corrupt input is
 * an {@link IOException} whose message goes back to the client as a 400.
 */
final class Gunzip {

  private Gunzip() {}

  static RequestBody decompress(RequestBody in, long limit) throws IOException {
    byte[] out = new byte[(int) Math.min(limit + 1, Math.max(256, in.length() * 4L))];
    int length = 0;
    try (GZIPInputStream gz =
        new GZIPInputStream(new ByteArrayInputStream(in.bytes(), 0, in.length()), 8192)) {
      while (true) {
        if (length == out.length) {
          if (length > limit) {
            break;
          }
          out = Arrays.copyOf(out, (int) Math.min(limit + 1, out.length * 2L));
        }
        int n = gz.read(out, length, out.length - length);
        if (n < 0) {
          break;
        }
        length += n;
      }
    }
    if (length > limit) {
      throw new RequestBody.TooLarge("decompressed body exceeds the limit of " + limit + " bytes");
    }
    return new RequestBody(out, length);
  }
}
