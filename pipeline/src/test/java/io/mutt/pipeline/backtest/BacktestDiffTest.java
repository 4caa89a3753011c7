package io.mutt.pipeline.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BacktestDiffTest {

  private static final Outcome[] OUTCOMES = {
    Outcome.UNHANDLED,
    new Outcome(1, "NETO", true, null),
    new Outcome(1, "NETO", false, "silence 3"),
    new Outcome(2, "DB", true, null),
    new Outcome(-1, "NETO", true, null),
  };

  @Test
  void parts_merged_in_order_give_the_diff_of_one_pass() {
    Random random = new Random(11);
    BacktestDiff whole = new BacktestDiff(3);
    BacktestDiff merged = new BacktestDiff(3);
    BacktestDiff part = new BacktestDiff(3);
    for (int i = 0; i < 5000; i++) {
      Outcome before = OUTCOMES[random.nextInt(OUTCOMES.length)];
      Outcome after = random.nextInt(3) == 0 ? OUTCOMES[random.nextInt(OUTCOMES.length)] : before;
      boolean unmatched = random.nextInt(7) == 0;
      for (BacktestDiff d : List.of(whole, part)) {
        if (unmatched) {
          d.unmatchedRecorded();
        }
        if (before.equals(after) && d == part) {
          d.unchanged();
        } else {
          d.add("c" + i, "t" + i, "h" + i, before, after);
        }
      }
      if (random.nextInt(400) == 0) {
        merged.merge(part);
        part = new BacktestDiff(3);
      }
    }
    merged.merge(part);

    assertThat(merged.events()).isEqualTo(whole.events()).isEqualTo(5000);
    assertThat(merged.changed()).isEqualTo(whole.changed()).isPositive();
    assertThat(merged.unmatched()).isEqualTo(whole.unmatched()).isPositive();
    assertThat(merged.changes()).hasSameSizeAs(whole.changes());
    for (int i = 0; i < whole.changes().size(); i++) {
      BacktestDiff.Change w = whole.changes().get(i);
      BacktestDiff.Change m = merged.changes().get(i);
      assertThat(m.name).isEqualTo(w.name);
      assertThat(m.count).isEqualTo(w.count);
      assertThat(m.examples).isEqualTo(w.examples).hasSize(3);
    }
  }
}
