package io.mutt.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Constant-time API key check against the accepted keys (current and, during rotation, next). With
 * no key configured nothing is accepted.
 */
public final class ApiKeys {

  private final List<byte[]> accepted;

  public ApiKeys(List<String> keys) {
    this.accepted = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
  }

  public boolean matches(String presented) {
    if (presented == null || accepted.isEmpty()) {
      return false;
    }
    byte[] p = presented.getBytes(StandardCharsets.UTF_8);
    boolean ok = false;
    for (byte[] k : accepted) {
      ok |= MessageDigest.isEqual(k, p);
    }
    return ok;
  }
}
