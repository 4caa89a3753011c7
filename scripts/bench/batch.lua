-- wrk script: a JSON array of 100 events per request (ADR 0007 batch intake).
-- Usage: wrk -s scripts/bench/batch.lua http://127.0.0.1:PORT/api/v2/ingest  (env MUTT_BENCH_KEY, MUTT_BENCH_DIR)
dofile((os.getenv("MUTT_BENCH_DIR") or "scripts/bench") .. "/summary.lua")

local events = {}
for i = 1, 100 do
  events[i] = string.format('{"timestamp":"2025-11-10T12:00:%02d.123456+00:00","hostname":"core-sw-%02d.dc1",'
    .. '"message":"%%LINK-3-UPDOWN: Interface GigabitEthernet0/%d, changed state to down",'
    .. '"syslog_severity":3,"source":"syslog","program":"ifmgr","source_ip":"10.0.0.%d"}', i % 60, i % 50, i, i)
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-KEY"] = os.getenv("MUTT_BENCH_KEY") or "bench-key"
wrk.body = "[" .. table.concat(events, ",") .. "]"

done = mutt_summary(100)
