package io.mutt.pipeline.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Keys and text of the unhandled-event policy (docs/reference/redis-keys.md): events that match no
 * rule are counted per (hostname, message signature), and a meta-alert is raised at the threshold.
 */
public final class UnhandledSignature {

  static final int SAMPLE_CODE_POINTS = 200;

  private UnhandledSignature() {}

  /** The first 16 lower-case hex characters of SHA-1 over the UTF-8 message; null counts as "". */
  public static String of(String message) {
    byte[] text = (message == null ? "" : message).getBytes(StandardCharsets.UTF_8);
    return HexFormat.of().formatHex(sha1().digest(text), 0, 8);
  }

  /**
   * {@code <prefix>:<hostname>:<signature>}, e.g. {@code mutt:unhandled:router1:0a1b2c3d4e5f6a7b}.
   */
  public static String counterKey(String prefix, String hostname, String message) {
    return prefix + ":" + hostname + ":" + of(message);
  }

  /**
   * The meta-alert's {@code message_body}: {@code [MUTT] Detected <N> unhandled messages in <E>s
   * from '<hostname>'. Sample message: <first 200 code points of message>}.
   */
  public static String metaAlertMessage(
      long threshold, long expirySeconds, String hostname, String message) {
    return "[MUTT] Detected "
        + threshold
        + " unhandled messages in "
        + expirySeconds
        + "s from '"
        + hostname
        + "'. Sample message: "
        + firstCodePoints(message, SAMPLE_CODE_POINTS);
  }

  private static String firstCodePoints(String text, int count) {
    String value = text == null ? "" : text;
    if (value.codePointCount(0, value.length()) <= count) {
      return value;
    }
    return value.substring(0, value.offsetByCodePoints(0, count));
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE provides SHA-1", e);
    }
  }
}
