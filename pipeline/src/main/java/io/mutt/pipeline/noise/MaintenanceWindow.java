package io.mutt.pipeline.noise;

import java.util.List;

/**
 * A scheduled maintenance window: while its {@link Schedule} is open, matched events meeting all
 * its matchers are suppressed or downgraded to {@code severity}.
 */
public record MaintenanceWindow(
    long id,
    String name,
    Schedule schedule,
    List<Matcher> matchers,
    Effect effect,
    String severity) {

  public MaintenanceWindow {
    matchers = List.copyOf(matchers);
  }
}
