package io.mutt.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mutt logs}: the structured logs of a running {@code mutt run} (the JSON lines it writes to
 * {@code <MUTT_DATA_DIR>/logs/mutt.json.log}), filtered by role (from the logger name {@code
 * io.mutt.<role>.*}), minimum level and correlation id; prints the last lines, and with {@code -f}
 * keeps following the file across size-based rollovers.
 */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = "Show or follow the structured logs of a local 'mutt run'.")
public final class LogsCommand extends CliCommand {

  static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  @Option(
      names = "--file",
      description = "Log file (default: $MUTT_JSON_LOG_FILE or <MUTT_DATA_DIR>/logs/mutt.json.log)")
  Path file;

  @Option(
      names = "--role",
      description = "ingest, alerter, forwarder, remediation, web, retention, moog, core")
  String role;

  @Option(names = "--level", description = "Minimum level: TRACE, DEBUG, INFO, WARN, ERROR")
  String level;

  @Option(
      names = {"--correlation-id", "--cid"},
      description = "Only lines with this correlation id")
  String correlationId;

  @Option(
      names = {"-n", "--lines"},
      defaultValue = "20",
      description = "Matching lines to show first (default ${DEFAULT-VALUE})")
  int lines;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new lines as they are written")
  boolean follow;

  @Option(
      names = "--for",
      paramLabel = "SECONDS",
      description = "With -f, stop after this many seconds")
  Double forSeconds;

  @Override
  protected int execute() throws Exception {
    int minLevel = level == null ? 0 : LEVELS.indexOf(level.toUpperCase(Locale.ROOT));
    if (minLevel < 0) {
      throw usage("--level must be one of " + LEVELS + ", got '" + level + "'");
    }
    Path path = file != null ? file : Path.of(defaultFile());
    if (!Files.exists(path) && !follow) {
      throw new CliException(
          ExitCodes.ERROR, "no log file at " + path + " (start MUTT with 'mutt run' first)");
    }
    long position = 0;
    if (Files.exists(path)) {
      Deque<String> last = new ArrayDeque<>();
      for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
        if (matches(line, minLevel)) {
          last.addLast(line);
          if (last.size() > lines) {
            last.removeFirst();
          }
        }
      }
      last.forEach(this::emit);
      position = Files.size(path);
    }
    out().flush();
    if (follow) {
      follow(path, position, minLevel);
    }
    return ExitCodes.OK;
  }

  static String defaultFile() {
    String f = LogSetup.jsonLogFile();
    return f == null ? Path.of(".mutt", "logs", "mutt.json.log").toString() : f;
  }

  private void follow(Path path, long start, int minLevel)
      throws IOException, InterruptedException {
    long deadline =
        forSeconds == null
            ? Long.MAX_VALUE
            : System.currentTimeMillis() + Math.round(forSeconds * 1000);
    long position = start;
    StringBuilder partial = new StringBuilder();
    while (System.currentTimeMillis() < deadline) {
      long size = Files.exists(path) ? Files.size(path) : 0;
      if (size < position) {
        position = 0;
        partial.setLength(0);
      }
      if (size > position) {
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "r")) {
          raf.seek(position);
          byte[] buf = new byte[(int) Math.min(size - position, 4 << 20)];
          raf.readFully(buf);
          position += buf.length;
          partial.append(new String(buf, StandardCharsets.UTF_8));
        }
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
          String line = partial.substring(0, nl);
          partial.delete(0, nl + 1);
          if (matches(line, minLevel)) {
            emit(line);
          }
        }
        out().flush();
      }
      Thread.sleep(Math.max(1, Math.min(200, deadline - System.currentTimeMillis())));
    }
  }

  boolean matches(String line, int minLevel) {
    if (line.isBlank()) {
      return false;
    }
    JsonObject e = parse(line);
    if (e == null) {
      return role == null && level == null && correlationId == null;
    }
    if (minLevel > 0
        && LEVELS.indexOf(e.getString("level", "INFO").toUpperCase(Locale.ROOT)) < minLevel) {
      return false;
    }
    if (role != null && !role.equalsIgnoreCase(roleOf(e.getString("logger", "")))) {
      return false;
    }
    return correlationId == null || correlationId.equals(e.getString("correlation_id"));
  }

  /**
   * The role a logger belongs to: {@code io.mutt.<role>.X} → role; other MUTT packages → core;
   * others → lib.
   */
  static String roleOf(String logger) {
    if (!logger.startsWith("io.mutt.")) {
      return "lib";
    }
    String rest = logger.substring("io.mutt.".length());
    String seg = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : "core";
    return switch (seg) {
      case "ingest", "alerter", "forwarder", "remediation", "web", "retention", "moog" -> seg;
      default -> "core";
    };
  }

  private void emit(String line) {
    JsonObject e = parse(line);
    if (json || e == null) {
      out().println(line);
      return;
    }
    StringBuilder sb = new StringBuilder();
    sb.append(e.getString("timestamp", ""))
        .append(' ')
        .append(String.format("%-5s", e.getString("level", "")))
        .append(" [")
        .append(roleOf(e.getString("logger", "")))
        .append("] ")
        .append(e.getString("message", ""));
    if (e.getString("correlation_id") != null) {
      sb.append("  cid=").append(e.getString("correlation_id"));
    }
    String trace = e.getString("stack_trace");
    if (trace != null) {
      sb.append("\n    ").append(trace.lines().findFirst().orElse(""));
    }
    out().println(sb);
  }

  private static JsonObject parse(String line) {
    if (line.isBlank()) {
      return null;
    }
    try {
      return new JsonObject(line);
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }
}
