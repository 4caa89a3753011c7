#!/usr/bin/env bash
# The alerter stage alone (docs/PERFORMANCE-e2e.md): fills the ingest stream with EVENTS events that all match the
# sample rule ERROR (prod, Ticket_only: one audit row and one alert each), starts MUTT with only the alerter role, and
# times the drain: events/s, and CPU microseconds per event of the MUTT JVM, Redis and PostgreSQL (Redis and
# PostgreSQL figures include whatever else uses those servers meanwhile). Needs the machine's Redis and
# PostgreSQL (REDIS_HOST/DB_HOST, default 127.0.0.1) and redis-cli, psql. Removes what it created unless KEEP=1.
#
#   scripts/bench/alerter-drain.sh                     # 400,000 events, 2 consumers, batches of 500
#   EVENTS=1000000 ALERTER_INSTANCES=4 ALERTER_BATCH_SIZE=1000 scripts/bench/alerter-drain.sh
set -euo pipefail
BENCH_TAG=drain
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"
EVENTS=${EVENTS:-400000}
RUN=${RUN:-$(date +%s)}
PREFIX="drain${RUN}"
export REDIS_HOST=${REDIS_HOST:-127.0.0.1} REDIS_PORT=${REDIS_PORT:-6379}
export DB_HOST=${DB_HOST:-127.0.0.1} DB_PORT=${DB_PORT:-5432} DB_USER=${DB_USER:-postgres} DB_NAME="mutt_drain_${RUN}"
work="$root/target/bench/drain-$RUN"
mkdir -p "$work"

if jar_stale; then build_jar; fi

now=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
awk -v N="$EVENTS" -v KEY="$PREFIX:ingest_queue" -v TS="$now" 'BEGIN {
  for (i = 0; i < N; i++) {
    p = "{\"hostname\":\"bench-host-" (i % 500) "\",\"message\":\"%LINK-3-UPDOWN: ERROR interface Gi0/" (i % 48) \
        " changed state, seq " i "\",\"timestamp\":\"" TS "\",\"syslog_severity\":3,\"source\":\"syslog\"," \
        "\"program\":\"bench\",\"_correlation_id\":\"c0ffee00-0000-4000-8000-" sprintf("%012d", i) "\"," \
        "\"_event_id\":\"drain-" i "\"}"
    printf "*5\r\n$4\r\nXADD\r\n$%d\r\n%s\r\n$1\r\n*\r\n$1\r\ne\r\n$%d\r\n%s\r\n", length(KEY), KEY, length(p), p
  }
}' | rcli --pipe >/dev/null
log "$(rcli xlen "$PREFIX:ingest_queue") events queued"

export MUTT_KEY_PREFIX="$PREFIX" MUTT_DATA_DIR="$work/data" MUTT_LOAD_DEMO_DATA=true LOG_LEVEL=${LOG_LEVEL:-WARN}
export INGEST_API_KEY=drain-ingest-key-0123456789 MOOG_API_KEY=m METRICS_PORT_ALERTER=${METRICS_PORT_ALERTER:-28181} HEALTH_PORT_ALERTER=${HEALTH_PORT_ALERTER:-28182}
export ALERTER_QUEUE_SHED_THRESHOLD=1000000000 ALERTER_QUEUE_WARN_THRESHOLD=1000000000   # no forwarder runs here
MUTT_JAVA_OPTS=${MUTT_JAVA_OPTS:-"-Xms1g -Xmx1g"}
# shellcheck disable=SC2086
java $MUTT_JAVA_OPTS -jar "$jar" run --roles alerter >"$work/mutt.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  drop_run_data "$work"
}
trap cleanup EXIT
first=""
while true; do
  n=$(rcli xlen "$PREFIX:ingest_queue")
  t=$(date +%s.%N)
  if [ -z "$first" ] && [ "$n" -lt "$EVENTS" ]; then
    first=$t; cpu0=$(cpu_ticks "$pid"); redis0=$(cpu_ticks $(pgrep -x redis-server)); pg0=$(cpu_ticks $(pgrep -x postgres))
  fi
  [ "$n" = 0 ] && break
  kill -0 "$pid" 2>/dev/null || { log "MUTT exited; see $work/mutt.log"; exit 1; }
  sleep 0.2
done
cpu1=$(cpu_ticks "$pid"); redis1=$(cpu_ticks $(pgrep -x redis-server)); pg1=$(cpu_ticks $(pgrep -x postgres))
hz=$(getconf CLK_TCK)
sleep 1
metrics=$(curl -fs "http://127.0.0.1:$METRICS_PORT_ALERTER/metrics" || true)
counter() { awk -v m="$1" 'index($0, m) == 1 { s += $NF } END { printf "%d", s }' <<<"$metrics"; }
audit=$(psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME" -Atc "SELECT count(*) FROM event_audit_log")
jq -n --argjson events "$EVENTS" --argjson secs "$(echo "$t - $first" | bc)" \
  --argjson cpu "$(echo "scale=2; ($cpu1 - $cpu0) / $hz" | bc)" --argjson audit "$audit" \
  --argjson rcpu "$(echo "scale=2; ($redis1 - $redis0) / $hz" | bc)" --argjson pcpu "$(echo "scale=2; ($pg1 - $pg0) / $hz" | bc)" \
  --argjson alerts "$(rcli xlen "$PREFIX:alert_queue")" --argjson dlq "$(rcli llen "$PREFIX:dlq:alerter")" \
  --argjson handled "$(counter 'mutt_alerter_events_processed_total{status="handled"}')" \
  --argjson forwarded "$(counter 'mutt_alerter_alerts_forwarded_total')" \
  --arg load "$(loadavg)" --arg batch "${ALERTER_BATCH_SIZE:-500}" --arg inst "${ALERTER_INSTANCES:-2}" \
  '{events: $events, seconds: $secs, events_per_s: (($events / $secs) | floor), mutt_cpu_s: $cpu,
    mutt_cpu_us_per_event: (($cpu / $events * 1e6 * 10 | round) / 10),
    redis_cpu_us_per_event: (($rcpu / $events * 1e6 * 10 | round) / 10),
    postgres_cpu_us_per_event: (($pcpu / $events * 1e6 * 10 | round) / 10), audit_rows: $audit, alerts_appended: $alerts,
    handled_counter: $handled, alerts_forwarded_counter: $forwarded,
    alerter_dlq: $dlq, batch: $batch, instances: $inst, load_average_after: $load}' | tee "$root/target/bench/drain-$RUN.json"
