package io.mutt.db;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads conf/demo-data.json into empty rule, dev-host and team tables (first start only). Blocking,
 * bootstrap only.
 */
public final class DemoData {

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  private DemoData() {}

  /** Returns true when demo data was loaded, false when the tables already held data. */
  public static boolean loadIfEmpty(DbSettings db, String password)
      throws SQLException, IOException {
    JsonObject demo = read();
    try (Connection c = DatabaseBootstrap.open(db, db.database(), password)) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT (SELECT COUNT(*) FROM alert_rules) + (SELECT COUNT(*) FROM development_hosts)"
                      + " + (SELECT COUNT(*) FROM device_teams)")) {
        rs.next();
        if (rs.getLong(1) > 0) {
          return false;
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO alert_rules (match_string, trap_oid, syslog_severity,"
                  + " match_type, priority, prod_handling, dev_handling, team_assignment, is_active) VALUES (?,?,?,?,?,?,?,?,true)")) {
        for (Object o : demo.getJsonArray("rules", new JsonArray())) {
          JsonObject r = (JsonObject) o;
          ps.setString(1, r.getString("match_string"));
          ps.setString(2, r.getString("trap_oid"));
          if (r.getInteger("syslog_severity") == null) {
            ps.setNull(3, Types.INTEGER);
          } else {
            ps.setInt(3, r.getInteger("syslog_severity"));
          }
          ps.setString(4, r.getString("match_type", "contains"));
          ps.setInt(5, r.getInteger("priority", 100));
          ps.setString(6, r.getString("prod_handling"));
          ps.setString(7, r.getString("dev_handling"));
          ps.setString(8, r.getString("team_assignment"));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO development_hosts (hostname) VALUES (?)")) {
        for (Object h : demo.getJsonArray("development_hosts", new JsonArray())) {
          ps.setString(1, h.toString());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO device_teams (hostname, team_assignment) VALUES (?,?)")) {
        JsonObject teams = demo.getJsonObject("device_teams", new JsonObject());
        for (String host : teams.fieldNames()) {
          ps.setString(1, host);
          ps.setString(2, teams.getString(host));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
      LOG.info("loaded demo rules, development hosts and teams from conf/demo-data.json");
      return true;
    }
  }

  private static JsonObject read() throws IOException {
    Path local = Path.of("conf", "demo-data.json");
    if (Files.isReadable(local)) {
      return new JsonObject(Files.readString(local, StandardCharsets.UTF_8));
    }
    try (InputStream in =
        DemoData.class.getClassLoader().getResourceAsStream("conf/demo-data.json")) {
      if (in == null) {
        throw new IOException("conf/demo-data.json not found");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
