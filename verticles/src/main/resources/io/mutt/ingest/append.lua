-- MUTT ingest: the durable append (SPEC 4.3 step 6) of every event accepted during one event-loop turn, in one
-- atomic call with one reply (ADR 0007): XADD per event, then the dashboard counters for all of them.
-- KEYS[1] ingest stream, KEYS[2..4] minute / hour / day counters
-- ARGV[1] stream field name, ARGV[2..4] counter TTLs (s), ARGV[5..] the event payloads
-- Returns the number of events appended. A failure (e.g. the key is not a stream) happens before any write.
local n = #ARGV - 4
for i = 5, #ARGV do
  redis.call('XADD', KEYS[1], '*', ARGV[1], ARGV[i])
end
for k = 2, 4 do
  if redis.call('INCRBY', KEYS[k], n) == n then
    redis.call('EXPIRE', KEYS[k], ARGV[k])
  end
end
return n
