package io.mutt.pipeline.rules.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.testing.Seeded;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrefixTrieTest {

  @Test
  void the_smallest_value_among_keys_that_prefix_the_text_wins() {
    PrefixTrie trie =
        PrefixTrie.of(Map.of("1.3.6.1.4.1.9", 7, "1.3.6.1.4.1.9.9.41.2", 3, "1.3.6.1.6", 1));

    assertThat(trie.minValueOfPrefixesOf("1.3.6.1.4.1.9.9.41.2.0.1")).isEqualTo(3);
    assertThat(trie.minValueOfPrefixesOf("1.3.6.1.4.1.9.2.2.1.1.0")).isEqualTo(7);
    assertThat(trie.minValueOfPrefixesOf("1.3.6.1.4.1.99")).isEqualTo(7);
    assertThat(trie.minValueOfPrefixesOf("1.3.6.1.2.1")).isEqualTo(PrefixTrie.NONE);
  }

  @Test
  void the_empty_key_prefixes_every_text() {
    PrefixTrie trie = PrefixTrie.of(Map.of("", 4, "1.3", 2));

    assertThat(trie.minValueOfPrefixesOf("")).isEqualTo(4);
    assertThat(trie.minValueOfPrefixesOf("2.5")).isEqualTo(4);
    assertThat(trie.minValueOfPrefixesOf("1.3.6")).isEqualTo(2);
  }

  @Test
  void an_empty_trie_finds_nothing() {
    assertThat(PrefixTrie.of(Map.of()).minValueOfPrefixesOf("1.3")).isEqualTo(PrefixTrie.NONE);
  }

  @Test
  void agrees_with_checking_every_key() {
    Seeded.cases(
        300,
        random -> {
          Map<String, Integer> entries = new HashMap<>();
          int size = Seeded.intBetween(random, 0, 10);
          for (int i = 0; i < size; i++) {
            entries.put(Seeded.string(random, "0123", 0, 4), Seeded.anyInt(random));
          }
          String text = Seeded.string(random, "0123abcXYZ", 0, 8);
          int expected =
              entries.entrySet().stream()
                  .filter(e -> text.startsWith(e.getKey()))
                  .mapToInt(Map.Entry::getValue)
                  .min()
                  .orElse(PrefixTrie.NONE);

          assertThat(PrefixTrie.of(entries).minValueOfPrefixesOf(text))
              .as("%s in %s", text, entries)
              .isEqualTo(expected);
        });
  }
}
