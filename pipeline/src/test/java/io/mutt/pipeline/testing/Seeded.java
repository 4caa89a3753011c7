package io.mutt.pipeline.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Property checks as plain JUnit tests: a body runs once per case with its own {@link Random},
 * seeded from a fresh seed per case. When a case fails, the assertion message names that seed, and
 * running the test again with {@code -Dmutt.seed=<seed>} runs exactly that case.
 *
 * <p>The generators lean towards the ends of their ranges (one draw in eight is an edge value), as
 * off-by-one faults live there and a uniform draw rarely reaches them.
 */
public final class Seeded {

  /** System property that replays one case with the seed a failure printed. */
  public static final String SEED_PROPERTY = "mutt.seed";

  private static final int EDGE_ONE_IN = 8;

  private Seeded() {}

  /** Runs {@code body} for {@code count} cases, or once when {@value #SEED_PROPERTY} is set. */
  public static void cases(int count, Consumer<Random> body) {
    if (replaying()) {
      runCase(Long.parseLong(System.getProperty(SEED_PROPERTY).trim()), 1, 1, body);
      return;
    }
    SplittableRandom seeds = new SplittableRandom();
    for (int i = 1; i <= count; i++) {
      runCase(seeds.nextLong(), i, count, body);
    }
  }

  /**
   * True when one case is being replayed: checks over the whole run (how often a branch was taken)
   * mean nothing then and are skipped.
   */
  public static boolean replaying() {
    String fixed = System.getProperty(SEED_PROPERTY);
    return fixed != null && !fixed.isBlank();
  }

  private static void runCase(long seed, int index, int count, Consumer<Random> body) {
    try {
      body.accept(new Random(seed));
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(
          "case "
              + index
              + " of "
              + count
              + " failed with seed "
              + seed
              + " (replay it with -D"
              + SEED_PROPERTY
              + "="
              + seed
              + "): "
              + e.getMessage(),
          e);
    }
  }

  /** An int in {@code [min, max]}, inclusive at both ends. */
  public static int intBetween(Random random, int min, int max) {
    return (int) longBetween(random, min, max);
  }

  /** A long in {@code [min, max]}, inclusive at both ends. */
  public static long longBetween(Random random, long min, long max) {
    if (random.nextInt(EDGE_ONE_IN) == 0) {
      long[] edges = {min, max, Math.min(min + 1, max), Math.max(max - 1, min)};
      return edges[random.nextInt(edges.length)];
    }
    if (max < Long.MAX_VALUE) {
      return random.nextLong(min, max + 1);
    }
    return min == Long.MIN_VALUE ? random.nextLong() : random.nextLong(min - 1, max) + 1;
  }

  /** Any long, zero, one, minus one and both extremes included. */
  public static long anyLong(Random random) {
    if (random.nextInt(EDGE_ONE_IN) == 0) {
      long[] edges = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE};
      return edges[random.nextInt(edges.length)];
    }
    return random.nextLong();
  }

  /** Any int, zero, one, minus one and both extremes included. */
  public static int anyInt(Random random) {
    if (random.nextInt(EDGE_ONE_IN) == 0) {
      int[] edges = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};
      return edges[random.nextInt(edges.length)];
    }
    return random.nextInt();
  }

  /** A double in {@code [min, max]}, both ends included. */
  public static double doubleBetween(Random random, double min, double max) {
    if (random.nextInt(EDGE_ONE_IN) == 0) {
      return random.nextBoolean() ? min : max;
    }
    return min + (max - min) * random.nextDouble();
  }

  /** One element of {@code choices}. */
  public static <T> T oneOf(Random random, List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  /** A string of {@code minLength..maxLength} characters drawn from {@code alphabet}. */
  public static String string(Random random, String alphabet, int minLength, int maxLength) {
    int length = intBetween(random, minLength, maxLength);
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  /** A list of {@code minSize..maxSize} elements, each made by {@code element}. */
  public static <T> List<T> list(
      Random random, int minSize, int maxSize, Function<Random, T> element) {
    int size = intBetween(random, minSize, maxSize);
    List<T> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(element.apply(random));
    }
    return out;
  }
}
