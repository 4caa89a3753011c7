#!/usr/bin/env bash
# Alert-storm benchmark (docs/PERFORMANCE.md "Storms"): MUTT with its shipped defaults (ingest, alerter,
# forwarder, remediation in one JVM) takes HOSTS x PER_HOST matching events sent as fast as the generator can,
# while io.mutt.bench.StormBench plays Moogsoft. Reports accepted, refused (503), shed, each DLQ, lost,
# webhook calls, distinct keys, when every key's first alert and the last update arrived, audit rows, and the
# peak Redis memory.
#
#   scripts/bench/storm.sh                      # 500 hosts x 200 events
#   VARIANT=moog-down scripts/bench/storm.sh    # Moogsoft answers 503 for the first MOOG_DOWN (60) seconds
#   VARIANT=kill scripts/bench/storm.sh         # kill -9 of the MUTT JVM at KILL_AT (5) s, restarted at once
#   VARIANT=overload scripts/bench/storm.sh     # OVERLOAD_RATE (40,000) distinct events/s offered for OVERLOAD_SECONDS
#                                               # (120) with coalescing off; afterwards the Moogsoft limit is lifted
#                                               # (dynamic moog_rate_limit) so the backlog drains, and every accepted
#                                               # event must arrive
#
# Starts what it needs; uses the local Redis/PostgreSQL when they answer on 6379/5432 (a fresh key prefix and
# database per run, removed afterwards unless KEEP=1). Output: target/bench/storm-<run>/summary.json.
set -euo pipefail
BENCH_TAG=storm
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"

VARIANT=${VARIANT:-plain}
HOSTS=${HOSTS:-500}
PER_HOST=${PER_HOST:-200}
CONNECTIONS=${CONNECTIONS:-16}
BATCH=${BATCH:-100}
MOOG_DOWN=${MOOG_DOWN:-60}
KILL_AT=${KILL_AT:-5}
SETTLE=${SETTLE:-75}            # seconds without a new event represented before the run ends (> one window)
MUTT_JAVA_OPTS=${MUTT_JAVA_OPTS:-"-Xms1g -Xmx1g -XX:+UseParallelGC"}
RUN=${RUN:-$(date +%s)}
PREFIX="storm${RUN}"
OUT_DIR=${OUT_DIR:-"$root/target/bench"}
WORK="$OUT_DIR/storm-$RUN"
INGEST_PORT=${INGEST_PORT:-28180}
RECEIVER_PORT=${RECEIVER_PORT:-28199}
mkdir -p "$WORK"

if jar_stale verticles/target/test-classes/io/mutt/bench/StormBench.class; then build_jar; fi
need_tools jq redis-cli psql curl

require_local_stores
export DB_NAME="mutt_storm_${RUN}"

# Shipped defaults throughout; only ports, names and the webhook address are set here.
export MUTT_KEY_PREFIX="$PREFIX" MUTT_DATA_DIR="$WORK/data" MUTT_LOAD_DEMO_DATA=true LOG_LEVEL=${LOG_LEVEL:-WARN}
export INGEST_API_KEY=bench-ingest-key-0001 MOOG_API_KEY=bench-moog-key-00001 WEBUI_API_KEY=bench-web-key-000001
export MOOG_WEBHOOK_URL="http://127.0.0.1:$RECEIVER_PORT/events"
export SERVER_PORT_INGESTOR=$INGEST_PORT METRICS_PORT_ALERTER=28181 HEALTH_PORT_ALERTER=28182
export METRICS_PORT_MOOG=28183 HEALTH_PORT_MOOG=28184 METRICS_PORT_REMEDIATION=28186 HEALTH_PORT_REMEDIATION=28187

if [ "$VARIANT" = overload ]; then export ALERT_COALESCE_WINDOW_SECONDS=0; fi

mutt_pid=""
start_mutt() {
  # shellcheck disable=SC2086
  java $MUTT_JAVA_OPTS -jar "$jar" run --roles ingest,alerter,forwarder,remediation >>"$WORK/mutt.log" 2>&1 &
  mutt_pid=$!
  await MUTT "$mutt_pid" "$WORK/mutt.log" 120 0.5 \
    healthy "http://127.0.0.1:$INGEST_PORT/health" "http://127.0.0.1:28182/health" || true
  log "MUTT up (pid $mutt_pid)"
}
gen_pid=""; mem_pid=""
cleanup() {
  [ -n "$gen_pid" ] && kill "$gen_pid" 2>/dev/null || true
  [ -n "$mem_pid" ] && kill "$mem_pid" 2>/dev/null || true
  [ -n "$mutt_pid" ] && kill "$mutt_pid" 2>/dev/null && wait "$mutt_pid" 2>/dev/null || true
  drop_run_data "$WORK"
}
trap cleanup EXIT

start_mutt
mem_base=$(rcli info memory | awk -F: '/^used_memory:/ { print $2+0 }')
( peak=0; while true; do m=$(rcli info memory | awk -F: '/^used_memory:/ { print $2+0 }'); [ "$m" -gt "$peak" ] && peak=$m && echo "$peak" >"$WORK/redis-peak"; sleep 0.5; done ) &
mem_pid=$!

