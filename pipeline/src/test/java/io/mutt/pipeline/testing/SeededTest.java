package io.mutt.pipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SeededTest {

  private String replayed;

  /**
   * These tests check the runner itself, so a seed given for replaying another test is set aside.
   */
  @BeforeEach
  void setAsideAReplaySeed() {
    replayed = System.clearProperty(Seeded.SEED_PROPERTY);
  }

  @AfterEach
  void restoreTheReplaySeed() {
    if (replayed == null) {
      System.clearProperty(Seeded.SEED_PROPERTY);
    } else {
      System.setProperty(Seeded.SEED_PROPERTY, replayed);
    }
  }

  @Test
  void every_case_runs_with_its_own_seed() {
    Set<Long> firstDraws = new HashSet<>();
    int[] runs = {0};

    Seeded.cases(
        50,
        random -> {
          runs[0]++;
          firstDraws.add(random.nextLong());
        });

    assertThat(runs[0]).isEqualTo(50);
    assertThat(firstDraws).hasSize(50);
  }

  @Test
  void a_failure_names_the_seed_and_that_seed_replays_the_same_draws() {
    List<Long> seen = new ArrayList<>();
    AssertionError failure =
        (AssertionError)
            catchFailure(
                () ->
                    Seeded.cases(
                        10,
                        random -> {
                          long draw = random.nextLong();
                          seen.add(draw);
                          assertThat(seen).hasSizeLessThan(3);
                        }));

    String message = failure.getMessage();
    assertThat(message).startsWith("case 3 of 10 failed with seed ").contains("-Dmutt.seed=");
    Matcher seedText = Pattern.compile("failed with seed (-?\\d+) ").matcher(message);
    assertThat(seedText.find()).isTrue();
    long seed = Long.parseLong(seedText.group(1));
    assertThat(new Random(seed).nextLong()).isEqualTo(seen.get(2));
  }

  @Test
  void the_seed_property_runs_exactly_one_case_with_that_seed() {
    List<Long> seen = new ArrayList<>();
    System.setProperty(Seeded.SEED_PROPERTY, "12345");
    Seeded.cases(100, random -> seen.add(random.nextLong()));

    assertThat(seen).containsExactly(new Random(12345).nextLong());
  }

  @Test
  void ranges_are_inclusive_and_their_ends_are_reached() {
    Random random = new Random(7);
    Set<Integer> ints = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      ints.add(Seeded.intBetween(random, 3, 9));
    }
    assertThat(ints).containsExactlyInAnyOrder(3, 4, 5, 6, 7, 8, 9);

    Set<Long> extremes = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      extremes.add(Seeded.longBetween(random, Long.MAX_VALUE - 2, Long.MAX_VALUE));
      extremes.add(Seeded.longBetween(random, Long.MIN_VALUE, Long.MIN_VALUE + 1));
    }
    assertThat(extremes)
        .containsExactlyInAnyOrder(
            Long.MAX_VALUE - 2,
            Long.MAX_VALUE - 1,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            Long.MIN_VALUE + 1);
  }

  @Test
  void strings_and_lists_keep_their_bounds() {
    Random random = new Random(11);
    for (int i = 0; i < 500; i++) {
      assertThat(Seeded.string(random, "ab", 2, 4)).matches("[ab]{2,4}");
      assertThat(Seeded.list(random, 1, 3, r -> r.nextInt(5))).hasSizeBetween(1, 3);
    }
    assertThatThrownBy(() -> Seeded.oneOf(random, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Throwable catchFailure(Runnable body) {
    try {
      body.run();
    } catch (AssertionError e) {
      return e;
    }
    throw new AssertionError("expected a failing case");
  }
}
