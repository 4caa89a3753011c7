package io.mutt.traps;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.config.MuttConfig;
import io.mutt.config.Secrets;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class TrapSettingsTest {

  private static TrapSettings settings(JsonObject values) {
    MuttConfig c = new MuttConfig(values);
    return TrapSettings.from(c, new Secrets(c));
  }

  @Test
  void public_is_warned_about_while_it_is_accepted_whether_defaulted_or_spelled_out() {
    assertThat(settings(new JsonObject()).acceptsPublic()).isTrue();
    assertThat(settings(new JsonObject().put("SNMP_TRAP_COMMUNITIES", "public")).acceptsPublic())
        .isTrue();
    assertThat(
            settings(new JsonObject().put("SNMP_TRAP_COMMUNITIES", "noc-ro, public"))
                .acceptsPublic())
        .isTrue();
  }

  @Test
  void communities_of_the_operators_own_are_not_warned_about() {
    TrapSettings s = settings(new JsonObject().put("SNMP_TRAP_COMMUNITIES", "noc-ro,backbone"));
    assertThat(s.acceptsPublic()).isFalse();
    assertThat(s.communities()).containsExactly("noc-ro", "backbone");
  }
}
