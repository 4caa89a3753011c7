package io.mutt.contract;

/**
 * The layout of a coalescing window in Redis (ADR 0016, docs/reference/redis-keys.md), shared by
 * the alerter that opens windows and counts repeats and the forwarder that closes them.
 *
 * <p>A window is a string key {@code <coalesce prefix><key>} holding {@code <first ms>|<end
 * ms>|<first event id>} (the event id last, so it may hold any character), written with one {@code
 * SET … PX window NX}: opening a window is a single small write. Its repeats, once there are any,
 * are counted in a hash beside it, {@code <window key>:r}, with the fields named here.
 */
public final class CoalescingWindows {

  /** The Lua pattern capturing a window's first ms, end ms and first event id, in that order. */
  public static final String LUA_PATTERN = "^(%d+)|(%d+)|(.*)$";

  /** The suffix of a window's repeat hash. */
  public static final String REPEATS_SUFFIX = ":r";

  private CoalescingWindows() {}

  /** A window's value. */
  public static String value(long firstMs, long endMs, String firstEventId) {
    return firstMs + "|" + endMs + "|" + firstEventId;
  }
}
