-- Shared by single.lua and batch.lua: prints one machine-readable line that ingest.sh turns into the summary.
-- wrk counts non-2xx/3xx answers in summary.errors.status; latency figures are microseconds.
function mutt_summary(events_per_request)
  return function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("WRK_RESULT requests=%d duration_us=%d events_per_request=%d p50_us=%d p99_us=%d "
      .. "non2xx=%d socket_errors=%d\n", summary.requests, summary.duration, events_per_request,
      latency:percentile(50), latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
  end
end
