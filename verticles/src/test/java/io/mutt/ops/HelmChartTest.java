package io.mutt.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.mutt.testsupport.RepoRoot;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Lints the Helm chart {@code helm/mutt} strictly and renders it with helm-java for default and
 * non-default values, then checks the rendered objects against MUTT's deployment contract: one
 * Deployment per role running {@code mutt.jar run --roles <role>}, probes on each role's /health
 * port, the environment and Secret references each role needs, a singleton remediation, cluster
 * discovery, autoscaling, monitoring and the values schema.
 */
class HelmChartTest {

  static final Path REPO = RepoRoot.find("helm/mutt");
  static final Path CHART = REPO.resolve("helm/mutt");
  static final String KUBE_VERSION = "1.30.0";
  static final List<String> ROLES = List.of("ingest", "alerter", "forwarder", "remediation", "web");
  static final List<String> SCALED_ROLES = List.of("ingest", "alerter", "forwarder", "web");
  static final List<String> DB_ROLES = List.of("alerter", "web", "remediation");
  static final List<String> MOOG_ROLES = List.of("forwarder", "remediation");

  /** Port that serves /health, per role. */
  static final Map<String, Integer> HEALTH_PORT =
      Map.of("ingest", 8080, "alerter", 8082, "forwarder", 8084, "remediation", 8087, "web", 8090);

  /** Environment variables that move each role's listeners, with their default ports. */
  static final Map<String, Map<String, String>> PORT_ENV =
      Map.of(
          "ingest", Map.of("SERVER_PORT_INGESTOR", "8080"),
          "alerter", Map.of("METRICS_PORT_ALERTER", "8081", "HEALTH_PORT_ALERTER", "8082"),
          "forwarder", Map.of("METRICS_PORT_MOOG", "8083", "HEALTH_PORT_MOOG", "8084"),
          "remediation",
              Map.of("METRICS_PORT_REMEDIATION", "8086", "HEALTH_PORT_REMEDIATION", "8087"),
          "web", Map.of("SERVER_PORT_WEBUI", "8090"));

  /** Secret keys each role must get (required) and may get during a rotation (optional). */
  static final Map<String, List<String>> REQUIRED_SECRETS =
      Map.of(
          "ingest", List.of("REDIS_PASS_CURRENT", "INGEST_API_KEY"),
          "alerter", List.of("REDIS_PASS_CURRENT", "MOOG_API_KEY", "DB_PASS_CURRENT"),
          "forwarder", List.of("REDIS_PASS_CURRENT", "MOOG_API_KEY"),
          "remediation", List.of("REDIS_PASS_CURRENT", "MOOG_API_KEY", "DB_PASS_CURRENT"),
          "web", List.of("REDIS_PASS_CURRENT", "WEBUI_API_KEY", "DB_PASS_CURRENT"));

  static final Map<String, List<String>> OPTIONAL_SECRETS =
      Map.of(
          "ingest", List.of("REDIS_PASS_NEXT", "INGEST_API_KEY_NEXT"),
          "alerter", List.of("REDIS_PASS_NEXT", "DB_PASS_NEXT"),
          "forwarder", List.of("REDIS_PASS_NEXT"),
          "remediation", List.of("REDIS_PASS_NEXT", "DB_PASS_NEXT"),
          "web", List.of("REDIS_PASS_NEXT", "WEBUI_API_KEY_NEXT", "DB_PASS_NEXT"));

  // ---------------------------------------------------------------------------------------------
  // lint

