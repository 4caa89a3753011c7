package io.mutt.pipeline.bench;

import io.mutt.pipeline.noise.Effect;
import io.mutt.pipeline.noise.MaintenanceWindow;
import io.mutt.pipeline.noise.Matcher;
import io.mutt.pipeline.noise.NoiseDecision;
import io.mutt.pipeline.noise.NoiseEngine;
import io.mutt.pipeline.noise.NoiseEvent;
import io.mutt.pipeline.noise.Schedule;
import io.mutt.pipeline.noise.Silence;
import io.mutt.pipeline.rules.Rule;
import io.mutt.pipeline.rules.RuleMatcher;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The alerter's per-event decision with 10,000 indexed rules, without ({@code off}) and with
 * ({@code on}) 1,000 open maintenance windows and 1,000 active silences: rule match, then for a
 * matched event the noise decision at the current time. Windows mix every matcher kind (exact
 * hostname 50 %, rule id 20 %, team 10 %, glob 10 %, regex with message 10 %) and schedule kind
 * (one-off, weekly all week, cron every minute); silences are on exact hostnames.
 *
 * <pre>
 * mvn -B -pl pipeline -Pjmh test-compile exec:exec \
 *   -Djmh.args="NoiseMatchBenchmark -f 1 -wi 2 -w 2s -i 3 -r 3s"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NoiseMatchBenchmark {

  private static final int EVENTS = 4096;
  private static final int HOSTS = 5000;

  @Param({"10000"})
  public int rules;

  @Param({"off", "on"})
  public String noise;

  private RuleMatcher matcher;
  private NoiseEngine engine;
  private BenchmarkData.Event[] events;
  private String[] hosts;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    List<Rule> ruleSet = BenchmarkData.rules(rules, 42);
    matcher = RuleMatcher.indexed(ruleSet);
    events = BenchmarkData.events(EVENTS, ruleSet, 10, 7);
    Random r = new Random(11);
    hosts = new String[EVENTS];
    for (int i = 0; i < EVENTS; i++) {
      hosts[i] = "host-" + r.nextInt(HOSTS) + ".example.com";
    }
    engine = "on".equals(noise) ? world(r, rules) : NoiseEngine.empty();
  }

  static NoiseEngine world(Random r, int rules) {
    Instant now = Instant.now();
    ZoneId zone = ZoneId.of("Europe/Paris");
    List<MaintenanceWindow> windows = new ArrayList<>();
    for (int i = 1; i <= 1000; i++) {
      Matcher m;
      int k = r.nextInt(10);
      if (k < 5) {
        m = Matcher.of("hostname", "host-" + r.nextInt(HOSTS) + ".example.com", "m");
      } else if (k < 7) {
        m = Matcher.of("rule_id", String.valueOf(1 + r.nextInt(rules)), "m");
      } else if (k < 8) {
        m = Matcher.of("team", "TEAM" + r.nextInt(50), "m");
      } else if (k < 9) {
        m = Matcher.of("hostname_glob", "host-" + r.nextInt(HOSTS) + "*.example.com", "m");
      } else {
        m = Matcher.of("hostname_regex", "host-" + r.nextInt(HOSTS) + "[0-9]\\.example\\.com", "m");
      }
      List<Matcher> ms = new ArrayList<>(List.of(m));
      if (k == 9) {
        ms.add(Matcher.of("message_contains", "LINK", "m"));
      }
      Schedule s =
          switch (i % 3) {
            case 0 -> new Schedule.OneOff(now.minusSeconds(3600), now.plusSeconds(86_400));
            case 1 ->
                new Schedule.Weekly(
                    EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, zone);
            default ->
                new Schedule.CronSchedule("* * * * *", java.time.Duration.ofMinutes(1), zone);
          };
      windows.add(
          new MaintenanceWindow(
              i, "w" + i, s, ms, i % 2 == 0 ? Effect.SUPPRESS : Effect.DOWNGRADE, "Minor"));
    }
    List<Silence> silences = new ArrayList<>();
    for (int i = 1; i <= 1000; i++) {
      silences.add(
          new Silence(
              i,
              List.of(Matcher.of("hostname", "host-" + r.nextInt(HOSTS) + ".example.com", "m")),
              now.minusSeconds(60),
              now.plusSeconds(86_400),
              "bench",
              "bench"));
    }
    return new NoiseEngine(windows, silences);
  }

  @Benchmark
  public Object decideOneEvent() {
    int i = next;
    next = (next + 1) & (EVENTS - 1);
    BenchmarkData.Event event = events[i];
    Rule rule = matcher.match(event.message(), event.trapOid(), event.severity());
    if (rule == null) {
      return null;
    }
    NoiseDecision d =
        engine.decide(
            new NoiseEvent(hosts[i], event.message(), rule.teamAssignment(), rule.id()),
            System.currentTimeMillis());
    return d;
  }
}
