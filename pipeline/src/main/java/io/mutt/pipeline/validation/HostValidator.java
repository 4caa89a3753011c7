package io.mutt.pipeline.validation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bodies of the dev-host and team APIs (messages as in docs/reference/http-api.md; column lengths
 * of docs/reference/sql-tables.md).
 */
public final class HostValidator {

  private HostValidator() {}

  /** {@code POST /dev-hosts {"hostname"}}: the hostname to insert. */
  public static String devHost(Map<String, ?> body) {
    if (Fields.blank(body.get("hostname"))) {
      throw new InvalidInput("hostname", "hostname is required");
    }
    return Fields.optionalString(body, "hostname", 255);
  }

  /** {@code POST /teams {"hostname","team_assignment"}}: the row to insert. */
  public static Map<String, Object> team(Map<String, ?> body) {
    if (Fields.blank(body.get("hostname")) || Fields.blank(body.get("team_assignment"))) {
      throw new InvalidInput(
          Fields.blank(body.get("hostname")) ? "hostname" : "team_assignment",
          "hostname and team_assignment are required");
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("hostname", Fields.optionalString(body, "hostname", 255));
    row.put("team_assignment", Fields.optionalString(body, "team_assignment", 100));
    return row;
  }

  /** {@code PUT /teams/{hostname} {"team_assignment"}}: the new team. */
  public static String teamUpdate(Map<String, ?> body) {
    if (Fields.blank(body.get("team_assignment"))) {
      throw new InvalidInput("team_assignment", "team_assignment is required");
    }
    return Fields.optionalString(body, "team_assignment", 100);
  }
}
