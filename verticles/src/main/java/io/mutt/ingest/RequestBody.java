package io.mutt.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.Arrays;

/**
 * A request body read into one byte array, refusing more than a limit: at once when {@code
 * Content-Length} announces too much, else as soon as the bytes received pass it (the rest is not
 * buffered). One copy per chunk, no intermediate buffers; the array may be longer than {@link
 * #length()}.
 */
public record RequestBody(byte[] bytes, int length) {

  /** The body was larger than {@code limit} bytes (announced or received). */
  public static final class TooLarge extends RuntimeException {
    public TooLarge(String message) {
      super(message, null, false, false);
    }
  }

  public static Future<RequestBody> read(HttpServerRequest req, long limit) {
    long announced = announcedLength(req);
    if (announced > limit) {
      return Future.failedFuture(
          new TooLarge("body of " + announced + " bytes exceeds the limit of " + limit));
    }
    Reader reader = new Reader(limit, announced >= 0 ? (int) announced : 1024);
    req.handler(reader::chunk);
    req.endHandler(v -> reader.end());
    req.exceptionHandler(reader.result::tryFail);
    return reader.result.future();
  }

  private static long announcedLength(HttpServerRequest req) {
    String v = req.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (v == null) {
      return -1;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static final class Reader {
    final Promise<RequestBody> result = Promise.promise();
    final long limit;
    byte[] bytes;
    int length;
    boolean refused;

    Reader(long limit, int initial) {
      this.limit = limit;
      this.bytes = new byte[Math.max(initial, 16)];
    }

    void chunk(Buffer chunk) {
      if (refused) {
        return;
      }
      int n = chunk.length();
      if (length + (long) n > limit) {
        refused = true;
        result.tryFail(new TooLarge("body exceeds the limit of " + limit + " bytes"));
        return;
      }
      if (length + n > bytes.length) {
        bytes =
            Arrays.copyOf(
                bytes, (int) Math.min(limit, Math.max(bytes.length * 2L, length + (long) n)));
      }
      chunk.getBytes(0, n, bytes, length);
      length += n;
    }

    void end() {
      if (!refused) {
        result.tryComplete(new RequestBody(bytes, length));
      }
    }
  }
}
