package io.mutt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** {@code mutt status} prints the Redis topology a role's health reports. */
class StatusTopologyTest {

  @Test
  void status_names_the_mode_and_the_current_masters() {
    JsonObject sentinel =
        new JsonObject()
            .put("mode", "sentinel")
            .put("master_name", "mutt")
            .put(
                "masters",
                new JsonArray()
                    .add(new JsonObject().put("address", "10.0.0.12:6379").put("replicas", 1)));
    assertThat(StatusText.topologyText(sentinel))
        .isEqualTo("sentinel mutt: master 10.0.0.12:6379 (1 replica)");
    JsonObject cluster =
        new JsonObject()
            .put("mode", "cluster")
            .put(
                "masters",
                new JsonArray()
                    .add(new JsonObject().put("address", "a:7001").put("replicas", 1))
                    .add(new JsonObject().put("address", "b:7002").put("replicas", 0)));
    assertThat(StatusText.topologyText(cluster))
        .isEqualTo("cluster: masters a:7001 (1 replica), b:7002 (0 replicas)");
    JsonObject doc =
        new JsonObject()
            .put("host", "127.0.0.1")
            .put("roles", new JsonObject())
            .put("redis_topology", sentinel);
    assertThat(StatusText.render(doc))
        .contains("  redis        sentinel mutt: master 10.0.0.12:6379 (1 replica)");
  }
}
