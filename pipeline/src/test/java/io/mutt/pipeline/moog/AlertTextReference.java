package io.mutt.pipeline.moog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference AlertText is checked against: Vert.x's {@code new JsonObject(text)} (Jackson into
 * LinkedHashMaps; Integer/Long/BigInteger and Double numbers; last duplicate wins) fed to {@link
 * MoogPayload#fromAlert} and encoded. ObjectMapper decodes and encodes the same way, so it stands
 * in for Vert.x, which this module lacks.
 */
final class AlertTextReference {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final long NOW = 1_796_395_818L;

  private AlertTextReference() {}

  /**
   * Body, correlation id, hostname, event id and retry count all as the decoding path gives them.
   */
  @SuppressWarnings("unchecked")
  static void assertMatchesReference(String text) {
    AlertText alert = AlertText.scan(text);
    assertNotNull(alert, "scan refused valid text");
    Map<String, Object> decoded;
    try {
      decoded = MAPPER.readValue(text, LinkedHashMap.class);
    } catch (JsonProcessingException e) {
      throw new AssertionError("the reference refused the text", e);
    }
    long now = NOW + text.length();
    assertSameJson(alert.moogBody(now), encode(MoogPayload.fromAlert(decoded, now)));

    assertSameText(
        alert.correlationId(),
        decoded.get("_correlation_id") == null
            ? "unknown"
            : printed(decoded.get("_correlation_id")));
    assertSameText(alert.hostnameOrNull(), printed(decoded.get("hostname")));
    assertSameText(alert.eventIdOrNull(), printed(decoded.get("_event_id")));
    assertEquals(retryCountOf(decoded.get("_moog_retry_count")), alert.retryCount(), "retry count");
  }

  /** {@code String.valueOf(jsonObject.getValue(key))}: containers print as their compact JSON. */
  private static String printed(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof Map || value instanceof List ? encode(value) : String.valueOf(value);
  }

  /** The forwarder's {@code Alert.retryCountOf}, on a decoded value. */
  private static int retryCountOf(Object v) {
    if (v instanceof Number n) {
      return Math.max(0, n.intValue());
    }
    if (v instanceof String s) {
      try {
        return Math.max(0, Integer.parseInt(s.trim()));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  private static String encode(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertSameText(String actual, String expected) {
    assertEquals(expected, actual);
  }

  /** Equal as trees, and with the same key order at every level. */
  static void assertSameJson(String actual, String expected) {
    JsonNode a;
    JsonNode e;
    try {
      a = MAPPER.readTree(actual);
      e = MAPPER.readTree(expected);
    } catch (JsonProcessingException x) {
      throw new AssertionError("not JSON: " + actual, x);
    }
    assertEquals(e, a, () -> "body\n  actual:   " + actual + "\n  expected: " + expected);
    assertSameOrder(a, e, actual);
  }

  private static void assertSameOrder(JsonNode a, JsonNode e, String actual) {
    if (e.isObject()) {
      assertEquals(
          iterate(e.fieldNames()), iterate(a.fieldNames()), () -> "key order in " + actual);
      e.fields().forEachRemaining(f -> assertSameOrder(a.get(f.getKey()), f.getValue(), actual));
    } else if (e.isArray()) {
      for (int i = 0; i < e.size(); i++) {
        assertSameOrder(a.get(i), e.get(i), actual);
      }
    }
  }

  private static List<String> iterate(Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }
}
