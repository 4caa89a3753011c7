package io.mutt.pipeline.clearing;

/** What the clearing and flapping state of a key does with one event (ADR 0038). */
public enum StateAction {
  /** A problem event: forwarded as usual. */
  PROBLEM(true),
  /** A clearing event that closes the key's open alert: forwarded with severity {@code Clear}. */
  CLEAR(true),
  /** A clearing event with no open alert for its key: audited, not forwarded. */
  CLEAR_NOTHING_OPEN(false),
  /** The change that made the key flapping: one alert marked flapping is forwarded. */
  FLAPPING(true),
  /** A change (or repeat) while the key is flapping: audited, not forwarded. */
  SUPPRESSED_FLAPPING(false),
  /** A flapping key stable long enough, last seen in problem: its problem is forwarded. */
  SETTLED_PROBLEM(true),
  /** A flapping key stable long enough, last seen clear: a clear is forwarded. */
  SETTLED_CLEAR(true);

  private final boolean forwards;

  StateAction(boolean forwards) {
    this.forwards = forwards;
  }

  public boolean forwards() {
    return forwards;
  }

  /** Whether the alert goes out with severity {@code Clear}. */
  public boolean clears() {
    return this == CLEAR || this == SETTLED_CLEAR;
  }
}