  @Test
  void chartLintsCleanInStrictMode() throws IOException {
    LintResult lint = new Helm(CHART).lint().strict().call();

    assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages())
        .as("strict lint must report no warning or error")
        .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));

    Map<String, Object> chartYaml = new Yaml().load(Files.readString(CHART.resolve("Chart.yaml")));
    assertThat(chartYaml)
        .containsEntry("apiVersion", "v2")
        .containsEntry("name", "mutt")
        .containsEntry("appVersion", "2.5");
    assertThat(CHART.resolve("values.schema.json")).isRegularFile();
    assertThat(CHART.resolve("templates/NOTES.txt")).isRegularFile();
  }

  // ---------------------------------------------------------------------------------------------
  // default values

  @Test
  void defaultValuesRenderOneDeploymentServiceAndBudgetPerRole() {
    Manifest m = render(t -> t);

    List<String> expected =
        new ArrayList<>(List.of("ServiceAccount/mutt", "ConfigMap/mutt", "Secret/mutt"));
    ROLES.forEach(r -> expected.add("Deployment/mutt-" + r));
    ROLES.forEach(r -> expected.add("Service/mutt-" + r));
    SCALED_ROLES.forEach(r -> expected.add("PodDisruptionBudget/mutt-" + r));
    assertThat(m.kindsAndNames()).containsExactlyInAnyOrderElementsOf(expected);

    assertThat(m.objects())
        .allSatisfy(o -> assertThat(str(o, "metadata", "namespace")).isEqualTo("ops"));
    for (String role : SCALED_ROLES) {
      Map<String, Object> pdb = m.get("PodDisruptionBudget", "mutt-" + role);
      assertThat(str(pdb, "apiVersion")).isEqualTo("policy/v1");
      assertThat(node(pdb, "spec", "maxUnavailable")).isEqualTo(1);
      assertThat(map(pdb, "spec", "selector", "matchLabels"))
          .isEqualTo(map(m.deployment(role), "spec", "selector", "matchLabels"));
    }
  }

  @Test
  void remediationIsASingletonThatIsRecreatedNeverSurged() {
    Manifest m = render(t -> t);

    Map<String, Object> remediation = m.deployment("remediation");
    assertThat(node(remediation, "spec", "replicas")).isEqualTo(1);
    assertThat(map(remediation, "spec", "strategy")).isEqualTo(Map.of("type", "Recreate"));

    for (String role : SCALED_ROLES) {
      Map<String, Object> d = m.deployment(role);
      assertThat(node(d, "spec", "replicas")).as(role).isEqualTo(2);
      assertThat(str(d, "spec", "strategy", "type")).as(role).isEqualTo("RollingUpdate");
      assertThat(node(d, "spec", "strategy", "rollingUpdate", "maxUnavailable"))
          .as(role)
          .isEqualTo(0);
    }
  }

  /** The modules a role's Deployment runs: remediation carries the retention schedule. */
  private static String modules(String role) {
    return role.equals("remediation") ? "remediation,retention" : role;
  }

  @Test
  void everyRoleRunsTheJarForItsRoleAndIsProbedOnItsHealthPort() {
    Manifest m = render(t -> t);

    for (String role : ROLES) {
      Map<String, Object> d = m.deployment(role);
      Map<String, Object> c = container(d);
      assertThat(str(d, "spec", "template", "metadata", "labels", "app.kubernetes.io/component"))
          .isEqualTo(role);
      assertThat(str(c, "image")).isEqualTo("mutt:2.5");
      assertThat(list(c, "command")).containsExactly("java", "-jar", "/app/mutt.jar");
      assertThat(list(c, "args")).as(role).containsExactly("run", "--roles", modules(role));

      Map<String, Integer> ports = containerPorts(c);
      for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
        assertThat(str(c, probe, "httpGet", "path")).as("%s %s", role, probe).isEqualTo("/health");
        assertThat(ports.get(str(c, probe, "httpGet", "port")))
            .as("%s %s port", role, probe)
            .isEqualTo(HEALTH_PORT.get(role));
      }
      assertThat(map(c, "resources", "requests")).containsKeys("cpu", "memory");
      assertThat(map(c, "resources", "limits")).containsKey("memory");

      Map<String, Object> env = env(c);
      PORT_ENV
          .get(role)
          .forEach(
              (name, port) -> {
                assertThat(env.get(name)).as("%s %s", role, name).isEqualTo(port);
                assertThat(ports).as(role).containsValue(Integer.valueOf(port));
              });

      Map<String, Object> svc = m.get("Service", "mutt-" + role);
      assertThat(map(svc, "spec", "selector")).isEqualTo(map(d, "spec", "selector", "matchLabels"));
      assertThat(map(svc, "metadata", "labels"))
          .containsEntry("mutt.io/scrape-job", "mutt-" + role);
      Map<String, Integer> servicePorts = new LinkedHashMap<>();
      for (Map<String, Object> p : maps(svc, "spec", "ports")) {
        servicePorts.put(str(p, "name"), (Integer) p.get("port"));
        assertThat(ports).containsKey(str(p, "targetPort"));
      }
      assertThat(servicePorts).isEqualTo(ports);
      assertThat(servicePorts)
          .containsKey(List.of("ingest", "web").contains(role) ? "http" : "metrics");
    }
  }

  @Test
  void nativeListenersRunInTheIngestPodsWithServicePortsForTheStandardPorts() {
    assertThat(args(render(t -> t), "ingest")).containsExactly("run", "--roles", "ingest");
    Manifest m =
        render(
            t ->
                t.set("roles.ingest.listeners.syslog.enabled", "true")
                    .set("roles.ingest.listeners.syslog.tls.secretName", "syslog-tls")
                    .set("roles.ingest.listeners.syslog.tls.requireClientCertificate", "true")
                    .set("roles.ingest.listeners.traps.enabled", "true")
                    .set("roles.ingest.listeners.traps.communities", "netops-ro"));
    assertThat(args(m, "ingest")).containsExactly("run", "--roles", "ingest,syslog,traps");
    Map<String, Object> c = container(m.deployment("ingest"));
    Map<String, Object> env = env(c);
    assertThat(env)
        .containsEntry("SYSLOG_UDP_PORT", "5514")
        .containsEntry("SYSLOG_TCP_PORT", "5514")
        .containsEntry("SYSLOG_TLS_PORT", "6514")
        .containsEntry("SYSLOG_TLS_CERT", "/etc/mutt/tls/syslog/tls.crt")
        .containsEntry("SYSLOG_TLS_CLIENT_CA", "/etc/mutt/tls/syslog/ca.crt")
        .containsEntry("SNMP_TRAP_PORT", "1162")
        .containsEntry("SNMP_TRAP_COMMUNITIES", "netops-ro");
    Map<String, String> containerProtocols = new LinkedHashMap<>();
    for (Map<String, Object> p : maps(c, "ports")) {
      containerProtocols.put(str(p, "name"), str(p, "protocol") + "/" + p.get("containerPort"));
    }
    assertThat(containerProtocols)
        .containsEntry("syslog-udp", "UDP/5514")
        .containsEntry("syslog-tcp", "TCP/5514")
        .containsEntry("syslog-tls", "TCP/6514")
        .containsEntry("snmp-trap", "UDP/1162");
    Map<String, String> service = new LinkedHashMap<>();
    for (Map<String, Object> p : maps(m.get("Service", "mutt-ingest"), "spec", "ports")) {
      service.put(
          str(p, "name"), str(p, "protocol") + "/" + p.get("port") + "->" + p.get("targetPort"));
    }
    assertThat(service)
        .containsEntry("syslog-udp", "UDP/514->syslog-udp")
        .containsEntry("syslog-tcp", "TCP/514->syslog-tcp")
        .containsEntry("syslog-tls", "TCP/6514->syslog-tls")
        .containsEntry("snmp-trap", "UDP/162->snmp-trap");
    assertThat(m.deployment("ingest").toString()).contains("secretName=syslog-tls");
  }

  @Test
  void rolesGetTheConfigurationTheyNeedAndSecretsOnlyByReference() {
    Manifest m = render(t -> t);
    Map<String, Object> secret = m.get("Secret", "mutt");
    Map<String, Object> secretData = map(secret, "data");

    for (String role : ROLES) {
      Map<String, Object> c = container(m.deployment(role));
      Map<String, Object> env = env(c);

      assertThat(env)
          .containsEntry("REDIS_MODE", "standalone")
          .containsEntry("REDIS_HOST", "redis")
          .containsEntry("REDIS_PORT", "6379")
          .containsEntry("REDIS_MIN_REPLICA_ACKS", "0")
          .containsEntry("REDIS_PARTITIONS", "1")
          .containsEntry("REDIS_TLS_ENABLED", "true")
          .containsEntry("LOG_JSON_ENABLED", "true")
          .containsEntry("DYNAMIC_CONFIG_ENABLED", "true")
          .containsEntry("MUTT_CONFIG_FILE", "/etc/mutt/mutt.yaml")
          .containsEntry("POD_NAME", Map.of("fieldRef", Map.of("fieldPath", "metadata.name")));
      assertThat(env)
          .doesNotContainKeys(
              "MUTT_CLUSTER",
              "MUTT_CLUSTER_KUBERNETES_SERVICE",
              "REDIS_CA_CERT_PATH",
              "REDIS_SENTINELS",
              "REDIS_MASTER_NAME",
              "REDIS_NODES");

      if (DB_ROLES.contains(role)) {
        assertThat(env)
            .containsEntry("DB_HOST", "postgresql")
            .containsEntry("DB_PORT", "5432")
            .containsEntry("DB_NAME", "mutt_db")
            .containsEntry("DB_USER", "mutt_user")
            .containsEntry("DB_TLS_ENABLED", "true");
      } else {
        assertThat(env).as(role).doesNotContainKeys("DB_HOST", "DB_PASS_CURRENT");
      }
      if (MOOG_ROLES.contains(role)) {
        assertThat(env)
            .containsEntry("MOOG_WEBHOOK_URL", "https://moogsoft.example.com/api/v1/events");
      } else {
        assertThat(env).as(role).doesNotContainKey("MOOG_WEBHOOK_URL");
      }

      Map<String, Map<String, Object>> refs = secretRefs(c);
      List<String> wanted = new ArrayList<>(REQUIRED_SECRETS.get(role));
      wanted.addAll(OPTIONAL_SECRETS.get(role));
      assertThat(refs.keySet()).as(role).containsExactlyInAnyOrderElementsOf(wanted);
      refs.forEach(
          (name, ref) -> {
            assertThat(ref)
                .as("%s %s", role, name)
                .containsEntry("name", "mutt")
                .containsEntry("key", name);
            boolean optional = OPTIONAL_SECRETS.get(role).contains(name);
            assertThat(ref.getOrDefault("optional", false))
                .as("%s %s optional", role, name)
                .isEqualTo(optional);
            if (!optional) {
              assertThat(secretData).as("generated Secret holds %s", name).containsKey(name);
            }
          });

      assertThat(mountPath(c, "config")).isEqualTo("/etc/mutt/mutt.yaml");
      assertThat(maps(m.deployment(role), "spec", "template", "spec", "volumes"))
          .anySatisfy(
              v ->
                  assertThat(v)
                      .containsEntry("name", "config")
                      .containsEntry("configMap", Map.of("name", "mutt")));
    }

    // The generated Secret: random API keys, the other required keys present, no rotation keys.
    assertThat(secretData)
        .containsOnlyKeys(
            "INGEST_API_KEY",
            "WEBUI_API_KEY",
            "MOOG_API_KEY",
            "REDIS_PASS_CURRENT",
            "DB_PASS_CURRENT");
    assertThat(decode(secretData.get("INGEST_API_KEY"))).hasSize(40).isAlphanumeric();
    assertThat(decode(secretData.get("WEBUI_API_KEY")))
        .hasSize(40)
        .isAlphanumeric()
        .isNotEqualTo(decode(secretData.get("INGEST_API_KEY")));

    Map<String, Object> muttYaml =
        new Yaml().load(str(m.get("ConfigMap", "mutt"), "data", "mutt.yaml"));
    assertThat(muttYaml)
        .containsEntry("MAX_INGEST_QUEUE_SIZE", 1_000_000)
        .containsEntry("RATE_LIMIT_ENABLED", false)
        .containsEntry("CIRCUIT_BREAKER_THRESHOLD", 10);
    assertThat(muttYaml.keySet())
        .allMatch(k -> k.matches("[A-Z][A-Z0-9_]*"))
        .noneMatch(k -> k.contains("PASS") || k.contains("API_KEY"));
  }

  @Test
  void givenSecretValuesAreStoredAndRotationKeysAppearOnlyWhenSet() {
    Manifest m =
        render(
            t ->
                t.set("secrets.values.INGEST_API_KEY", "ingest-key-1")
                    .set("secrets.values.INGEST_API_KEY_NEXT", "ingest-key-2")
                    .set("secrets.values.REDIS_PASS_CURRENT", "redis-pass-1"));

    Map<String, Object> data = map(m.get("Secret", "mutt"), "data");
    assertThat(decode(data.get("INGEST_API_KEY"))).isEqualTo("ingest-key-1");
    assertThat(decode(data.get("INGEST_API_KEY_NEXT"))).isEqualTo("ingest-key-2");
    assertThat(decode(data.get("REDIS_PASS_CURRENT"))).isEqualTo("redis-pass-1");
    assertThat(data).doesNotContainKeys("REDIS_PASS_NEXT", "DB_PASS_NEXT", "WEBUI_API_KEY_NEXT");
    // Never as plain env values: only secretKeyRefs.
    for (String role : ROLES) {
      assertThat(env(container(m.deployment(role))).values())
          .noneMatch(
              v -> v instanceof String s && (s.contains("ingest-key") || s.contains("redis-pass")));
    }
  }

  @Test
  void configChecksumRollsThePodsWhenAndOnlyWhenTheConfigurationChanges() {
    String base = checksum(render(t -> t), "checksum/config");
    assertThat(base).matches("[0-9a-f]{64}");
    Manifest m = render(t -> t);
    for (String role : ROLES) {
      assertThat(map(m.deployment(role), "spec", "template", "metadata", "annotations"))
          .as(role)
          .containsEntry("checksum/config", base)
          .containsKey("checksum/secret");
    }

    assertThat(
            checksum(render(t -> t.set("config.MAX_INGEST_QUEUE_SIZE", "2000")), "checksum/config"))
        .isNotEqualTo(base);
    assertThat(checksum(render(t -> t.set("roles.ingest.replicaCount", "5")), "checksum/config"))
        .isEqualTo(base);

    String secretSum = checksum(render(t -> t), "checksum/secret");
    assertThat(checksum(render(t -> t), "checksum/secret")).isEqualTo(secretSum);
    assertThat(checksum(render(t -> t.set("secrets.values.MOOG_API_KEY", "k")), "checksum/secret"))
        .isNotEqualTo(secretSum);
  }

  // ---------------------------------------------------------------------------------------------
  // non-default values

  @Test
  void productionValuesTurnOnClusterAutoscalingMonitoringAndExternalStores() throws IOException {
    Manifest m =
        render(
            t ->
                t.withName("prod")
                    .withNamespace("telemetry")
                    .withValuesFile(testResource("helm/values-production.yaml")));

    List<String> expected =
        new ArrayList<>(
            List.of(
                "ServiceAccount/prod-mutt",
                "ConfigMap/prod-mutt",
                "Service/prod-mutt-cluster",
                "HorizontalPodAutoscaler/prod-mutt-ingest",
                "HorizontalPodAutoscaler/prod-mutt-alerter",
                "ServiceMonitor/prod-mutt",
                "PrometheusRule/prod-mutt",
                "ConfigMap/prod-mutt-dashboard"));
    ROLES.forEach(r -> expected.add("Deployment/prod-mutt-" + r));
    ROLES.forEach(r -> expected.add("Service/prod-mutt-" + r));
    SCALED_ROLES.forEach(r -> expected.add("PodDisruptionBudget/prod-mutt-" + r));
    assertThat(m.kindsAndNames())
        .as("no Secret with existingSecret")
        .containsExactlyInAnyOrderElementsOf(expected);

    // Autoscaling: HPAs own the replica count of ingest and alerter.
    Map<String, Object> ingestHpa = m.get("HorizontalPodAutoscaler", "prod-mutt-ingest");
    assertThat(str(ingestHpa, "apiVersion")).isEqualTo("autoscaling/v2");
    assertThat(map(ingestHpa, "spec", "scaleTargetRef"))
        .isEqualTo(
            Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", "prod-mutt-ingest"));
    assertThat(node(ingestHpa, "spec", "minReplicas")).isEqualTo(3);
    assertThat(node(ingestHpa, "spec", "maxReplicas")).isEqualTo(12);
    assertThat(maps(ingestHpa, "spec", "metrics"))
        .extracting(x -> str(x, "resource", "name"))
        .containsExactly("cpu", "memory");
    assertThat(node(ingestHpa, "spec", "metrics", 0, "resource", "target", "averageUtilization"))
        .isEqualTo(65);
    assertThat(
            str(
                m.get("HorizontalPodAutoscaler", "prod-mutt-alerter"),
                "spec",
                "scaleTargetRef",
                "name"))
        .isEqualTo("prod-mutt-alerter");
    assertThat(map(m.get("Deployment", "prod-mutt-ingest"), "spec")).doesNotContainKey("replicas");
    assertThat(map(m.get("Deployment", "prod-mutt-alerter"), "spec")).doesNotContainKey("replicas");
    assertThat(node(m.get("Deployment", "prod-mutt-forwarder"), "spec", "replicas")).isEqualTo(2);
    assertThat(node(m.get("Deployment", "prod-mutt-remediation"), "spec", "replicas")).isEqualTo(1);

    // Cluster discovery: a headless Service over every MUTT pod, and every role joins through it.
    Map<String, Object> headless = m.get("Service", "prod-mutt-cluster");
    assertThat(str(headless, "spec", "clusterIP")).isEqualTo("None");
    assertThat(node(headless, "spec", "publishNotReadyAddresses")).isEqualTo(true);
    assertThat(maps(headless, "spec", "ports"))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p).containsEntry("port", 5701).containsEntry("targetPort", "hazelcast"));
    Map<String, Object> clusterSelector = map(headless, "spec", "selector");
    assertThat(clusterSelector).doesNotContainKey("app.kubernetes.io/component");

    for (String role : ROLES) {
      Map<String, Object> d = m.get("Deployment", "prod-mutt-" + role);
      Map<String, Object> c = container(d);
      assertThat(map(d, "spec", "template", "metadata", "labels"))
          .containsAllEntriesOf(clusterSelector);
      assertThat(str(c, "image")).isEqualTo("registry.example.com/mutt/mutt:2.5.1");
      assertThat(list(c, "args")).containsExactly("run", "--roles", modules(role), "--cluster");
      assertThat(containerPorts(c)).containsEntry("hazelcast", 5701);

      Map<String, Object> env = env(c);
      assertThat(env)
          .containsEntry("MUTT_CLUSTER", "true")
          .containsEntry(
              "MUTT_CLUSTER_KUBERNETES_SERVICE", "prod-mutt-cluster.telemetry.svc.cluster.local")
          .containsEntry("MUTT_CLUSTER_PORT", "5701")
          .containsEntry("REDIS_HOST", "redis.data.svc.cluster.local")
          .containsEntry("REDIS_PORT", "6380")
          .containsEntry("REDIS_TLS_ENABLED", "true")
          .containsEntry("REDIS_CA_CERT_PATH", "/etc/mutt/tls/redis/ca.pem");
      assertThat(mountPath(c, "redis-ca")).isEqualTo("/etc/mutt/tls/redis");
      assertThat(volume(d, "redis-ca"))
          .containsEntry(
              "secret",
              Map.of(
                  "secretName",
                  "redis-ca",
                  "items",
                  List.of(Map.of("key", "ca.pem", "path", "ca.pem"))));
      if (DB_ROLES.contains(role)) {
        assertThat(env)
            .containsEntry("DB_HOST", "pg.data.svc.cluster.local")
            .containsEntry("DB_PORT", "5433")
            .containsEntry("DB_NAME", "mutt_prod")
            .containsEntry("DB_USER", "mutt_app")
            .containsEntry("DB_TLS_CA_CERT_PATH", "/etc/mutt/tls/database/root.crt");
        assertThat(node(volume(d, "database-ca"), "secret", "secretName")).isEqualTo("pg-ca");
      } else {
        assertThat(env).doesNotContainKey("DB_TLS_CA_CERT_PATH");
      }
      if (MOOG_ROLES.contains(role)) {
        assertThat(env)
            .containsEntry("MOOG_WEBHOOK_URL", "https://moogsoft.corp.example/api/v1/events");
      }
      if (role.equals("web")) {
        assertThat(env)
            .containsEntry("PROMETHEUS_URL", "http://prometheus-operated.monitoring.svc:9090");
      }
      assertThat(secretRefs(c).values())
          .as(role)
          .isNotEmpty()
          .allSatisfy(ref -> assertThat(ref).containsEntry("name", "mutt-prod-secrets"));
    }

    Map<String, Object> muttYaml =
        new Yaml().load(str(m.get("ConfigMap", "prod-mutt"), "data", "mutt.yaml"));
    assertThat(muttYaml)
        .containsEntry("MAX_INGEST_QUEUE_SIZE", 2_000_000)
        .containsEntry("LOG_LEVEL", "WARN");

    // ServiceMonitor: scrapes /metrics of every role Service (port http or metrics),
    // job=mutt-<role>.
    Map<String, Object> sm = m.get("ServiceMonitor", "prod-mutt");
    assertThat(str(sm, "apiVersion")).isEqualTo("monitoring.coreos.com/v1");
    assertThat(map(sm, "metadata", "labels")).containsEntry("release", "kube-prometheus-stack");
    assertThat(str(sm, "spec", "jobLabel")).isEqualTo("mutt.io/scrape-job");
    assertThat(maps(sm, "spec", "endpoints"))
        .extracting(e -> e.get("port") + " " + e.get("path"))
        .containsExactlyInAnyOrder("http /metrics", "metrics /metrics");
    assertThat(list(sm, "spec", "namespaceSelector", "matchNames")).containsExactly("telemetry");
    Map<String, Object> smLabels = map(sm, "spec", "selector", "matchLabels");
    List<Object> smComponents = list(sm, "spec", "selector", "matchExpressions", 0, "values");
    for (String role : ROLES) {
      Map<String, Object> svc = m.get("Service", "prod-mutt-" + role);
      assertThat(map(svc, "metadata", "labels"))
          .containsAllEntriesOf(smLabels)
          .containsEntry("mutt.io/scrape-job", "mutt-" + role);
      assertThat(smComponents)
          .contains(str(svc, "metadata", "labels", "app.kubernetes.io/component"));
    }
    assertThat(smComponents)
        .doesNotContain(str(headless, "metadata", "labels", "app.kubernetes.io/component"));

    // PrometheusRule: exactly the rule groups of conf/prometheus.
    Map<String, Object> rule = m.get("PrometheusRule", "prod-mutt");
    assertThat(str(rule, "apiVersion")).isEqualTo("monitoring.coreos.com/v1");
    List<Object> confGroups = new ArrayList<>();
    for (String f : List.of("mutt-recording-rules.yml", "mutt-alert-rules.yml")) {
      Map<String, Object> file =
          new Yaml().load(Files.readString(REPO.resolve("conf/prometheus").resolve(f)));
      confGroups.addAll(list(file, "groups"));
    }
    assertThat(list(rule, "spec", "groups")).isEqualTo(confGroups).hasSizeGreaterThan(5);

    // Grafana dashboard ConfigMap: the dashboard of conf/grafana.
    Map<String, Object> dashboard = m.get("ConfigMap", "prod-mutt-dashboard");
    assertThat(map(dashboard, "metadata", "labels")).containsEntry("grafana_dashboard", "1");
    assertThat(new JsonObject(str(dashboard, "data", "mutt-dashboard.json")))
        .isEqualTo(
            new JsonObject(Files.readString(REPO.resolve("conf/grafana/mutt-dashboard.json"))));
  }

  @ParameterizedTest(name = "{0}={1} is rejected: {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        // roles, stores, image and config
        "roles.remediation.replicaCount | 2          | additional properties 'replicaCount' not allowed",
        "roles.remediation.autoscaling.enabled | true | additional properties 'autoscaling' not allowed",
        "redis.port                    | 70000      | /redis/port",
        "database.port                 | 0          | /database/port",
        "unknownSetting                | 1          | additional properties 'unknownSetting' not allowed",
        "config.DB_PASS_CURRENT        | leaked     | invalid propertyName 'DB_PASS_CURRENT'",
        "moogsoft.webhookUrl           | ftp://moog | /moogsoft/webhookUrl",
        "roles.ingest.autoscaling.enabled | maybe   | got string, want boolean",
        "image.pullPolicy              | Sometimes  | /image/pullPolicy",
        // Redis topologies
        "redis.mode               | replicated | /redis/mode",
        "redis.mode               | sentinel   | /redis/sentinel/hosts",
        "redis.mode               | cluster    | /redis/cluster/nodes",
        "redis.partitions         | 0          | /redis/partitions",
        "redis.partitions         | 2000       | /redis/partitions",
        "redis.minReplicaAcks     | -1         | /redis/minReplicaAcks",
        "redis.cluster.seeds      | a:6379     | additional properties 'seeds' not allowed",
        // retention
        "retention.runAt           | 25:00 | /retention/runAt",
        "retention.eventAuditDays  | 0     | /retention/eventAuditDays",
        "retention.precreateMonths | 40    | /retention/precreateMonths",
        "retention.checkIntervalMs | 10    | /retention/checkIntervalMs",
        "retention.dryRun          | maybe | got string, want boolean",
        "retention.keepForever     | true  | additional properties 'keepForever' not allowed",
        // notifier
        "notifier.smtp.tls        | ssl    | /notifier/smtp/tls",
        "notifier.fallback.mode   | always | /notifier/fallback/mode",
        "notifier.intervalMs      | 10     | /notifier/intervalMs",
        "notifier.smtp.port       | 70000  | /notifier/smtp/port",
        "notifier.enabled         | yes    | got string, want boolean",
        "notifier.webhookUrl      | x      | additional properties 'webhookUrl' not allowed",
      })
  void valuesSchemaRejectsInvalidValues(String key, String value, String reason) {
    assertThatThrownBy(() -> render(t -> t.set(key, value)))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(reason);
  }

  // ---------------------------------------------------------------------------------------------
  // Redis topologies and the image

  @Test
  void sentinelModeGivesEveryRoleTheSentinelsAndTheMasterNameInsteadOfAHost() {
    Manifest m =
        render(
            t ->
                t.withValuesFile(
                        valuesFile(
                            "redis:",
                            "  mode: sentinel",
                            "  sentinel:",
                            "    hosts: [sentinel-0.redis:26379, sentinel-1.redis:26379]",
                            "    masterName: mutt-master"))
                    .set("redis.minReplicaAcks", "1")
                    .set("redis.partitions", "4"));

    assertEveryRoleGetsRedisEnv(
        m,
        Map.of(
            "REDIS_MODE", "sentinel",
            "REDIS_SENTINELS", "sentinel-0.redis:26379,sentinel-1.redis:26379",
            "REDIS_MASTER_NAME", "mutt-master",
            "REDIS_MIN_REPLICA_ACKS", "1",
            "REDIS_PARTITIONS", "4",
            "REDIS_TLS_ENABLED", "true"),
        "REDIS_HOST",
        "REDIS_PORT",
        "REDIS_NODES");
  }

  @Test
  void clusterModeGivesEveryRoleTheSeedNodesInsteadOfAHost() {
    Manifest m =
        render(
            t ->
                t.withValuesFile(
                        valuesFile(
                            "redis:",
                            "  mode: cluster",
                            "  cluster:",
                            "    nodes: [redis-0:6379, redis-1:6379, redis-2:6379]"))
                    .set("redis.partitions", "6")
                    .set("config.MUTT_KEY_PREFIX", "{mutt-prod}"));

    assertEveryRoleGetsRedisEnv(
        m,
        Map.of(
            "REDIS_MODE", "cluster",
            "REDIS_NODES", "redis-0:6379,redis-1:6379,redis-2:6379",
            "REDIS_MIN_REPLICA_ACKS", "0",
            "REDIS_PARTITIONS", "6"),
        "REDIS_HOST",
        "REDIS_PORT",
        "REDIS_SENTINELS",
        "REDIS_MASTER_NAME");
    assertThat(muttYaml(m)).containsEntry("MUTT_KEY_PREFIX", "{mutt-prod}");
  }

  /**
   * Every role's container has the {@code expected} entries and none of the {@code absent} keys.
   */
  static void assertEveryRoleGetsRedisEnv(
      Manifest m, Map<String, String> expected, String... absent) {
    for (String role : ROLES) {
      assertThat(env(container(m.deployment(role))))
          .as(role)
          .containsAllEntriesOf(expected)
          .doesNotContainKeys(absent);
    }
  }

  @Test
  void sentinelModeNeedsAMasterNameAndHostPortEntries() {
    assertRenderFails(
        t ->
            t.withValuesFile(
                valuesFile(
                    "redis:", "  mode: sentinel", "  sentinel: {hosts: [sentinel-0:26379]}")),
        "/redis/sentinel/masterName");
    assertRenderFails(
        t ->
            t.withValuesFile(
                valuesFile(
                    "redis:",
                    "  mode: sentinel",
                    "  sentinel: {hosts: ['a:26379 b:26379'], masterName: m}")),
        "/redis/sentinel/hosts/0");
  }

  /** A values file with these lines, for lists (which --set style values cannot carry here). */
  static Path valuesFile(String... lines) {
    try {
      Path f = Files.createTempFile("mutt-values-", ".yaml");
      Files.writeString(f, String.join("\n", lines) + "\n");
      f.toFile().deleteOnExit();
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "config.{0} is refused")
  @CsvSource({
    "REDIS_MODE,cluster",
    "REDIS_HOST,redis.other",
    "REDIS_NODES,a:6379",
    "REDIS_MIN_REPLICA_ACKS,1",
    "REDIS_PARTITIONS,3"
  })
  void redisSettingsUnderConfigAreRefusedBecauseTheEnvironmentWouldOverrideThem(
      String key, String value) {
    assertRenderFails(
        t -> t.set("config." + key, value),
        "config." + key + " is a Redis setting: set it under redis (see values.yaml)");
  }

  @Test
  void clusterModeRefusesAKeyPrefixWithoutAHashTag() {
    assertRenderFails(
        t ->
            t.withValuesFile(valuesFile("redis: {mode: cluster, cluster: {nodes: [redis-0:6379]}}"))
                .set("config.MUTT_KEY_PREFIX", "mutt"),
        "config.MUTT_KEY_PREFIX must carry a hash tag ({...}) when redis.mode is cluster,"
            + " got \"mutt\"");
  }

  @Test
  void theDefaultImageIsTheOneScriptsImageBuildShBuilds() throws Exception {
    Process p =
        new ProcessBuilder("bash", REPO.resolve("scripts/image/build.sh").toString(), "--print-ref")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor()).as(out).isZero();

    Manifest m = render(t -> t);
    for (String role : ROLES) {
      assertThat(str(container(m.deployment(role)), "image")).as(role).isEqualTo(out);
    }
    assertThat(out).isEqualTo("mutt:2.5");
  }

  // ---------------------------------------------------------------------------------------------
  // retention

  /**
   * The settings of conf/mutt.yaml whose keys match {@code keys} (at least {@code atLeast} of them)
   * render into the default mutt.yaml with MUTT's default values.
   */
  static void assertChartDefaultsAreMuttDefaults(Predicate<String> keys, int atLeast)
      throws IOException {
    Map<String, Object> conf = new Yaml().load(Files.readString(REPO.resolve("conf/mutt.yaml")));
    Map<String, Object> defaults = new LinkedHashMap<>();
    conf.forEach(
        (k, v) -> {
          if (keys.test(k)) {
            defaults.put(k, v);
          }
        });
    assertThat(defaults).hasSizeGreaterThanOrEqualTo(atLeast);

    Map<String, Object> rendered = muttYaml(render(t -> t));
    defaults.forEach((key, value) -> assertThat(rendered).as(key).containsEntry(key, value));
  }

  static Map<String, Object> muttYaml(Manifest m) {
    return new Yaml().load(str(m.get("ConfigMap", "mutt"), "data", "mutt.yaml"));
  }

  @Test
  void everyRetentionSettingHasAValueWhoseDefaultIsMuttsDefault() throws IOException {
    // The RETENTION_* keys and the archive window.
    assertChartDefaultsAreMuttDefaults(
        k -> k.startsWith("RETENTION_") || k.equals("EVENT_ARCHIVE_RETENTION_YEARS"), 12);
  }

  @Test
  void retentionValuesReachMuttYamlAndAreNotSetTwice() {
    Map<String, Object> rendered =
        muttYaml(
            render(
                t ->
                    t.set("retention.enabled", "false")
                        .set("retention.dryRun", "true")
                        .set("retention.eventAuditDays", "30")
                        .set("retention.archiveRetentionYears", "2")
                        .set("retention.configAuditDays", "120")
                        .set("retention.dlqDays", "7")
                        .set("retention.batchSize", "250")
                        .set("retention.precreateMonths", "6")
                        .set("retention.runAt", "03:30")
                        .set("retention.runWindowMinutes", "90")
                        .set("retention.checkIntervalMs", "5000")
                        .set("retention.metricsFile", "/tmp/retention.prom")));

    assertThat(rendered)
        .containsEntry("RETENTION_ENABLED", false)
        .containsEntry("RETENTION_DRY_RUN", true)
        .containsEntry("RETENTION_EVENT_AUDIT_DAYS", 30)
        .containsEntry("EVENT_ARCHIVE_RETENTION_YEARS", 2)
        .containsEntry("RETENTION_AUDIT_DAYS", 120)
        .containsEntry("RETENTION_DLQ_DAYS", 7)
        .containsEntry("RETENTION_BATCH_SIZE", 250)
        .containsEntry("RETENTION_PRECREATE_MONTHS", 6)
        .containsEntry("RETENTION_RUN_AT", "03:30")
        .containsEntry("RETENTION_RUN_WINDOW_MINUTES", 90)
        .containsEntry("RETENTION_CHECK_INTERVAL_MS", 5000)
        .containsEntry("RETENTION_METRICS_FILE", "/tmp/retention.prom");

    assertRenderFails(
        t -> t.set("config.RETENTION_DLQ_DAYS", "5"),
        "config.RETENTION_DLQ_DAYS is a retention setting: set it under retention");
  }

  // ---------------------------------------------------------------------------------------------
  // notifier

  @Test
  void everyNotifierSettingHasAValueWhoseDefaultIsMuttsDefault() throws IOException {
    // NOTIFY_*: the secrets are not among them, and the trust store is a path the chart sets on the
    // pods that mount it.
    assertChartDefaultsAreMuttDefaults(
        k -> k.startsWith("NOTIFY_") && !k.equals("NOTIFY_SMTP_TRUST_STORE"), 13);
  }

  @Test
  void theNotifierIsOffByDefaultAndRunsBesideRemediationWhenEnabled() {
    assertThat(args(render(t -> t), "remediation"))
        .containsExactly("run", "--roles", "remediation,retention");

    Manifest m =
        render(
            t ->
                t.set("notifier.enabled", "true")
                    .set("notifier.intervalMs", "600000")
                    .set("notifier.fallback.severities", "Critical")
                    .set("notifier.fallback.mode", "both")
                    .set("notifier.smtp.host", "smtp.example.net")
                    .set("notifier.smtp.user", "mutt")
                    .set("notifier.smtp.from", "mutt@example.net")
                    .set("notifier.smtp.to", "noc@example.net,oncall@example.net")
                    .set("notifier.smtp.trustStoreSecret.name", "smtp-trust")
                    .set("secrets.values.NOTIFY_SLACK_WEBHOOK_URL", "https://hooks.example/T0/B0/x")
                    .set("secrets.values.NOTIFY_SMTP_PASSWORD", "smtp-pass-1"));

    assertThat(args(m, "remediation"))
        .containsExactly("run", "--roles", "remediation,retention,notifier");
    Map<String, Object> c = container(m.deployment("remediation"));
    assertThat(muttYaml(m))
        .containsEntry("NOTIFY_INTERVAL_MS", 600000)
        .containsEntry("NOTIFY_FALLBACK_SEVERITIES", "Critical")
        .containsEntry("NOTIFY_FALLBACK_MODE", "both")
        .containsEntry("NOTIFY_SMTP_HOST", "smtp.example.net")
        .containsEntry("NOTIFY_SMTP_PORT", 587)
        .containsEntry("NOTIFY_SMTP_TLS", "starttls")
        .containsEntry("NOTIFY_SMTP_USER", "mutt")
        .containsEntry("NOTIFY_SMTP_TO", "noc@example.net,oncall@example.net")
        .doesNotContainKeys("NOTIFY_SLACK_WEBHOOK_URL", "NOTIFY_SMTP_PASSWORD");
    assertThat(env(c))
        .containsEntry("NOTIFY_SMTP_TRUST_STORE", "/etc/mutt/tls/smtp/truststore.p12");
    assertThat(mountPath(c, "smtp-trust")).isEqualTo("/etc/mutt/tls/smtp");
    assertThat(volume(m.deployment("remediation"), "smtp-trust"))
        .extracting(v -> str(v, "secret", "secretName"))
        .isEqualTo("smtp-trust");
    Map<String, Map<String, Object>> refs = secretRefs(c);
    for (String key :
        List.of(
            "NOTIFY_SLACK_WEBHOOK_URL",
            "NOTIFY_SMTP_PASSWORD",
            "NOTIFY_SMTP_TRUST_STORE_PASSWORD")) {
      assertThat(refs).as(key).containsKey(key);
      assertThat(refs.get(key)).containsEntry("key", key).containsEntry("optional", true);
    }
    Map<String, Object> data = map(m.get("Secret", "mutt"), "data");
    assertThat(decode(data.get("NOTIFY_SLACK_WEBHOOK_URL")))
        .isEqualTo("https://hooks.example/T0/B0/x");
    assertThat(decode(data.get("NOTIFY_SMTP_PASSWORD"))).isEqualTo("smtp-pass-1");
    assertThat(data).doesNotContainKey("NOTIFY_SMTP_TRUST_STORE_PASSWORD");
    for (String role : ROLES) {
      assertThat(env(container(m.deployment(role))).values())
          .as(role)
          .noneMatch(
              v -> v instanceof String s && (s.contains("hooks.") || s.contains("smtp-pass")));
      if (!role.equals("remediation")) {
        assertThat(secretRefs(container(m.deployment(role))))
            .as(role)
            .doesNotContainKeys("NOTIFY_SLACK_WEBHOOK_URL", "NOTIFY_SMTP_PASSWORD");
      }
    }
    assertRenderFails(
        t -> t.set("config.NOTIFY_SMTP_HOST", "x"),
        "config.NOTIFY_SMTP_HOST is a notifier setting: set it under notifier");
  }

  @Test
  void autoscalingNeedsAUtilisationTargetAndAConsistentRange() {
    assertRenderFails(
        t ->
            t.set("roles.alerter.autoscaling.enabled", "true")
                .set("roles.alerter.autoscaling.targetCPUUtilizationPercentage", "null"),
        "roles.alerter.autoscaling needs targetCPUUtilizationPercentage");
    assertRenderFails(
        t ->
            t.set("roles.ingest.autoscaling.enabled", "true")
                .set("roles.ingest.autoscaling.minReplicas", "5")
                .set("roles.ingest.autoscaling.maxReplicas", "3"),
        "roles.ingest.autoscaling.minReplicas must not exceed maxReplicas");
  }

  // ---------------------------------------------------------------------------------------------
  // helm test hook and NOTES.txt

  @Test
  void helmTestHookCurlsIngestAndWebHealth(@TempDir Path tmp) throws IOException {
    Path hookFile = CHART.resolve("templates/tests/test-connection.yaml");
    String hook = Files.readString(hookFile);
    assertThat(hook).contains("helm.sh/hook: test");

    // helm-java's template, like `helm install --dry-run`'s manifest, leaves hooks out: render a
    // copy of the chart whose hook annotations are renamed so the Pod shows up in the manifest.
    Path copy = tmp.resolve("mutt");
    copyTree(CHART, copy);
    Files.writeString(
        copy.resolve("templates/tests/test-connection.yaml"),
        hook.replace("helm.sh/hook", "unhooked/hook"));
    Manifest m = renderChart(copy, t -> t);

    Map<String, Object> pod = m.get("Pod", "mutt-test-connection");
    assertThat(map(pod, "metadata", "annotations")).containsEntry("unhooked/hook", "test");
    assertThat(str(pod, "spec", "restartPolicy")).isEqualTo("Never");
    List<Map<String, Object>> containers = maps(pod, "spec", "containers");
    assertThat(containers)
        .extracting(c -> str(c, "name"))
        .containsExactly("ingest-health", "web-health");
    assertThat(containers)
        .allSatisfy(
            c -> {
              assertThat(list(c, "command")).containsExactly("curl");
              assertThat(list(c, "args")).contains("--fail");
            });
    assertThat(list(containers.get(0), "args"))
        .last()
        .isEqualTo("http://mutt-ingest.ops.svc:8080/health");
    assertThat(list(containers.get(1), "args"))
        .last()
        .isEqualTo("http://mutt-web.ops.svc:8090/health");
  }

  @Test
  void notesTellHowToReachMuttAndWarnAboutMissingSettings() {
    String notes = dryRunInstall(Map.of());
    assertThat(notes)
        .contains("deployment/mutt-remediation (1 replica, Recreate)")
        .contains("deployment/mutt-ingest (2 replicas)")
        .contains("kubectl -n ops port-forward svc/mutt-ingest 8080:8080")
        .contains("kubectl -n ops port-forward svc/mutt-web 8090:8090")
        .contains("Redis and PostgreSQL are not part of this chart")
        .contains(
            "Redis      redis:6379 (TLS on, 1 stream partition(s), acknowledgements wait for 0"
                + " replica(s))")
        .contains("WARNING: secrets.values.REDIS_PASS_CURRENT is empty")
        .contains("WARNING: moogsoft.webhookUrl is still the placeholder");

    String configured =
        dryRunInstall(
            Map.of(
                "secrets.existingSecret",
                "mutt-prod-secrets",
                "moogsoft.webhookUrl",
                "https://moog.corp/api/v1/events",
                "cluster.enabled",
                "true",
                "roles.ingest.autoscaling.enabled",
                "true",
                "redis.mode",
                "sentinel",
                "redis.sentinel.hosts[0]",
                "s0:26379",
                "redis.sentinel.hosts[1]",
                "s1:26379",
                "redis.sentinel.masterName",
                "mutt-master",
                "redis.partitions",
                "3",
                "redis.minReplicaAcks",
                "1"));
    assertThat(configured)
        .doesNotContain("WARNING")
        .contains(
            "Redis      master mutt-master of the sentinels s0:26379,s1:26379 (TLS on, 3 stream"
                + " partition(s), acknowledgements wait for 1 replica(s))")
        .contains("Secret \"mutt-prod-secrets\" (existing; not managed by this chart)")
        .contains("deployment/mutt-ingest (HPA 2..10 replicas)")
        .contains("mutt-cluster.ops.svc.cluster.local:5701");
  }

  // ---------------------------------------------------------------------------------------------
  // files shared with conf/

  @ParameterizedTest(name = "helm/mutt/files/{1} is a copy of {0}{1}")
  @CsvSource({
    "conf/prometheus/, mutt-recording-rules.yml",
    "conf/prometheus/, mutt-alert-rules.yml",
    "conf/grafana/, mutt-dashboard.json",
  })
  void chartFilesAreIdenticalToTheirSourcesInConf(String folder, String file) throws IOException {
    Path source = REPO.resolve(folder).resolve(file);
    Path copy = CHART.resolve("files").resolve(file);
    assertThat(Files.readString(copy))
        .as("%s differs from %s: run `cp %s%s helm/mutt/files/`", copy, source, folder, file)
        .isEqualTo(Files.readString(source));
  }

  // =============================================================================================
  // helpers

  record Manifest(List<Map<String, Object>> objects) {
    List<String> kindsAndNames() {
      return objects.stream().map(o -> o.get("kind") + "/" + str(o, "metadata", "name")).toList();
    }

    Map<String, Object> get(String kind, String name) {
      return find(kind, name)
          .orElseThrow(
              () -> new AssertionError("no " + kind + "/" + name + " among " + kindsAndNames()));
    }

    Optional<Map<String, Object>> find(String kind, String name) {
      return objects.stream()
          .filter(o -> kind.equals(o.get("kind")) && name.equals(str(o, "metadata", "name")))
          .findFirst();
    }

    Map<String, Object> deployment(String role) {
      return get("Deployment", "mutt-" + role);
    }
  }

  static Manifest render(UnaryOperator<TemplateCommand> options) {
    return renderChart(CHART, options);
  }

  /** Rendering with these options fails with a message that contains {@code message}. */
  static void assertRenderFails(UnaryOperator<TemplateCommand> options, String message) {
    assertThatThrownBy(() -> render(options)).hasMessageContaining(message);
  }

  @SuppressWarnings("unchecked")
  static Manifest renderChart(Path chart, UnaryOperator<TemplateCommand> options) {
    TemplateCommand base =
        new Helm(chart)
            .template()
            .withName("mutt")
            .withNamespace("ops")
            .withKubeVersion(KUBE_VERSION);
    String yaml = options.apply(base).call();
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(yaml)) {
      if (doc != null) {
        objects.add((Map<String, Object>) doc);
      }
    }
    assertThat(objects).as("rendered objects").isNotEmpty();
    return new Manifest(objects);
  }

  static String dryRunInstall(Map<String, String> sets) {
    var install =
        new Helm(CHART)
            .install()
            .withName("mutt")
            .withNamespace("ops")
            .withKubeVersion(KUBE_VERSION)
            .dryRun()
            .withDryRunOption(DryRun.CLIENT)
            .clientOnly();
    for (Map.Entry<String, String> e : sets.entrySet()) {
      install = install.set(e.getKey(), e.getValue());
    }
    String output = install.call().getOutput();
    int notes = output.indexOf("NOTES:");
    assertThat(notes).as("NOTES in %s", output).isNotNegative();
    return output.substring(notes);
  }

  static String checksum(Manifest m, String annotation) {
    return str(m.deployment("ingest"), "spec", "template", "metadata", "annotations", annotation);
  }

  static Map<String, Object> container(Map<String, Object> deployment) {
    List<Map<String, Object>> containers =
        maps(deployment, "spec", "template", "spec", "containers");
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  /** The command-line arguments of a role's container. */
  static List<Object> args(Manifest m, String role) {
    return list(container(m.deployment(role)), "args");
  }

  static Map<String, Integer> containerPorts(Map<String, Object> container) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    maps(container, "ports")
        .forEach(p -> ports.put(str(p, "name"), (Integer) p.get("containerPort")));
    return ports;
  }

  /** Env as name -> value (String) or valueFrom (Map). Fails on a duplicate name. */
  static Map<String, Object> env(Map<String, Object> container) {
    Map<String, Object> env = new LinkedHashMap<>();
    for (Map<String, Object> e : maps(container, "env")) {
      Object value = e.containsKey("valueFrom") ? e.get("valueFrom") : e.get("value");
      assertThat(env.put(str(e, "name"), value)).as("duplicate env %s", e.get("name")).isNull();
    }
    return env;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> secretRefs(Map<String, Object> container) {
    Map<String, Map<String, Object>> refs = new LinkedHashMap<>();
    env(container)
        .forEach(
            (name, value) -> {
              if (value instanceof Map<?, ?> from && from.containsKey("secretKeyRef")) {
                refs.put(name, (Map<String, Object>) from.get("secretKeyRef"));
              }
            });
    return refs;
  }

  static String mountPath(Map<String, Object> container, String volume) {
    return maps(container, "volumeMounts").stream()
        .filter(v -> volume.equals(v.get("name")))
        .map(v -> str(v, "mountPath"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volumeMount " + volume));
  }

  static Map<String, Object> volume(Map<String, Object> deployment, String name) {
    return maps(deployment, "spec", "template", "spec", "volumes").stream()
        .filter(v -> name.equals(v.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }

  static String decode(Object base64) {
    return new String(Base64.getDecoder().decode((String) base64), StandardCharsets.UTF_8);
  }

  /**
   * Walks maps (String keys) and lists (Integer indexes); fails with the path on a missing step.
   */
  static Object node(Object root, Object... path) {
    Object current = root;
    for (Object step : path) {
      if (step instanceof Integer i && current instanceof List<?> l && i < l.size()) {
        current = l.get(i);
      } else if (step instanceof String k && current instanceof Map<?, ?> m && m.containsKey(k)) {
        current = m.get(k);
      } else {
        throw new AssertionError("missing " + List.of(path) + " at " + step + " in " + current);
      }
    }
    return current;
  }

  static String str(Object root, Object... path) {
    return (String) node(root, path);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object root, Object... path) {
    return (Map<String, Object>) node(root, path);
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object root, Object... path) {
    return (List<Object>) node(root, path);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Object root, Object... path) {
    return (List<Map<String, Object>>) node(root, path);
  }

  static Path testResource(String name) {
    Path p = REPO.resolve("verticles/src/test/resources").resolve(name);
    assertThat(p).isRegularFile();
    return p;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      files.forEach(
          p -> {
            try {
              Path target = to.resolve(from.relativize(p).toString());
              if (Files.isDirectory(p)) {
                Files.createDirectories(target);
              } else {
                Files.copy(p, target);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }
}
