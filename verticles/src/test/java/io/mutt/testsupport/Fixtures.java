package io.mutt.testsupport;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The demo events of the test fixtures, as ingest-ready JSON objects. */
public final class Fixtures {

  private Fixtures() {}

  public static List<JsonObject> syslogTestData() {
    return objects("fixtures/test_data_syslog_events.json");
  }

  /**
   * SNMP traps mapped the usual way: hostname = sysName varbind or source_ip, message = OID +
   * varbinds.
   */
  public static List<JsonObject> snmpTraps() {
    List<JsonObject> out = new ArrayList<>();
    for (JsonObject trap : objects("fixtures/demo_snmp_traps.json")) {
      String host = trap.getString("source_ip");
      StringBuilder message = new StringBuilder(trap.getString("trap_oid"));
      for (Object v : trap.getJsonArray("variables", new JsonArray())) {
        String s = v.toString().trim();
        if (s.startsWith("@{")) {
          s = s.substring(2);
        }
        if (s.endsWith("}")) {
          s = s.substring(0, s.length() - 1);
        }
        String oid = null;
        String value = null;
        for (String part : s.split(";")) {
          int eq = part.indexOf('=');
          if (eq < 0) {
            continue;
          }
          String k = part.substring(0, eq).trim();
          String val = part.substring(eq + 1).trim();
          if (k.equals("oid")) {
            oid = val;
          } else if (k.equals("value")) {
            value = val;
          }
        }
        message.append(' ').append(oid).append('=').append(value);
        if ("1.3.6.1.2.1.1.5.0".equals(oid) && value != null) {
          host = value;
        }
      }
      out.add(
          new JsonObject()
              .put("hostname", host)
              .put("timestamp", trap.getString("timestamp"))
              .put("trap_oid", trap.getString("trap_oid"))
              .put("message", message.toString())
              .put("severity", trap.getString("severity"))
              .put("source", "snmp"));
    }
    return out;
  }

  private static List<JsonObject> objects(String resource) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " missing");
      }
      JsonArray arr = new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      List<JsonObject> out = new ArrayList<>();
      arr.forEach(o -> out.add((JsonObject) o));
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
