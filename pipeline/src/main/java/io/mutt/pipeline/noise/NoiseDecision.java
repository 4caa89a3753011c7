package io.mutt.pipeline.noise;

/**
 * The noise verdict on one matched event: nothing applies, or it is suppressed or downgraded by a
 * window or silence. {@link #audit()} is the text stored in the audit row.
 *
 * @param action what happens to the event
 * @param source {@code window} or {@code silence}; null with {@link Action#NONE}
 * @param id the window's or silence's id
 * @param name the window's name (null for a silence)
 * @param severity the downgraded severity (only with {@link Action#DOWNGRADE})
 */
public record NoiseDecision(Action action, String source, long id, String name, String severity) {

  /** What happens to the event. */
  public enum Action {
    NONE,
    SUPPRESS,
    DOWNGRADE
  }

  public static final NoiseDecision NONE = new NoiseDecision(Action.NONE, null, 0, null, null);

  public boolean suppressed() {
    return action == Action.SUPPRESS;
  }

  public boolean downgraded() {
    return action == Action.DOWNGRADE;
  }

  /**
   * {@code suppressed by silence 7}, {@code suppressed by window 3}, {@code downgraded to Minor by
   * window 3}; null when nothing applied.
   */
  public String audit() {
    switch (action) {
      case SUPPRESS:
        return "suppressed by " + source + " " + id;
      case DOWNGRADE:
        return "downgraded to " + severity + " by " + source + " " + id;
      default:
        return null;
    }
  }
}
