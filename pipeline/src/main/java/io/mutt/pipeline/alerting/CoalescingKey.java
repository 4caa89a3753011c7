package io.mutt.pipeline.alerting;

import io.mutt.pipeline.moog.MoogPayload;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Which alerts count as repeats of one another: those whose Moogsoft payload agrees on the chosen
 * fields. The default is what Moogsoft itself deduplicates on (the {@code signature}) plus {@code
 * severity} and {@code class}, so a repeat never hides a change of severity or team. The key is a
 * digest of the fields' payload values, short and safe for a Redis key whatever the hostname holds.
 * See docs/reference/configuration.md ({@code ALERT_COALESCE_KEY_FIELDS}).
 */
public final class CoalescingKey {

  /** A Moogsoft payload field a key may be built from. */
  public enum Field {
    SIGNATURE,
    SOURCE_ID,
    SEVERITY,
    CLASS,
    DESCRIPTION;

    String payloadName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final List<Field> DEFAULT_FIELDS =
      List.of(Field.SIGNATURE, Field.SEVERITY, Field.CLASS);

  private final List<Field> fields;

  public CoalescingKey(List<Field> fields) {
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("a coalescing key needs at least one field");
    }
    this.fields = List.copyOf(fields);
  }

  /**
   * @param csv payload field names separated by commas, e.g. {@code signature,severity,class}
   * @throws IllegalArgumentException naming the first unknown field, or when none is given
   */
  public static CoalescingKey parse(String csv) {
    List<Field> out = new ArrayList<>();
    for (String part : csv.split(",")) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      Field f = null;
      for (Field candidate : Field.values()) {
        if (candidate.payloadName().equals(name)) {
          f = candidate;
        }
      }
      if (f == null) {
        throw new IllegalArgumentException(
            "unknown coalescing field '"
                + part.trim()
                + "' (expected signature, source_id, severity, class or description)");
      }
      if (!out.contains(f)) {
        out.add(f);
      }
    }
    return new CoalescingKey(out);
  }

  public List<Field> fields() {
    return fields;
  }

  /**
   * The key of an alert, from the values its Moogsoft payload will carry (null values take the
   * payload's defaults, as {@link MoogPayload#fromAlert} does).
   *
   * @param hostname the alert's hostname (signature and source_id)
   * @param team the alert's team assignment (class)
   * @param severity the alert's severity name
   * @param message the alert's message body (description)
   * @return 32 lowercase hex characters
   */
  public String of(String hostname, String team, String severity, String message) {
    StringBuilder b = new StringBuilder(96);
    for (Field f : fields) {
      String value =
          switch (f) {
            case SIGNATURE, SOURCE_ID -> hostname == null ? "unknown" : hostname;
            case CLASS -> team == null ? "Unknown" : team;
            case SEVERITY -> Integer.toString(MoogPayload.severityOf(severity));
            case DESCRIPTION -> message == null ? "" : message;
          };
      b.append(f.ordinal()).append('=').append(value.length()).append(':').append(value);
    }
    return HexFormat.of().formatHex(sha256(b.toString()), 0, 16);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
