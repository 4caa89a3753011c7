package io.mutt.pipeline.bench;

import io.mutt.pipeline.noise.NoiseDecision;
import io.mutt.pipeline.noise.NoiseEngine;
import io.mutt.pipeline.noise.NoiseEvent;
import io.mutt.pipeline.rules.Rule;
import io.mutt.pipeline.rules.RuleMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The ratio of {@link NoiseMatchBenchmark} ({@code on} ÷ {@code off} throughput) measured with the
 * two configurations interleaved in one JVM: rounds of the same per-event decision (10,000 indexed
 * rules; then, for a matched event, the noise decision with no windows or with 1,000 windows and
 * 1,000 silences) alternate between the two, so a change in the machine's load affects both alike.
 * On a shared machine JMH measures one configuration after the other and the load drifts in
 * between; this gives the ratio those runs cannot. Prints the median of the per-pair ratios.
 *
 * <pre>
 * mvn -B -pl pipeline -Pjmh test-compile exec:exec \
 *   -Djmh.args="-cp %classpath io.mutt.pipeline.bench.NoiseRatio 40"
 * </pre>
 *
 * (or {@code java -cp <test classpath> io.mutt.pipeline.bench.NoiseRatio [pairs]}).
 */
public final class NoiseRatio {

  private static final int EVENTS = 4096;
  private static final int PASSES = 50;

  private NoiseRatio() {}

  public static void main(String[] args) {
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    List<Rule> rules = BenchmarkData.rules(10_000, 42);
    RuleMatcher matcher = RuleMatcher.indexed(rules);
    BenchmarkData.Event[] events = BenchmarkData.events(EVENTS, rules, 10, 7);
    Random r = new Random(11);
    String[] hosts = new String[EVENTS];
    for (int i = 0; i < EVENTS; i++) {
      hosts[i] = "host-" + r.nextInt(5000) + ".example.com";
    }
    NoiseEngine on = NoiseMatchBenchmark.world(r, 10_000);
    NoiseEngine off = NoiseEngine.empty();
    long sink = 0;
    for (int warm = 0; warm < 10; warm++) {
      sink += round(matcher, events, hosts, warm % 2 == 0 ? on : off)[1];
    }
    List<Double> ratios = new ArrayList<>();
    double offNs = 0;
    double onNs = 0;
    for (int p = 0; p < pairs; p++) {
      // alternate which goes first, so neither always follows the other
      long[] a = round(matcher, events, hosts, p % 2 == 0 ? off : on);
      long[] b = round(matcher, events, hosts, p % 2 == 0 ? on : off);
      long offTime = p % 2 == 0 ? a[0] : b[0];
      long onTime = p % 2 == 0 ? b[0] : a[0];
      sink += a[1] + b[1];
      ratios.add((double) offTime / onTime);
      offNs += offTime;
      onNs += onTime;
    }
    Collections.sort(ratios);
    double n = (double) pairs * PASSES * EVENTS;
    System.out.printf(
        "off %.0f events/s, on %.0f events/s; on/off: median %.3f, min %.3f, max %.3f over %d"
            + " interleaved pairs (%d)%n",
        n / (offNs / 1e9),
        n / (onNs / 1e9),
        ratios.get(pairs / 2),
        ratios.get(0),
        ratios.get(pairs - 1),
        pairs,
        sink % 10);
  }

  /** One round: every event {@value #PASSES} times; answers {elapsed ns, a checksum}. */
  private static long[] round(
      RuleMatcher matcher, BenchmarkData.Event[] events, String[] hosts, NoiseEngine engine) {
    long sum = 0;
    long t0 = System.nanoTime();
    for (int pass = 0; pass < PASSES; pass++) {
      for (int i = 0; i < EVENTS; i++) {
        BenchmarkData.Event event = events[i];
        Rule rule = matcher.match(event.message(), event.trapOid(), event.severity());
        if (rule != null) {
          NoiseDecision d =
              engine.decide(
                  new NoiseEvent(hosts[i], event.message(), rule.teamAssignment(), rule.id()),
                  System.currentTimeMillis());
          sum += d.id() + 1;
        }
      }
    }
    return new long[] {System.nanoTime() - t0, sum};
  }
}