if [ "$VARIANT" = overload ]; then
  rate=${OVERLOAD_RATE:-40000}; secs=${OVERLOAD_SECONDS:-120}
  log "overload: $rate distinct events/s offered for ${secs}s, coalescing off, Moogsoft at MOOG_RATE_LIMIT (50/s)"
  java -Xms256m -Xmx512m -XX:+UseParallelGC -cp "$jar:verticles/target/test-classes" io.mutt.bench.LoadGenerator \
    --ingest "http://127.0.0.1:$INGEST_PORT/api/v2/ingest" --key "$INGEST_API_KEY" --receiver-port "$RECEIVER_PORT" \
    --mode rate --rate "$rate" --batch "$BATCH" --connections "$CONNECTIONS" --warmup 0 --duration "$secs" \
    --drain "${OVERLOAD_DRAIN:-900}" --out "$WORK/storm.json" >/dev/null 2>"$WORK/storm.log" &
  gen_pid=$!
  sleep "$secs"
  log "sending stopped; lifting the Moogsoft limit so the backlog drains"
  rcli SET "$PREFIX:config:moog_rate_limit" 1000000 >/dev/null
  rcli PUBLISH "$PREFIX:config:updates" moog_rate_limit >/dev/null
  restarted=false
else
  down=0; [ "$VARIANT" = moog-down ] && down=$MOOG_DOWN
  log "variant $VARIANT: $HOSTS hosts x $PER_HOST events, Moogsoft down ${down}s"
  java -Xmx512m -cp "$jar:verticles/target/test-classes" io.mutt.bench.StormBench \
    --ingest "http://127.0.0.1:$INGEST_PORT/api/v2/ingest" --key "$INGEST_API_KEY" --receiver-port "$RECEIVER_PORT" \
    --hosts "$HOSTS" --per-host "$PER_HOST" --batch "$BATCH" --connections "$CONNECTIONS" --moog-down "$down" \
    --settle "$SETTLE" --out "$WORK/storm.json" >/dev/null 2>"$WORK/storm.log" &
  gen_pid=$!
  restarted=false
  if [ "$VARIANT" = kill ]; then
    sleep "$KILL_AT"
    log "kill -9 of MUTT (pid $mutt_pid) at ${KILL_AT}s, restarting"
    kill -9 "$mutt_pid"; wait "$mutt_pid" 2>/dev/null || true
    start_mutt; restarted=true
  fi
fi
wait "$gen_pid"; gen_pid=""
kill "$mem_pid" 2>/dev/null || true; mem_pid=""

audited=$(psql -h "$DB_HOST" -p "${DB_PORT:-5432}" -U "$DB_USER" -d "$DB_NAME" -Atc "SELECT count(*) FROM event_audit_log WHERE hostname LIKE 'storm-sw-%' OR hostname LIKE 'bench-host-%'")
distinct_audited=$(psql -h "$DB_HOST" -p "${DB_PORT:-5432}" -U "$DB_USER" -d "$DB_NAME" -Atc "SELECT count(DISTINCT event_id) FROM event_audit_log WHERE hostname LIKE 'storm-sw-%' OR hostname LIKE 'bench-host-%'")
coalesced_rows=$(psql -h "$DB_HOST" -p "${DB_PORT:-5432}" -U "$DB_USER" -d "$DB_NAME" -Atc "SELECT count(*) FROM event_audit_log WHERE coalesced_into IS NOT NULL")
peak=$(cat "$WORK/redis-peak" 2>/dev/null || echo 0)
summary=$(jq --arg variant "$VARIANT" --argjson restarted "$restarted" \
  --argjson audited "$audited" --argjson distinct_audited "$distinct_audited" --argjson coalesced_rows "$coalesced_rows" \
  --argjson shed "$(metric 28181 'mutt_alerter_shed_events_total{mode="dlq"')" \
  --argjson defer_steps "$(metric 28181 'mutt_alerter_shed_events_total{mode="defer"')" \
  --argjson deferred "$(metric 28181 'mutt_alerter_deferred_seconds_total')" \
  --argjson ingest_5xx_other "$(metric "$INGEST_PORT" 'mutt_ingest_requests_total{reason="unknown"')" \
  --argjson queue_full "$(metric "$INGEST_PORT" 'mutt_ingest_requests_total{reason="queue_full"')" \
  --argjson coalesced "$(metric 28183 'mutt_forwarder_coalesced_total')" \
  --argjson dlq_alerter "$(rcli LLEN "$PREFIX:dlq:alerter")" --argjson dlq_moog "$(rcli LLEN "$PREFIX:dlq:moog")" \
  --argjson dlq_dead "$(rcli LLEN "$PREFIX:dlq:dead")" \
  --argjson ingest_left "$(rcli XLEN "$PREFIX:ingest_queue")" --argjson alerts_left "$(rcli XLEN "$PREFIX:alert_queue")" \
  --argjson redis_peak_mb "$(( (peak - mem_base) / 1048576 ))" \
  '{variant: $variant, mutt_restarted: $restarted} + . + {audit_rows: $audited, distinct_events_audited: $distinct_audited,
    audit_rows_coalesced: $coalesced_rows, alerter_shed_to_dlq: $shed, alerter_defer_steps: $defer_steps, ingest_queue_full_requests: $queue_full,
    ingest_internal_errors: $ingest_5xx_other, alerter_deferred_seconds: $deferred,
    forwarder_coalesced: $coalesced, dlq_alerter: $dlq_alerter, dlq_moog: $dlq_moog, dlq_dead: $dlq_dead,
    ingest_stream_left: $ingest_left, alert_stream_left: $alerts_left, redis_peak_above_start_mb: $redis_peak_mb}' \
  "$WORK/storm.json")
echo "$summary" >"$WORK/summary.json"
echo "$summary"
log "summary in $WORK/summary.json"
