package io.mutt.queue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The top-level {@code hostname} of an event or alert JSON object, read with a streaming parser
 * (nested objects are skipped, nothing is built): the partition key of both streams (ADR 0031).
 * Anything that is not an object with a string {@code hostname} answers null (partition 0).
 */
public final class EventHost {

  private static final JsonFactory JSON = new JsonFactory();

  private EventHost() {}

  public static String of(String json) {
    return json == null ? null : of(json.getBytes(StandardCharsets.UTF_8));
  }

  public static String of(byte[] json) {
    if (json == null) {
      return null;
    }
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        boolean host = "hostname".equals(p.currentName());
        JsonToken v = p.nextToken();
        if (host) {
          return v == JsonToken.VALUE_STRING ? p.getText() : null;
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
