package io.mutt.retention;

import io.mutt.cli.CliRuntime;
import io.mutt.config.MuttConfig;
import io.mutt.db.DatabaseBootstrap;
import io.mutt.db.DbSettings;
import io.mutt.runtime.MuttRuntime;
import io.mutt.testsupport.TestServices;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A migrated fresh database and a Redis key prefix, with a runtime connected to both, for retention
 * tests.
 */
final class RetentionFixture implements AutoCloseable {

  final Map<String, String> settings;
  final CliRuntime cli;
  final MuttRuntime rt;

  RetentionFixture(Map<String, String> extra) throws Exception {
    settings = new HashMap<>(TestServices.redis());
    settings.putAll(TestServices.freshDatabase());
    settings.putAll(extra);
    MuttConfig config = new MuttConfig(new JsonObject(new HashMap<>(settings)));
    DbSettings db = DbSettings.from(config);
    DatabaseBootstrap.migrate(db, DatabaseBootstrap.workingPassword(db), 3);
    cli = CliRuntime.open(settings, true);
    rt = cli.runtime();
  }

  RowSet<Row> sql(String sql, Object... args) {
    return rt.pg().preparedQuery(sql).execute(Tuple.wrap(args)).await();
  }

  long count(String sql, Object... args) {
    return sql(sql, args).iterator().next().getLong(0);
  }

  Response redis(Command cmd, Object... args) {
    Request r = Request.cmd(cmd);
    for (Object a : args) {
      r.arg(a.toString());
    }
    return rt.redis().send(r).await();
  }

  List<String> list(String key) {
    List<String> out = new ArrayList<>();
    for (Response r : redis(Command.LRANGE, key, 0, -1)) {
      out.add(r.toString());
    }
    return out;
  }

  List<String> partitions() {
    List<String> out = new ArrayList<>();
    for (Row r :
        sql(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'event_audit_log' ORDER BY 1")) {
      out.add(r.getString(0));
    }
    return out;
  }

  @Override
  public void close() {
    cli.close();
  }
}
