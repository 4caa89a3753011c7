package io.mutt.pipeline.noise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoiseEngineTest {

  private static final Instant T0 = Instant.parse("2026-06-03T10:00:00Z");
  private static final NoiseEvent DB1 =
      new NoiseEvent("db-1.prod.example.com", "%LINK-3-UPDOWN: Gi0/1 down", "NETO", 7);

  private static Matcher m(String kind, String value) {
    return Matcher.of(kind, value, "matchers[0]");
  }

  private static MaintenanceWindow window(long id, Effect effect, Matcher... matchers) {
    return new MaintenanceWindow(
        id,
        "w" + id,
        new Schedule.OneOff(T0.minusSeconds(60), T0.plusSeconds(3600)),
        List.of(matchers),
        effect,
        effect == Effect.DOWNGRADE ? "Minor" : null);
  }

  private static Silence silence(long id, Instant start, Instant expiry, Matcher... matchers) {
    return new Silence(id, List.of(matchers), start, expiry, "ops", "test");
  }

  private static NoiseDecision decide(NoiseEngine engine, NoiseEvent e, Instant t) {
    return engine.decide(e, t.toEpochMilli());
  }

  @Test
  void everyMatcherKindMatchesAndMisses() {
    NoiseEvent e = DB1;
    assertThat(m("hostname", "db-1.prod.example.com").test(e)).isTrue();
    assertThat(m("hostname", "db-1.prod").test(e)).isFalse();
    assertThat(m("hostname_glob", "db-*.prod.example.com").test(e)).isTrue();
    assertThat(m("hostname_glob", "db-?.prod.*").test(e)).isTrue();
    assertThat(m("hostname_glob", "web-*").test(e)).isFalse();
    assertThat(m("hostname_glob", "db-1.prod.example.co?").test(e)).isTrue();
    // dots in a glob are literal
    assertThat(m("hostname_glob", "db-1xprod*").test(e)).isFalse();
    assertThat(m("hostname_regex", "db-[0-9]+\\.prod\\..*").test(e)).isTrue();
    // the regex must match the whole hostname
    assertThat(m("hostname_regex", "db-[0-9]+").test(e)).isFalse();
    assertThat(m("team", "NETO").test(e)).isTrue();
    assertThat(m("team", "neto").test(e)).isFalse();
    assertThat(m("rule_id", "7").test(e)).isTrue();
    assertThat(m("rule_id", "8").test(e)).isFalse();
    assertThat(m("message_contains", "UPDOWN").test(e)).isTrue();
    assertThat(m("message_contains", "updown").test(e)).isFalse();
  }

  @Test
  void matchersOfOneWindowAreAndEd() {
    NoiseEngine engine =
        new NoiseEngine(
            List.of(
                window(1, Effect.SUPPRESS, m("hostname_glob", "db-*"), m("team", "OTHER")),
                window(2, Effect.SUPPRESS, m("hostname_glob", "db-*"), m("rule_id", "7"))),
            List.of());
    NoiseDecision d = decide(engine, DB1, T0);
    assertThat(d.suppressed()).isTrue();
    assertThat(d.id()).isEqualTo(2);
    assertThat(d.audit()).isEqualTo("suppressed by window 2");
  }

  @Test
  void downgradeCarriesTheSeverityAndSuppressionWins() {
    NoiseEngine only =
        new NoiseEngine(List.of(window(3, Effect.DOWNGRADE, m("team", "NETO"))), List.of());
    NoiseDecision d = decide(only, DB1, T0);
    assertThat(d.downgraded()).isTrue();
    assertThat(d.severity()).isEqualTo("Minor");
    assertThat(d.audit()).isEqualTo("downgraded to Minor by window 3");

    NoiseEngine both =
        new NoiseEngine(
            List.of(
                window(3, Effect.DOWNGRADE, m("team", "NETO")),
                window(9, Effect.SUPPRESS, m("message_contains", "Gi0/1"))),
            List.of());
    assertThat(decide(both, DB1, T0).audit()).isEqualTo("suppressed by window 9");
  }

  @Test
  void silenceBeatsWindowAndExpires() {
    Instant expiry = T0.plusSeconds(90);
    NoiseEngine engine =
        new NoiseEngine(
            List.of(window(1, Effect.SUPPRESS, m("hostname", DB1.hostname()))),
            List.of(silence(5, T0.minusSeconds(10), expiry, m("hostname", DB1.hostname()))));
    assertThat(decide(engine, DB1, T0).audit()).isEqualTo("suppressed by silence 5");
    assertThat(decide(engine, DB1, expiry.minusMillis(1)).audit())
        .isEqualTo("suppressed by silence 5");
    // within the same minute, after the expiry: the window, not the silence
    assertThat(decide(engine, DB1, expiry).audit()).isEqualTo("suppressed by window 1");
    assertThat(decide(engine, DB1, T0.minusSeconds(11)).audit())
        .isEqualTo("suppressed by window 1");
    assertThat(decide(engine, DB1, T0.minusSeconds(61)).action())
        .isEqualTo(NoiseDecision.Action.NONE);
  }

  @Test
  void noMatchIsNone() {
    NoiseEngine engine =
        new NoiseEngine(
            List.of(window(1, Effect.SUPPRESS, m("hostname", "other"))),
            List.of(silence(2, T0, T0.plusSeconds(60), m("team", "DB"))));
    assertThat(decide(engine, DB1, T0)).isSameAs(NoiseDecision.NONE);
    assertThat(NoiseEngine.empty().decide(DB1, T0.toEpochMilli())).isSameAs(NoiseDecision.NONE);
  }

  @Test
  void recurringWindowFollowsItsScheduleMinuteByMinute() {
    MaintenanceWindow w =
        new MaintenanceWindow(
            4,
            "nightly",
            new Schedule.Weekly(
                Set.of(DayOfWeek.WEDNESDAY),
                LocalTime.of(12, 0),
                LocalTime.of(12, 2),
                ZoneId.of("Europe/Paris")),
            List.of(m("rule_id", "7")),
            Effect.SUPPRESS,
            null);
    NoiseEngine engine = new NoiseEngine(List.of(w), List.of());
    // 12:00 Paris = 10:00Z in June
    assertThat(decide(engine, DB1, T0.minusMillis(1)).suppressed()).isFalse();
    assertThat(decide(engine, DB1, T0).suppressed()).isTrue();
    assertThat(decide(engine, DB1, T0.plusSeconds(119)).suppressed()).isTrue();
    assertThat(decide(engine, DB1, T0.plusSeconds(120)).suppressed()).isFalse();
    assertThat(engine.openWindows(T0)).containsExactly(w);
  }

  @Test
  void hostPatternsAreIndexedByTheirLiteralPrefix() {
    assertThat(m("hostname_glob", "db-*.prod").hostPrefix()).isEqualTo("db-");
    assertThat(m("hostname_glob", "*.prod").hostPrefix()).isEmpty();
    assertThat(m("hostname_regex", "core-[0-9]+").hostPrefix()).isEqualTo("core-");
    assertThat(m("hostname_regex", "cores?-1").hostPrefix()).isEqualTo("core");
    assertThat(m("hostname_regex", "ab{2}").hostPrefix()).isEqualTo("a");
    assertThat(m("hostname_regex", "a|b").hostPrefix()).isEmpty();
    assertThat(m("hostname_regex", "(?i)db").hostPrefix()).isEmpty();
    assertThat(m("hostname", "db").hostPrefix()).isEmpty();
  }

  /** The indexed engine agrees with a plain scan of every window and silence on random worlds. */
  @Test
  void indexAgreesWithPlainScan() {
    Random r = new Random(42);
    String[] hosts = {"a", "b", "db-1", "db-2", "web-1"};
    String[] teams = {"NETO", "DB", "WEB"};
    for (int world = 0; world < 200; world++) {
      List<MaintenanceWindow> windows = new ArrayList<>();
      List<Silence> silences = new ArrayList<>();
      for (int i = 0; i < 1 + r.nextInt(8); i++) {
        List<Matcher> ms = randomMatchers(r, hosts, teams);
        Instant s = T0.plusSeconds(r.nextInt(240) - 120);
        if (r.nextBoolean()) {
          windows.add(
              new MaintenanceWindow(
                  i + 1,
                  "w",
                  new Schedule.OneOff(s, s.plusSeconds(1 + r.nextInt(200))),
                  ms,
                  r.nextBoolean() ? Effect.SUPPRESS : Effect.DOWNGRADE,
                  "Info"));
        } else {
          silences.add(new Silence(i + 1, ms, s, s.plusSeconds(1 + r.nextInt(200)), "a", "c"));
        }
      }
      NoiseEngine engine = new NoiseEngine(windows, silences);
      for (int k = 0; k < 50; k++) {
        NoiseEvent e =
            new NoiseEvent(
                hosts[r.nextInt(hosts.length)],
                r.nextBoolean() ? "link down" : "disk full",
                teams[r.nextInt(teams.length)],
                1 + r.nextInt(4));
        Instant t = T0.plusSeconds(r.nextInt(400) - 200);
        assertThat(decide(engine, e, t)).isEqualTo(plainScan(windows, silences, e, t));
      }
    }
  }

  private static List<Matcher> randomMatchers(Random r, String[] hosts, String[] teams) {
    List<Matcher> out = new ArrayList<>();
    int n = 1 + r.nextInt(2);
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(8)) {
        case 5 -> out.add(m("hostname_regex", "db-[12]"));
        case 6 -> out.add(m("hostname_regex", "web-1|db-2"));
        case 7 -> out.add(m("hostname_glob", "d?-*"));
        case 0 -> out.add(m("hostname", hosts[r.nextInt(hosts.length)]));
        case 1 -> out.add(m("hostname_glob", "db-*"));
        case 2 -> out.add(m("team", teams[r.nextInt(teams.length)]));
        case 3 -> out.add(m("rule_id", String.valueOf(1 + r.nextInt(4))));
        default -> out.add(m("message_contains", "down"));
      }
    }
    return out;
  }

  private static NoiseDecision plainScan(
      List<MaintenanceWindow> windows, List<Silence> silences, NoiseEvent e, Instant t) {
    NoiseDecision best = NoiseDecision.NONE;
    int bestRank = 99;
    for (Silence s : silences) {
      if (s.activeAt(t) && s.matchers().stream().allMatch(x -> x.test(e))) {
        if (bestRank > 0 || s.id() < best.id()) {
          best = new NoiseDecision(NoiseDecision.Action.SUPPRESS, "silence", s.id(), null, null);
          bestRank = 0;
        }
      }
    }
    for (MaintenanceWindow w : windows) {
      if (w.schedule().activeAt(t) && w.matchers().stream().allMatch(x -> x.test(e))) {
        int rank = w.effect() == Effect.SUPPRESS ? 1 : 2;
        if (rank < bestRank || (rank == bestRank && w.id() < best.id())) {
          bestRank = rank;
          best =
              new NoiseDecision(
                  rank == 1 ? NoiseDecision.Action.SUPPRESS : NoiseDecision.Action.DOWNGRADE,
                  "window",
                  w.id(),
                  w.name(),
                  rank == 1 ? null : w.severity());
        }
      }
    }
    return best;
  }
}
