package io.mutt.pipeline.traps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mutt.pipeline.traps.TrapMessage.V1Header;
import io.mutt.pipeline.traps.TrapMessage.Varbind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3584 §3.1 trap OIDs, the OID name table, and the event a notification becomes. */
class TrapEventsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void rfc3584_v1_trap_oids() {
    assertThat(TrapMessage.v1TrapOid("1.3.6.1.4.1.9", 0, 0)).isEqualTo("1.3.6.1.6.3.1.1.5.1");
    assertThat(TrapMessage.v1TrapOid("1.3.6.1.4.1.9", 2, 0)).isEqualTo("1.3.6.1.6.3.1.1.5.3");
    assertThat(TrapMessage.v1TrapOid(".1.3.6.1.4.1.9.9.41.2", 6, 1))
        .isEqualTo("1.3.6.1.4.1.9.9.41.2.0.1");
  }

  @Test
  void oid_names_use_the_longest_prefix() {
    OidNames names =
        OidNames.parse(
            "# comment\n.1.3.6.1.6.3.1.1.5.3 linkDown\n1.3.6.1.2.1.2.2.1.1 ifIndex  # instance\n");
    assertThat(names.name("1.3.6.1.6.3.1.1.5.3")).isEqualTo("linkDown");
    assertThat(names.name("1.3.6.1.2.1.2.2.1.1.7")).isEqualTo("ifIndex.7");
    assertThat(names.name("1.3.6.1.4.1")).isNull();
    assertThatThrownBy(() -> OidNames.parse("linkDown 1.3.6")).hasMessageContaining("line 1");
  }

  @Test
  void v2c_trap_with_sysname_and_names() throws Exception {
    TrapMessage t =
        new TrapMessage(
            "v2c",
            "192.0.2.9",
            "1.3.6.1.6.3.1.1.5.3",
            4200,
            null,
            null,
            false,
            List.of(
                new Varbind("1.3.6.1.2.1.2.2.1.1.3", "Integer32", "3"),
                new Varbind("1.3.6.1.2.1.1.5.0", "OctetString", "core-rtr-01")));
    OidNames names = OidNames.parse("1.3.6.1.6.3.1.1.5.3 linkDown\n1.3.6.1.2.1.2.2.1.1 ifIndex\n");
    JsonNode e = JSON.readTree(TrapEvents.encode(t, names, "2026-03-10T12:00:00Z", "c", "e"));
    assertThat(e.get("hostname").asText()).isEqualTo("core-rtr-01");
    assertThat(e.get("message").asText())
        .isEqualTo("linkDown ifIndex.3=3 1.3.6.1.2.1.1.5.0=core-rtr-01");
    assertThat(e.get("trap_oid").asText()).isEqualTo("1.3.6.1.6.3.1.1.5.3");
    assertThat(e.get("trap_name").asText()).isEqualTo("linkDown");
    assertThat(e.get("source").asText()).isEqualTo("snmp");
    assertThat(e.get("uptime").asLong()).isEqualTo(4200);
    assertThat(e.at("/varbinds/1.3.6.1.2.1.2.2.1.1.3/type").asText()).isEqualTo("Integer32");
    assertThat(e.at("/varbinds/1.3.6.1.2.1.2.2.1.1.3/value").asText()).isEqualTo("3");
    assertThat(e.get("timestamp").asText()).isEqualTo("2026-03-10T12:00:00Z");
    assertThat(e.has("inform")).isFalse();
  }

  @Test
  void v1_trap_host_is_the_agent_address() throws Exception {
    TrapMessage t =
        new TrapMessage(
            "v1",
            "192.0.2.9",
            TrapMessage.v1TrapOid("1.3.6.1.4.1.9.9.41.2", 6, 1),
            -1,
            new V1Header("1.3.6.1.4.1.9.9.41.2", "10.0.0.1", 6, 1),
            null,
            false,
            List.of());
    JsonNode e = JSON.readTree(TrapEvents.encode(t, OidNames.NONE, "t", "c", "e"));
    assertThat(e.get("hostname").asText()).isEqualTo("10.0.0.1");
    assertThat(e.get("message").asText()).isEqualTo("1.3.6.1.4.1.9.9.41.2.0.1");
    assertThat(e.get("generic_trap").asInt()).isEqualTo(6);
    assertThat(e.has("uptime")).isFalse();
  }
}
