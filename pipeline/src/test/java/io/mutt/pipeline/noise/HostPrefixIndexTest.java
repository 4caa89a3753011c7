package io.mutt.pipeline.noise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostPrefixIndexTest {

  static List<String> prefixesOf(HostPrefixIndex<String> index, String host) {
    List<String> out = new ArrayList<>();
    int node = HostPrefixIndex.ROOT;
    for (int i = 0; i < host.length(); i++) {
      node = index.child(node, host.charAt(i));
      if (node < 0) {
        break;
      }
      if (index.value(node) != null) {
        out.add(index.value(node));
      }
    }
    return out;
  }

  @Test
  void a_walk_along_a_hostname_visits_every_stored_prefix_of_it_shortest_first() {
    HostPrefixIndex<String> index =
        HostPrefixIndex.of(
            Map.of("db-", "A", "db-1", "B", "db-12", "C", "web", "D", "db-2", "E", "d", "F"));
    assertThat(prefixesOf(index, "db-123.example.com")).containsExactly("F", "A", "B", "C");
    assertThat(prefixesOf(index, "db-2")).containsExactly("F", "A", "E");
    assertThat(prefixesOf(index, "web-1")).containsExactly("D");
    assertThat(prefixesOf(index, "mail")).isEmpty();
    assertThat(prefixesOf(index, "")).isEmpty();
    assertThat(index.isEmpty()).isFalse();
    assertThat(HostPrefixIndex.<String>empty().isEmpty()).isTrue();
  }
}
