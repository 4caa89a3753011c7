package io.mutt.pipeline.syslog;

import java.util.Arrays;

/**
 * Splits one TCP (or TLS) byte stream into syslog frames per RFC 6587, the framing detected once
 * per connection from its first byte: a digit means octet counting ({@code MSG-LEN SP MSG}, §3.4.1,
 * the only framing of RFC 5425), anything else LF-terminated lines (non-transparent framing,
 * §3.4.2; a CR before the LF is dropped). Frames longer than {@code maxFrame} bytes are cut to
 * their first {@code maxFrame} bytes and marked {@link ParseErrors#TOO_LONG}; nothing is dropped
 * without a reason. Complete frames inside one chunk are handed out without copying. One instance
 * per connection; not thread-safe.
 */
public final class SyslogFramer {

  /** Receives frames: {@code error} is null or a {@link ParseErrors} reason. */
  public interface Sink {
    void frame(byte[] buf, int off, int len, String error);
  }

  /** The framing in use on a connection. */
  public enum Framing {
    UNKNOWN,
    OCTET_COUNTING,
    NON_TRANSPARENT
  }

  private static final int MAX_COUNT_DIGITS = 9;

  private final int maxFrame;
  private Framing framing = Framing.UNKNOWN;
  private byte[] partial = new byte[256];
  private int partialLen;

  /** Octet counting: bytes of the current frame still to come (-1 = reading the count). */
  private long remaining = -1;

  /** Octet counting: bytes of the current frame beyond maxFrame still to skip. */
  private long skip;

  /** Non-transparent: skipping the rest of an over-long line. */
  private boolean discarding;

  private int count;
  private int countDigits;

  public SyslogFramer(int maxFrame) {
    this.maxFrame = maxFrame;
  }

  public Framing framing() {
    return framing;
  }

  /** Reads a chunk of the stream, handing every completed frame to {@code sink}. */
  public void feed(byte[] data, int off, int len, Sink sink) {
    int end = off + len;
    int at = off;
    while (at < end) {
      if (framing == Framing.UNKNOWN) {
        byte b = data[at];
        if (b == '\n' || b == '\r' || b == ' ') {
          at++;
          continue;
        }
        framing = b >= '0' && b <= '9' ? Framing.OCTET_COUNTING : Framing.NON_TRANSPARENT;
      }
      at =
          framing == Framing.OCTET_COUNTING
              ? counted(data, at, end, sink)
              : lines(data, at, end, sink);
    }
  }

  /**
   * The connection ended: an incomplete frame is handed out (a line as is, a counted frame marked).
   */
  public void end(Sink sink) {
    if (framing == Framing.NON_TRANSPARENT && partialLen > 0 && !discarding) {
      emitLine(partial, 0, partialLen, null, sink);
    } else if (framing == Framing.OCTET_COUNTING && remaining > 0 && partialLen > 0) {
      sink.frame(partial, 0, partialLen, ParseErrors.TRUNCATED);
    }
    partialLen = 0;
  }

  private int lines(byte[] data, int at, int end, Sink sink) {
    int lf = indexOf(data, at, end, (byte) '\n');
    if (lf < 0) {
      if (!discarding) {
        int room = maxFrame - partialLen;
        int take = Math.min(room, end - at);
        append(data, at, take);
        if (end - at > room) {
          emitLine(partial, 0, partialLen, ParseErrors.TOO_LONG, sink);
          partialLen = 0;
          discarding = true;
        }
      }
      return end;
    }
    if (discarding) {
      discarding = false;
    } else if (partialLen == 0) {
      int n = lf - at;
      if (n > maxFrame) {
        emitLine(data, at, maxFrame, ParseErrors.TOO_LONG, sink);
      } else {
        emitLine(data, at, n, null, sink);
      }
    } else {
      int room = maxFrame - partialLen;
      int n = lf - at;
      append(data, at, Math.min(room, n));
      emitLine(partial, 0, partialLen, n > room ? ParseErrors.TOO_LONG : null, sink);
      partialLen = 0;
    }
    return lf + 1;
  }

  private static void emitLine(byte[] buf, int off, int len, String error, Sink sink) {
    int n = len;
    if (n > 0 && buf[off + n - 1] == '\r') {
      n--;
    }
    if (n == 0 && error == null) {
      sink.frame(buf, off, 0, ParseErrors.EMPTY);
      return;
    }
    sink.frame(buf, off, n, error);
  }

  private int counted(byte[] data, int at, int end, Sink sink) {
    if (remaining < 0) {
      while (at < end) {
        byte b = data[at];
        if (b >= '0' && b <= '9' && countDigits < MAX_COUNT_DIGITS) {
          count = count * 10 + (b - '0');
          countDigits++;
          append(data, at, 1); // kept in case this is not a count after all
          at++;
        } else if (b == ' ' && countDigits > 0) {
          at++;
          remaining = count;
          skip = Math.max(0, (long) count - maxFrame);
          count = 0;
          countDigits = 0;
          partialLen = 0;
          if (remaining == 0) {
            sink.frame(data, at, 0, ParseErrors.EMPTY);
            remaining = -1;
          }
          return at;
        } else if ((b == '\n' || b == '\r') && countDigits == 0) {
          at++; // a stray line end between frames (some senders add one)
        } else {
          // Not a count: the rest of this line is one frame, and octet counting resumes after it.
          framing = Framing.NON_TRANSPARENT;
          count = 0;
          countDigits = 0;
          int next =
              lines(
                  data,
                  at,
                  end,
                  (buf, off, len, error) ->
                      sink.frame(
                          buf,
                          off,
                          len,
                          error == null || ParseErrors.EMPTY.equals(error)
                              ? ParseErrors.BAD_OCTET_COUNT
                              : error));
          if (partialLen == 0 && !discarding) {
            framing = Framing.OCTET_COUNTING;
          }
          return next;
        }
      }
      return at;
    }
    long body = remaining - skip;
    if (body > 0) {
      int take = (int) Math.min(body, end - at);
      if (partialLen == 0 && take == body) {
        remaining -= take;
        at += take;
        if (skip == 0) {
          sink.frame(data, at - take, take, null);
          remaining = -1;
          return at;
        }
        // keep the cut frame until its rest is skipped
        append(data, at - take, take);
        return at;
      }
      append(data, at, take);
      remaining -= take;
      at += take;
      if (remaining == 0) {
        sink.frame(partial, 0, partialLen, null);
        partialLen = 0;
        remaining = -1;
      }
      return at;
    }
    int take = (int) Math.min(remaining, end - at);
    remaining -= take;
    at += take;
    if (remaining == 0) {
      sink.frame(partial, 0, partialLen, ParseErrors.TOO_LONG);
      partialLen = 0;
      remaining = -1;
      skip = 0;
    }
    return at;
  }

  private void append(byte[] data, int off, int len) {
    if (partialLen + len > partial.length) {
      partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLen + len));
    }
    System.arraycopy(data, off, partial, partialLen, len);
    partialLen += len;
  }

  private static int indexOf(byte[] data, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
