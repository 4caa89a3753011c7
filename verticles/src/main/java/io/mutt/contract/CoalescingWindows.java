package io.mutt.contract;

/**
 * The layout of a coalescing window in Redis (ADR 0016, docs/reference/redis-keys.md), shared by
 * the alerter that opens windows and counts repeats and the forwarder that closes them.
 *
 * <p>A window is a string key {@code <coalesce prefix><key>} holding {@code <first ms>|<end
 * ms>|<first event id>} (the event id last, so it may hold any character), written with one {@code
 * SET … PX window NX}: opening a window is a single small write. Its repeats, once there are any,
 * are counted in a hash beside it, {@code <window key>:r} ({@code n}, {@code total}, {@code last},
 * {@code last_ms}).
 */
public final class CoalescingWindows {

  /**
   * The Lua functions every script that touches windows starts with, so the layout is written and
   * read in one place: {@code window_value(first_ms, end_ms, first_id)} is a window's value; {@code
   * read_window(key)} answers {@code ok, first_ms, end_ms, first_id}: {@code ok} false when the key
   * holds something else (an earlier build's hash), the rest nil when there is no window.
   */
  public static final String LUA_FUNCTIONS =
      """
      local function window_value(first_ms, end_ms, first_id)
        return first_ms .. '|' .. end_ms .. '|' .. first_id
      end
      local function read_window(key)
        local ok, w = pcall(redis.call, 'GET', key)
        if ok and w then
          return true, string.match(w, '^(%d+)|(%d+)|(.*)$')
        end
        return ok
      end
      """;

  /** The suffix of a window's repeat hash. */
  public static final String REPEATS_SUFFIX = ":r";

  private CoalescingWindows() {}
}
