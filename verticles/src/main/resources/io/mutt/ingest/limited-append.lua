-- MUTT ingest: shared sliding-window limit (SPEC 4.4) and the durable append (SPEC 4.3 step 6) in one atomic step,
-- so a refused request enqueues nothing and an accepted one costs a single round trip (ADR 0007).
-- KEYS[1] limiter sorted set, KEYS[2] ingest stream, KEYS[3..5] minute / hour / day dashboard counters
-- ARGV[1] max events per window, ARGV[2] window seconds, ARGV[3] limiter TTL ms, ARGV[4] unique member prefix,
-- ARGV[5] stream field name, ARGV[6..8] counter TTLs (s), ARGV[9..] the event payloads
-- Returns {1, events in window after} when appended, {0, events in window} when refused.
-- Every check precedes the first write; limiter errors (e.g. a key of the wrong type) allow (SPEC 4.4).
local n = #ARGV - 8
local t = redis.call('TIME')
local score = string.format('%d.%06d', tonumber(t[1]), tonumber(t[2]))
local cutoff = string.format('%.6f', tonumber(t[1]) + tonumber(t[2]) / 1000000 - tonumber(ARGV[2]))
local limiting = true
local inWindow = 0
local trimmed = redis.pcall('ZREMRANGEBYSCORE', KEYS[1], '-inf', cutoff)
if type(trimmed) == 'table' and trimmed['err'] then
  limiting = false
else
  inWindow = redis.call('ZCARD', KEYS[1])
  if inWindow + n > tonumber(ARGV[1]) then
    return {0, inWindow}
  end
end
for i = 1, n do
  redis.call('XADD', KEYS[2], '*', ARGV[5], ARGV[8 + i])
end
if limiting then
  local args = {}
  for i = 1, n do
    args[#args + 1] = score
    args[#args + 1] = score .. ':' .. ARGV[4] .. ':' .. i
    if #args >= 200 then
      redis.call('ZADD', KEYS[1], unpack(args))
      args = {}
    end
  end
  if #args > 0 then
    redis.call('ZADD', KEYS[1], unpack(args))
  end
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
for k = 3, 5 do
  if redis.call('INCRBY', KEYS[k], n) == n then
    redis.call('EXPIRE', KEYS[k], ARGV[3 + k])
  end
end
return {1, inWindow + n}
