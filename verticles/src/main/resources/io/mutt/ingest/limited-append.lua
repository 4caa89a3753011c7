-- MUTT ingest: the shared sliding-window limit and the durable append (docs/reference/http-api.md) in one atomic
-- call for all requests of one event-loop turn (ADR 0007): each request, in order, is admitted iff its events fit
-- in the window; an admitted request's events are appended and recorded in the window, a refused one writes nothing.
-- KEYS[1] limiter sorted set, KEYS[2] ingest stream, KEYS[3..2+C] the C dashboard counters (minute / hour / day of
-- all events, then minute / day / total of the source)
-- ARGV[1] max events per window, ARGV[2] window seconds, ARGV[3] limiter TTL ms, ARGV[4] unique member prefix,
-- ARGV[5] stream field name, ARGV[6] number of requests R, ARGV[7..6+C] counter TTLs (s, 0 = none),
-- ARGV[7+C..6+C+R] events per request, then every request's event payloads in order.
-- Returns {events in window after, verdict of request 1 (1 appended, 0 refused), ..., verdict of request R}.
-- Every check precedes the first write; limiter errors (e.g. a key of the wrong type) allow.
-- An empty ARGV[5] (partitioned streams, ADR 0031) decides and records only: KEYS is then the limiter alone, no
-- counter TTLs and no payloads are passed, nothing is appended and no counter is touched (the caller appends per
-- partition).
local appending = ARGV[5] ~= ''
local requests = tonumber(ARGV[6])
local counters = appending and (#KEYS - 2) or 0
local max = tonumber(ARGV[1])
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
end
local result = {0}
local payload = 7 + counters + requests
local appended = 0
for q = 1, requests do
  local n = tonumber(ARGV[6 + counters + q])
  if limiting and inWindow + n > max then
    result[q + 1] = 0
  else
    if appending then
      for i = 0, n - 1 do
        redis.call('XADD', KEYS[2], '*', ARGV[5], ARGV[payload + i])
      end
    end
    if limiting then
      local args = {}
      for i = 1, n do
        args[#args + 1] = score
        args[#args + 1] = score .. ':' .. ARGV[4] .. ':' .. q .. ':' .. i
        if #args >= 200 then
          redis.call('ZADD', KEYS[1], unpack(args))
          args = {}
        end
      end
      if #args > 0 then
        redis.call('ZADD', KEYS[1], unpack(args))
      end
      inWindow = inWindow + n
    end
    appended = appended + n
    result[q + 1] = 1
  end
  payload = payload + n
end
if appended > 0 then
  if limiting then
    redis.call('PEXPIRE', KEYS[1], ARGV[3])
  end
  for k = 3, 2 + counters do
    local ttl = tonumber(ARGV[4 + k])
    if redis.call('INCRBY', KEYS[k], appended) == appended and ttl > 0 then
      redis.call('EXPIRE', KEYS[k], ttl)
    end
  end
end
result[1] = inWindow
return result
