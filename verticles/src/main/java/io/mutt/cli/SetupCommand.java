package io.mutt.cli;

import io.mutt.app.EmbeddedServers;
import io.mutt.app.LocalRun;
import io.mutt.config.MuttConfig;
import io.mutt.db.DatabaseBootstrap;
import io.mutt.db.DbSettings;
import io.mutt.redis.RedisConnector;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mutt setup}: prepares a machine for {@code mutt run} (the seed's {@code muttdev setup}):
 * checks the Java version, creates the data folder, checks the external Redis and PostgreSQL when
 * given ({@code --redis-host}, {@code --db-host} or REDIS_HOST / DB_HOST) or else starts the
 * embedded ones once in the data folder, applies the migrations and ensures the partitions, loads
 * the demo rules into an empty database (by default only for the embedded one), and prints what to
 * run next. Exit 0 ready, 2 Java too old or bad settings, 3 a server unreachable.
 */
@Command(
    name = "setup",
    mixinStandardHelpOptions = true,
    description = "Check Java, prepare the data folder, Redis and PostgreSQL (migrate, demo data).")
public final class SetupCommand extends CliCommand {

  @Mixin SettingsOptions settings;

  @Option(
      names = "--data-dir",
      description = "Local data folder (default: $MUTT_DATA_DIR or .mutt)")
  Path dataDir;

  @Option(
      names = "--redis-host",
      paramLabel = "HOST[:PORT]",
      description = "External Redis (default: REDIS_HOST, else embedded)")
  String redisHost;

  @Option(
      names = "--db-host",
      paramLabel = "HOST[:PORT]",
      description = "External PostgreSQL (default: DB_HOST, else embedded)")
  String dbHost;

  @Option(
      names = "--demo-data",
      negatable = true,
      description =
          "Load the demo rules, dev hosts and teams into an empty database (default: only when embedded)")
  Boolean demoData;

  @Override
  protected int execute() throws Exception {
    JsonObject report = new JsonObject();
    int java = Runtime.version().feature();
    report.put("java", Runtime.version().toString());
    if (java < 17) {
      throw usage("Java 17 or newer is needed, this is " + Runtime.version());
    }
    Map<String, String> o = new HashMap<>(settings.overrides());
    hostPort(redisHost, "REDIS_HOST", "REDIS_PORT", o);
    hostPort(dbHost, "DB_HOST", "DB_PORT", o);
    MuttConfig config = CliRuntime.config(o);
    Path data =
        (dataDir != null ? dataDir : Path.of(config.string("MUTT_DATA_DIR", ".mutt")))
            .toAbsolutePath();
    prepareDataDir(data);
    report.put("data_dir", data.toString());
    try (EmbeddedServers embedded = new EmbeddedServers()) {
      report.put("redis", redis(config, data, embedded));
      report.put("database", database(config, data, embedded));
    }
    JsonArray next =
        new JsonArray()
            .add(
                "scripts/mutt run                      # every role in one JVM (embedded servers when none are set)")
            .add("scripts/mutt status                   # roles, queues, DLQs")
            .add("scripts/mutt logs -f                  # follow the structured logs of 'mutt run'")
            .add("scripts/mutt rules test --file event.json --offline");
    report.put("next", next);
    print(report, text(report));
    return ExitCodes.OK;
  }

  private static void hostPort(
      String value, String hostKey, String portKey, Map<String, String> o) {
    if (value == null) {
      return;
    }
    String[] hp = value.split(":", 2);
    o.put(hostKey, hp[0]);
    if (hp.length > 1) {
      o.put(portKey, hp[1]);
    }
  }

  private static void prepareDataDir(Path data) throws IOException {
    Files.createDirectories(data.resolve("logs"));
    Path secrets = Files.createDirectories(data.resolve("secrets"));
    try {
      for (Path p : new Path[] {data, data.resolve("logs"), secrets}) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
      }
    } catch (UnsupportedOperationException ignored) {
      // non-POSIX file system
    }
  }

  private JsonObject redis(MuttConfig config, Path data, EmbeddedServers embedded) {
    MuttConfig c = config;
    io.mutt.redis.RedisMode mode = io.mutt.redis.RedisMode.from(config);
    boolean external = !mode.standalone() || config.has("REDIS_HOST");
    if (!external) {
      c = LocalRun.embeddedRedis(config, embedded, data, new ArrayList<>());
    }
    String where =
        mode.standalone()
            ? c.string("REDIS_HOST") + ":" + c.string("REDIS_PORT", "6379")
            : mode.describe();
    Vertx vertx = Vertx.vertx();
    try {
      Redis redis = RedisConnector.connect(vertx, c).await();
      redis.close();
    } catch (Exception e) {
      throw new UnreachableException(
          "Redis at " + where + " does not answer: " + RunCommand.rootMessage(e));
    } finally {
      vertx.close();
    }
    return new JsonObject()
        .put("mode", external ? "external" : "embedded")
        .put("address", where)
        .put("ping", "PONG");
  }

  private JsonObject database(MuttConfig config, Path data, EmbeddedServers embedded)
      throws Exception {
    MuttConfig c = config;
    boolean external = config.has("DB_HOST");
    if (!external) {
      c = LocalRun.embeddedPostgres(config, embedded, data, new ArrayList<>());
    }
    DbSettings db = DbSettings.from(c);
    try {
      DatabaseBootstrap.workingPassword(DatabaseBootstrap.admin(c, db));
    } catch (Exception e) {
      throw new UnreachableException(
          "PostgreSQL " + db + " does not answer: " + RunCommand.rootMessage(e));
    }
    boolean load = demoData != null ? demoData : !external;
    boolean loaded =
        LocalRun.prepareDatabase(c, !external, load, c.intValue("RETENTION_PRECREATE_MONTHS", 3))
            .demoLoaded();
    return new JsonObject()
        .put("mode", external ? "external" : "embedded")
        .put("address", db.toString())
        .put("migrated", true)
        .put("demo_data_loaded", loaded);
  }

  private static String text(JsonObject r) {
    JsonObject redis = r.getJsonObject("redis");
    JsonObject db = r.getJsonObject("database");
    StringBuilder sb = new StringBuilder();
    sb.append("Java         ").append(r.getString("java")).append(" OK\n");
    sb.append("Data folder  ").append(r.getString("data_dir")).append('\n');
    sb.append("Redis        ")
        .append(redis.getString("mode"))
        .append(' ')
        .append(redis.getString("address"))
        .append(" answers PING\n");
    sb.append("PostgreSQL   ")
        .append(db.getString("mode"))
        .append(' ')
        .append(db.getString("address"))
        .append(" migrated")
        .append(db.getBoolean("demo_data_loaded") ? ", demo data loaded" : "")
        .append('\n');
    sb.append("\nReady. Next:\n");
    r.getJsonArray("next").forEach(n -> sb.append("  ").append(n).append('\n'));
    return sb.toString();
  }
}
