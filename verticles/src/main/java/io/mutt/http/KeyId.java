package io.mutt.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A stable, non-reversible name for an API key, for audit rows and the dashboard header: {@code
 * key-} and the first 12 hex digits of its SHA-256. Two holders of different keys are told apart,
 * and no character of a key is ever shown.
 */
public final class KeyId {

  private KeyId() {}

  public static String of(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "key-" + HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
