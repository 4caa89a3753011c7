package io.mutt.cli;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The text {@code mutt status} prints from its document (roles, listeners, Redis topology, queues,
 * DLQs and their drain, circuit, leaders, rates); {@link StatusCommand} gathers the document.
 */
final class StatusText {

  private StatusText() {}

  /** {@code sentinel mymaster: master 10.0.0.5:6379 (1 replica)}. */
  static String topologyText(JsonObject t) {
    StringBuilder sb = new StringBuilder(t.getString("mode", "?"));
    if (t.getString("master_name") != null) {
      sb.append(' ').append(t.getString("master_name"));
    }
    if (t.getValue("masters") instanceof io.vertx.core.json.JsonArray masters) {
      List<String> parts = new java.util.ArrayList<>();
      for (Object o : masters) {
        if (o instanceof JsonObject m) {
          int n = m.getInteger("replicas", 0);
          parts.add(m.getString("address") + " (" + n + (n == 1 ? " replica)" : " replicas)"));
        }
      }
      sb.append(parts.size() == 1 ? ": master " : ": masters ").append(String.join(", ", parts));
    }
    if (t.getString("error") != null) {
      sb.append(": ").append(t.getString("error"));
    }
    return sb.toString();
  }

  private static Object orDash(Object v) {
    return v == null ? "-" : v;
  }

  /** "empty", "~65 s (draining)", "not draining (paused_target_full)" or "unknown". */
  static String drainText(JsonObject one) {
    Object secs = one.getValue("drain_seconds");
    String state = one.getString("drain_state");
    if (!(secs instanceof Number n)) {
      return "unknown";
    }
    double s = n.doubleValue();
    if (s == 0) {
      return "empty";
    }
    if (s < 0) {
      return "not draining" + (state == null ? "" : " (" + state + ")");
    }
    String left =
        s < 120
            ? Math.round(s) + " s"
            : s < 7200 ? Math.round(s / 60) + " min" : String.format("%.1f h", s / 3600);
    return "~" + left + " (" + one.getValue("depth", "?") + " left)";
  }

  /**
   * "disabled", or ":5514 udp listening, 120 queued" with the connections of a stream listener and
   * the drops and parse errors when there are any.
   */
  static String listenerText(JsonObject l) {
    if (!l.getBoolean("enabled", false)) {
      return "disabled";
    }
    StringBuilder sb =
        new StringBuilder()
            .append(':')
            .append(orDash(l.getValue("port")))
            .append(' ')
            .append(l.getString("transport", "?"))
            .append(' ')
            .append(l.getString("state", "?"));
    if (l.getValue("connections") instanceof Number c) {
      sb.append(", ").append(c).append(c.longValue() == 1 ? " connection" : " connections");
      if (l.getValue("paused_connections") instanceof Number p && p.longValue() > 0) {
        sb.append(" (").append(p).append(" paused)");
      }
    }
    sb.append(", ").append(l.getValue("queued", 0)).append(" queued");
    if (l.getValue("dropped") instanceof Number d && d.longValue() > 0) {
      sb.append(", ").append(d).append(" dropped");
    }
    if (l.getValue("parse_errors") instanceof Number e && e.longValue() > 0) {
      sb.append(", ").append(e).append(" parse errors");
    }
    return sb.toString();
  }

  static String render(JsonObject doc) {
    StringBuilder sb = new StringBuilder("MUTT on " + doc.getString("host") + "\n");
    JsonObject roles = doc.getJsonObject("roles");
    for (String role : roles.fieldNames()) {
      JsonObject r = roles.getJsonObject(role);
      sb.append(
          String.format("  %-12s :%-5d %s%n", role, r.getInteger("port"), r.getString("state")));
    }
    if (doc.getValue("listeners") instanceof JsonObject listeners) {
      for (String name : listeners.fieldNames()) {
        if (listeners.getValue(name) instanceof JsonObject l) {
          sb.append(String.format("  %-12s %s%n", name, listenerText(l)));
        }
      }
    }
    if (doc.getValue("redis_topology") instanceof JsonObject t) {
      sb.append("  redis        ").append(topologyText(t)).append('\n');
    }
    JsonObject q = doc.getJsonObject("queues", new JsonObject());
    if (!q.isEmpty()) {
      sb.append("  queues       ingest ")
          .append(q.getValue("ingest", "?"))
          .append(
              q.getValue("ingest_pending") == null
                  ? ""
                  : " (pending " + q.getValue("ingest_pending") + ")")
          .append(", alert ")
          .append(q.getValue("alert", "?"))
          .append(
              q.getValue("alert_pending") == null
                  ? ""
                  : " (pending " + q.getValue("alert_pending") + ")")
          .append('\n');
    }
    JsonObject d = doc.getJsonObject("dlq", new JsonObject());
    if (!d.isEmpty()) {
      sb.append("  dlq          alerter ")
          .append(d.getValue("alerter", "?"))
          .append(", moog ")
          .append(d.getValue("moog", "?"))
          .append(", dead ")
          .append(d.getValue("dead", "?"))
          .append('\n');
    }
    if (doc.getValue("dlq_drain") instanceof JsonObject drain) {
      List<String> parts = new java.util.ArrayList<>();
      for (String n : List.of("alerter", "moog")) {
        if (drain.getValue(n) instanceof JsonObject one) {
          parts.add(n + " " + drainText(one));
        }
      }
      sb.append("  dlq drain    ").append(String.join(", ", parts)).append('\n');
    }
    if (doc.getValue("circuit") != null) {
      sb.append("  circuit      moogsoft ").append(doc.getValue("circuit")).append('\n');
    }
    if (doc.getValue("leaders") instanceof JsonObject l) {
      sb.append("  leaders      remediation ")
          .append(orDash(l.getValue("remediation")))
          .append(", retention ")
          .append(orDash(l.getValue("retention")))
          .append('\n');
    }
    if (doc.getValue("rates") instanceof JsonObject r) {
      sb.append("  events/min   now ")
          .append(r.getValue("current_rate_1m"))
          .append(", 15m avg ")
          .append(r.getValue("avg_rate_15m"))
          .append(", 1h avg ")
          .append(r.getValue("avg_rate_1h"))
          .append('\n');
    }
    return sb.toString();
  }
}
