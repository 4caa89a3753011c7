package io.mutt.pipeline.bench;

import io.mutt.pipeline.rules.Rule;
import io.mutt.pipeline.rules.RuleMatcher;
import java.util.List;
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
 * Events matched per second, one thread, for the naive scan and the indexed matcher. One benchmark
 * op = one event. Events cycle through a pre-generated array of 4096: 1 in {@code hitEvery}
 * (default 10) is built to hit a random rule, the rest are realistic lines that hit nothing; a
 * fifth carry a trap OID.
 *
 * <pre>
 * mvn -B -pl pipeline -Pjmh test-compile exec:exec \
 *   -Djmh.args="RuleMatchBenchmark -f 1 -wi 2 -w 2s -i 3 -r 3s"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RuleMatchBenchmark {

  private static final int EVENTS = 4096;

  @Param({"100", "1000", "10000"})
  public int rules;

  @Param({"naive", "indexed"})
  public String matcher;

  /** One event in {@code hitEvery} is built to match a rule; the others match nothing. */
  @Param({"10"})
  public int hitEvery;

  private RuleMatcher ruleMatcher;
  private BenchmarkData.Event[] events;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    List<Rule> ruleSet = BenchmarkData.rules(rules, 42);
    ruleMatcher =
        "naive".equals(matcher) ? RuleMatcher.naive(ruleSet) : RuleMatcher.indexed(ruleSet);
    events = BenchmarkData.events(EVENTS, ruleSet, hitEvery, 7);
  }

  @Benchmark
  public Rule matchOneEvent() {
    BenchmarkData.Event event = events[next];
    next = (next + 1) & (EVENTS - 1);
    return ruleMatcher.match(event.message(), event.trapOid(), event.severity());
  }
}
