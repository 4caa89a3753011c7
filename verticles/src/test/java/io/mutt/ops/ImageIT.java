package io.mutt.ops;

import static io.mutt.ops.HelmChartTest.container;
import static io.mutt.ops.HelmChartTest.list;
import static io.mutt.ops.HelmChartTest.map;
import static io.mutt.ops.HelmChartTest.node;
import static io.mutt.ops.HelmChartTest.str;
import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.moog.FaultPlan;
import io.mutt.moog.MockMoogVerticle;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.Ports;
import io.mutt.testsupport.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Builds MUTT's image with {@code scripts/image/build.sh} (no daemon, no registry), loads it into
 * podman and runs it the way the Helm chart's ingest Deployment does: the chart's default image
 * name, command, user, dropped capabilities, read-only root filesystem and a writable /tmp only.
 * The container (ingest, alerter and forwarder) reaches the tests' Redis and PostgreSQL and a
 * Moogsoft stand-in over the host network; an event posted to its ingest arrives at the stand-in
 * and gets an audit row. Skipped only when podman is not installed ({@code scripts/ci-prereqs.sh}
 * installs it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageIT {

  static final Path REPO = HelmChartTest.REPO;
  static final String INGEST_KEY = "image-it-ingest-0123456789";

  static Vertx vertx;
  static WebClient http;
  static String podman;
  static String image;
  static String containerName;
  static Map<String, String> env;
  static int moogPort;
  static Map<String, Object> chartIngest;

  /**
   * The image build alone may take minutes on a clean machine (Debian packages fetched and
   * unpacked), so the class's set-up has its own bound instead of the suite's 5-minute default: the
   * build's 15 minutes plus the container's start.
   */
  @BeforeAll
  @Timeout(value = 20, unit = TimeUnit.MINUTES)
  static void buildAndStart() throws Exception {
    podman = onPath("podman").orElse(null);
    Assumptions.assumeTrue(
        podman != null, "podman is not installed (scripts/ci-prereqs.sh installs it)");

    Map<String, Object> deployment = HelmChartTest.render(t -> t).deployment("ingest");
    chartIngest = container(deployment);
    image = str(chartIngest, "image");

    Path out = Path.of(System.getProperty("java.io.tmpdir"), "mutt-image-it");
    String jar =
        System.getProperty("mutt.jar", REPO.resolve("verticles/target/mutt.jar").toString());
    long t0 = System.nanoTime();
    Result build =
        exec(
            Duration.ofMinutes(15),
            "bash",
            REPO.resolve("scripts/image/build.sh").toString(),
            "--jar",
            jar,
            "--out",
            out.toString(),
            "--load");
    assertThat(build.exit()).as("scripts/image/build.sh:\n%s", build.output()).isZero();
    System.out.printf(
        "image: built and loaded in %d s%n%s%n",
        (System.nanoTime() - t0) / 1_000_000_000,
        build.output().lines().filter(l -> l.startsWith("image: built")).findFirst().orElse(""));

    vertx = Vertx.vertx();
    http = WebClient.create(vertx);
    moogPort = Ports.free();
    vertx.deployVerticle(new MockMoogVerticle(moogPort, FaultPlan.NONE)).await();

    env = new HashMap<>(TestServices.redis());
    env.putAll(TestServices.freshDatabase());
    env.putAll(Ports.allFree());
    env.put("INGEST_API_KEY", INGEST_KEY);
    env.put("WEBUI_API_KEY", "image-it-webui-0123456789");
    env.put("MOOG_API_KEY", "image-it-moog-0123456789");
    env.put("MOOG_WEBHOOK_URL", "http://127.0.0.1:" + moogPort + "/events");
    env.put("MUTT_LOAD_DEMO_DATA", "true");
    env.put("POD_NAME", "image-it");
    env.put("ALERT_COALESCE_WINDOW_SECONDS", "0");
    env.put("JAVA_TOOL_OPTIONS", "-Xmx384m -XX:+ExitOnOutOfMemoryError");
    containerName = "mutt-image-it-" + UUID.randomUUID().toString().substring(0, 8);
    Path envFile = Files.createTempFile("mutt-image-it-", ".env");
    StringBuilder lines = new StringBuilder();
    env.forEach((k, v) -> lines.append(k).append('=').append(v).append('\n'));
    Files.writeString(envFile, lines.toString());

    long started = System.nanoTime();
    Result run = exec(Duration.ofMinutes(2), runCommand(envFile));
    Files.deleteIfExists(envFile);
    assertThat(run.exit()).as("podman run:\n%s", run.output()).isZero();
    try {
      Eventually.until(Duration.ofSeconds(180), "MUTT is up in the container", () -> isUp());
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ":\n" + logs(), e);
    }
    System.out.printf(
        "image: container up (ingest, alerter, forwarder) %d ms after podman run%n",
        (System.nanoTime() - started) / 1_000_000);
  }

  /** {@code podman run} with the chart's ingest container settings. */
  static List<String> runCommand(Path envFile) {
    Map<String, Object> podSecurity =
        map(HelmChartTest.render(t -> t).deployment("ingest"), "spec", "template", "spec");
    Map<String, Object> security = map(chartIngest, "securityContext");
    List<String> cmd = new ArrayList<>(List.of(podman, "run", "-d", "--name", containerName));
    // crun 1.8 (Debian 12) refuses hosts with cgroup controllers on both hierarchies; runc runs on
    // all
    onPath("runc").ifPresent(runc -> cmd.addAll(List.of("--runtime", runc)));
    // podman asks for RLIMIT_NOFILE 1048576 by default; without CAP_SYS_RESOURCE only the host's
    // hard limits can be set, so ask for limits every host allows
    cmd.addAll(List.of("--ulimit", "nofile=16384:16384", "--ulimit", "nproc=16384:16384"));
    cmd.addAll(List.of("--network", "host", "--env-file", envFile.toString()));
    cmd.addAll(
        List.of(
            "--user",
            node(podSecurity, "securityContext", "runAsUser")
                + ":"
                + node(podSecurity, "securityContext", "runAsGroup")));
    if (Boolean.TRUE.equals(security.get("readOnlyRootFilesystem"))) {
      cmd.addAll(List.of("--read-only", "--read-only-tmpfs=false"));
    }
    if (list(security, "capabilities", "drop").contains("ALL")) {
      cmd.addAll(List.of("--cap-drop", "all"));
    }
    if (Boolean.FALSE.equals(security.get("allowPrivilegeEscalation"))) {
      cmd.addAll(List.of("--security-opt", "no-new-privileges"));
    }
    // the chart's writable mounts are emptyDirs (not noexec): the same here as tmpfs
    for (Object mount : list(chartIngest, "volumeMounts")) {
      String name = str(mount, "name");
      if (name.equals("tmp")) {
        cmd.addAll(List.of("--tmpfs", str(mount, "mountPath") + ":rw,exec,nosuid,nodev,size=256m"));
      }
    }
    List<Object> command = list(chartIngest, "command");
    cmd.addAll(List.of("--entrypoint", String.valueOf(command.get(0))));
    cmd.add(image);
    command.stream().skip(1).map(String::valueOf).forEach(cmd::add);
    cmd.addAll(List.of("run", "--roles", "ingest,alerter,forwarder"));
    return cmd;
  }

  @AfterAll
  static void stop() throws Exception {
    if (containerName != null) {
      System.out.println("image: container log\n" + logs());
      exec(Duration.ofSeconds(90), podman, "rm", "-f", "-t", "30", containerName);
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  @Order(1)
  void the_image_is_the_charts_default_and_runs_as_its_non_root_user_on_a_read_only_root()
      throws Exception {
    Map<String, Object> values =
        new org.yaml.snakeyaml.Yaml().load(Files.readString(REPO.resolve("helm/mutt/values.yaml")));
    Map<String, Object> chart =
        new org.yaml.snakeyaml.Yaml().load(Files.readString(REPO.resolve("helm/mutt/Chart.yaml")));
    assertThat(image).isEqualTo(str(values, "image", "repository") + ":" + chart.get("appVersion"));

    Result inspect =
        exec(
            Duration.ofSeconds(30),
            podman,
            "inspect",
            "--format",
            "{{.Config.User}} {{.HostConfig.ReadonlyRootfs}} {{.ImageName}}",
            containerName);
    assertThat(inspect.output().trim()).isEqualTo("10001:10001 true localhost/" + image);

    Result user =
        exec(Duration.ofSeconds(30), podman, "top", containerName, "user", "group", "comm");
    assertThat(user.output()).as(user.output()).containsPattern("mutt\\s+mutt\\s+java");

    Result config =
        exec(
            Duration.ofSeconds(30),
            podman,
            "image",
            "inspect",
            "--format",
            "{{.Config.User}} {{json .Config.Entrypoint}}",
            image);
    assertThat(config.output().trim())
        .isEqualTo("10001:10001 [\"java\",\"-jar\",\"/app/mutt.jar\"]");
  }

  @Test
  @Order(2)
  void an_event_posted_to_the_containers_ingest_reaches_the_stand_in_and_the_audit_log()
      throws Exception {
    JsonObject event =
        new JsonObject()
            .put("hostname", "router1.prod.example.com")
            .put("timestamp", Instant.now().toString())
            .put("message", "%LINK-3-UPDOWN: ERROR on Gi0/1 from the image");
    var res =
        http.postAbs("http://127.0.0.1:" + env.get("SERVER_PORT_INGESTOR") + "/api/v2/ingest")
            .putHeader("X-API-KEY", INGEST_KEY)
            .sendJsonObject(event)
            .await();
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    String correlationId = res.bodyAsJsonObject().getString("correlation_id");
    assertThat(correlationId).isNotBlank();

    JsonObject last =
        Eventually.value(
            Duration.ofSeconds(30),
            "the alert at the stand-in",
            ImageIT::lastAlert,
            l -> l != null && correlationId.equals(l.getString("external_id")));
    assertThat(last.getString("class")).isEqualTo("NETO");

    String jdbc =
        "jdbc:postgresql://"
            + env.get("DB_HOST")
            + ":"
            + env.get("DB_PORT")
            + "/"
            + env.get("DB_NAME");
    Eventually.until(
        Duration.ofSeconds(10),
        "an event_audit_log row for " + correlationId,
        () -> auditRows(jdbc, correlationId) == 1);
  }

  @Test
  @Order(3)
  void sigterm_stops_the_container_cleanly() {
    Result stop = exec(Duration.ofSeconds(90), podman, "stop", "-t", "60", containerName);
    assertThat(stop.exit()).as(stop.output()).isZero();
    Result state =
        exec(
            Duration.ofSeconds(30),
            podman,
            "inspect",
            "--format",
            "{{.State.ExitCode}}",
            containerName);
    String log = logs();
    assertThat(state.output().trim()).as(log).isEqualTo("143");
    assertThat(log).doesNotContain("\"level\":\"ERROR\"").doesNotContain(" ERROR ");
  }

  private static JsonObject lastAlert() {
    return http.getAbs("http://127.0.0.1:" + moogPort + "/stats")
        .send()
        .await()
        .bodyAsJsonObject()
        .getJsonObject("last");
  }

  private static int auditRows(String jdbc, String correlationId) {
    try (Connection c =
            DriverManager.getConnection(jdbc, env.get("DB_USER"), env.get("DB_PASS_CURRENT"));
        PreparedStatement st =
            c.prepareStatement(
                "SELECT count(*) FROM event_audit_log"
                    + " WHERE raw_message::jsonb ->> '_correlation_id' = ? AND forwarded_to_moog")) {
      st.setString(1, correlationId);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isUp() {
    String logs = logs();
    if (logs.contains("MUTT is up")) {
      return true;
    }
    Result state =
        exec(
            Duration.ofSeconds(30),
            podman,
            "inspect",
            "--format",
            "{{.State.Running}}",
            containerName);
    if (!state.output().trim().equals("true")) {
      throw new AssertionError("the container stopped:\n" + logs);
    }
    return false;
  }

  static String logs() {
    return exec(Duration.ofSeconds(30), podman, "logs", containerName).output();
  }

  record Result(int exit, String output) {}

  static Result exec(Duration timeout, List<String> cmd) {
    try {
      File out = Files.createTempFile("mutt-image-it-", ".out").toFile();
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out).start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError(
            "timed out after " + timeout + ": " + String.join(" ", cmd) + "\n" + read(out));
      }
      String output = read(out);
      Files.deleteIfExists(out.toPath());
      return new Result(p.exitValue(), output);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Result exec(Duration timeout, String... cmd) {
    return exec(timeout, List.of(cmd));
  }

  private static String read(File f) throws IOException {
    return Files.readString(f.toPath(), StandardCharsets.UTF_8);
  }

  static Optional<String> onPath(String name) {
    return Stream.of(
            System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
        .map(d -> Path.of(d, name))
        .filter(Files::isExecutable)
        .map(Path::toString)
        .findFirst();
  }
}
