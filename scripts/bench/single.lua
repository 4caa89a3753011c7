-- wrk script: one syslog-like event per request (docs/reference/http-api.md), as rsyslog omhttp sends it.
-- Usage: wrk -s scripts/bench/single.lua http://127.0.0.1:PORT/api/v2/ingest  (env MUTT_BENCH_KEY, MUTT_BENCH_DIR)
dofile((os.getenv("MUTT_BENCH_DIR") or "scripts/bench") .. "/summary.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-KEY"] = os.getenv("MUTT_BENCH_KEY") or "bench-key"
wrk.body = '{"timestamp":"2025-11-10T12:00:00.123456+00:00","hostname":"core-sw-01.dc1",'
  .. '"message":"%LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to down",'
  .. '"syslog_severity":3,"source":"syslog","program":"ifmgr","source_ip":"10.0.0.1"}'

done = mutt_summary(1)
