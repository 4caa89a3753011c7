package io.mutt.contract;

/**
 * The layout of a coalescing window in Redis (ADR 0016, docs/reference/redis-keys.md), shared by
 * the alerter that opens windows and counts repeats and the forwarder that closes them.
 *
 * <p>A window's value is {@code <first ms>|<end ms>|<first event id>} (the event id last, so it may
 * hold any character). A key's first alert opens its window as one field of the hash of the windows
 * opened in the same window length ({@code <coalesce prefix>open:<window ms>:<now ÷ window>}, which
 * expires once every window in it has ended): a key that never repeats costs one hash field, not a
 * key with a TTL of its own. At its first repeat the window moves to a string key of its own,
 * {@code <coalesce prefix><key>}, which stays until the forwarder's flusher closes it, and its
 * repeats are counted in a hash beside it, {@code <window key>:r} ({@code n}, {@code total}, {@code
 * last}, {@code last_ms}). The flusher starts the next window in the string key ({@code SET … PX
 * window}).
 */
public final class CoalescingWindows {

  /**
   * The Lua functions every script that touches windows starts with, so the layout is written and
   * read in one place: {@code window_value(first_ms, end_ms, first_id)} is a window's value and
   * {@code parse_window(value)} splits one; {@code read_window(key)} answers {@code ok, first_ms,
   * end_ms, first_id}: {@code ok} false when the key holds something else (an earlier build's
   * hash), the rest nil when there is no window; {@code batch_get(command, hash, names)} is one
   * {@code MGET} (hash nil) or {@code HMGET} of many names, a thousand a call; {@code
   * open_windows(keys, cur, prev, now)} finds the open window of each of many keys with one {@code
   * MGET} of their own keys and one {@code HMGET} of each open-window hash ({@code cur}, {@code
   * prev}: of the current and the previous window length) and answers per key {@code {first_ms,
   * end_ms, first_id, own}} ({@code own}: in its own key) or false.
   */
  public static final String LUA_FUNCTIONS =
      """
      local function window_value(first_ms, end_ms, first_id)
        return first_ms .. '|' .. end_ms .. '|' .. first_id
      end
      local function parse_window(w)
        return string.match(w, '^(%d+)|(%d+)|(.*)$')
      end
      local function read_window(key)
        local ok, w = pcall(redis.call, 'GET', key)
        if ok and w then
          return true, parse_window(w)
        end
        return ok
      end
      local function batch_get(command, hash, names)
        if #names <= 1000 then
          if hash then
            return redis.call(command, hash, unpack(names))
          end
          return redis.call(command, unpack(names))
        end
        local out = {}
        for from = 1, #names, 1000 do
          local part = {unpack(names, from, math.min(#names, from + 999))}
          local got = batch_get(command, hash, part)
          for j = 1, #part do
            out[from + j - 1] = got[j]
          end
        end
        return out
      end
      local function as_window(v, own, now)
        if v then
          local first_ms, end_ms, first = parse_window(v)
          if first and (own or tonumber(end_ms) > now) then
            return {first_ms, end_ms, first, own}
          end
        end
        return false
      end
      local function open_windows(keys, cur, prev, now)
        local out = {}
        if #keys == 0 then
          return out
        end
        local own = batch_get('MGET', nil, keys)
        local c = batch_get('HMGET', cur, keys)
        local p = batch_get('HMGET', prev, keys)
        for j = 1, #keys do
          if own[j] then
            out[j] = as_window(own[j], true, now)
          else
            out[j] = as_window(c[j], false, now) or as_window(p[j], false, now)
          end
        end
        return out
      end
      """;

  /** The suffix of a window's repeat hash. */
  public static final String REPEATS_SUFFIX = ":r";

  private CoalescingWindows() {}
}
