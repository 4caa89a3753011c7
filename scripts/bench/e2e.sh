#!/usr/bin/env bash
# End-to-end benchmark of MUTT: HTTP ingest -> Redis stream -> alerter (rules, audit rows in PostgreSQL) -> alert
# stream -> forwarder -> Moogsoft webhook stand-in. Phases (docs/PERFORMANCE-e2e.md):
#   throughput  THROUGHPUT_RATE events/s (JSON-array bodies of THROUGHPUT_BATCH events) for THROUGHPUT_SECONDS after
#               WARMUP at THROUGHPUT_WARMUP_RATE; sustained if the stand-in receives the same rate and the backlog
#               stays bounded
#   latency     LATENCY_RATE events/s, one event per request (as rsyslog sends), for LATENCY_SECONDS after WARMUP
#               at LATENCY_WARMUP_RATE; latency = stand-in arrival - send time, and - the ingest's 200
#   flood       as fast as CONNECTIONS concurrent requests of BATCH events go, for FLOOD_SECONDS (finds the ceiling;
#               past MAX_INGEST_QUEUE_SIZE the ingest answers 503, which is counted as refused)
# Uses REDIS_HOST / DB_HOST when given, else the machine's Redis (127.0.0.1:6379) and PostgreSQL (127.0.0.1:5432)
# when they answer, else MUTT's embedded servers. Everything it creates (database mutt_bench_<run>, Redis keys
# bench<run>:*) is removed at the end unless KEEP=1. Results: target/bench/e2e-<run>.json.
#
#   scripts/bench/e2e.sh                                   # throughput and latency phases, defaults below
#   PHASES=latency LATENCY_SECONDS=30 scripts/bench/e2e.sh
#   PHASES=flood BATCH=50 CONNECTIONS=16 scripts/bench/e2e.sh
set -euo pipefail
BENCH_TAG=e2e
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"

PHASES=${PHASES:-"throughput latency"}
WARMUP=${WARMUP:-30}
THROUGHPUT_RATE=${THROUGHPUT_RATE:-20000}
THROUGHPUT_SECONDS=${THROUGHPUT_SECONDS:-120}
THROUGHPUT_BATCH=${THROUGHPUT_BATCH:-50}
THROUGHPUT_WARMUP_RATE=${THROUGHPUT_WARMUP_RATE:-5000}
LATENCY_RATE=${LATENCY_RATE:-5000}
LATENCY_SECONDS=${LATENCY_SECONDS:-60}
LATENCY_BATCH=${LATENCY_BATCH:-1}
LATENCY_WARMUP_RATE=${LATENCY_WARMUP_RATE:-1000}   # warm the JIT without queueing a backlog the window would inherit
FLOOD_SECONDS=${FLOOD_SECONDS:-120}
CONNECTIONS=${CONNECTIONS:-64}
BATCH=${BATCH:-50}
MUTT_JAVA_OPTS=${MUTT_JAVA_OPTS:-"-Xms1g -Xmx1g -XX:+UseParallelGC"}   # the launcher's collector (scripts/mutt)
GEN_JAVA_OPTS=${GEN_JAVA_OPTS:-"-Xms256m -Xmx512m -XX:+UseParallelGC"}
RUN=${RUN:-$(date +%s)}
PREFIX="bench${RUN}"
OUT_DIR=${OUT_DIR:-"$root/target/bench"}
WORK="$OUT_DIR/e2e-$RUN"
INGEST_PORT=${INGEST_PORT:-28080}
RECEIVER_PORT=${RECEIVER_PORT:-28099}
mutt_jar="${MUTT_JAR:-$jar}"   # MUTT_JAR: the MUTT build to measure (default this tree's), for an A/B in one session
mkdir -p "$WORK"

# --- build (jar + the load generator in the test classes) -------------------------------------------------------
if jar_stale verticles/target/test-classes/io/mutt/bench/LoadGenerator.class; then build_jar; fi

# --- where Redis and PostgreSQL are ------------------------------------------------------------------------------
use_local_redis
use_local_postgres
export DB_NAME="mutt_bench_${RUN}"
log "Redis: ${REDIS_HOST:-embedded}  PostgreSQL: ${DB_HOST:-embedded} (database $DB_NAME)"

# --- start MUTT (ingest, alerter, forwarder) pointing at the generator's stand-in -----------------------------------
export MUTT_KEY_PREFIX="$PREFIX" MUTT_DATA_DIR="$WORK/data" MUTT_LOAD_DEMO_DATA=true LOG_LEVEL=${LOG_LEVEL:-WARN}
export INGEST_API_KEY=bench-ingest-key-0123456789 MOOG_API_KEY=bench-moog-key WEBUI_API_KEY=bench-web-key-0123456789
export MOOG_WEBHOOK_URL="http://127.0.0.1:$RECEIVER_PORT/events"
export MOOG_RATE_LIMIT=${MOOG_RATE_LIMIT:-1000000}       # the shared Moogsoft limit must not be what is measured
# Backpressure: defer (not the default dlq) so that a flood waits instead of being shed, and every accepted event is
# delivered; a higher shed threshold lets the alert queue absorb bursts between forwarder rounds.
export ALERTER_SHED_MODE=${ALERTER_SHED_MODE:-defer} ALERTER_QUEUE_SHED_THRESHOLD=${ALERTER_QUEUE_SHED_THRESHOLD:-20000}
export ALERTER_QUEUE_WARN_THRESHOLD=${ALERTER_QUEUE_WARN_THRESHOLD:-10000}
export ALERTER_BATCH_SIZE=${ALERTER_BATCH_SIZE:-500}
export MOOG_MAX_IN_FLIGHT=${MOOG_MAX_IN_FLIGHT:-100} MOOG_BATCH_SIZE=${MOOG_BATCH_SIZE:-200}
# The ingest cap is not what is measured here; far above any backlog a run can build, so that a stale depth estimate
# (seen once per long run on this branch: 503 queue_full with an empty stream) cannot end a phase early.
export MAX_INGEST_QUEUE_SIZE=${MAX_INGEST_QUEUE_SIZE:-100000000}
export SERVER_PORT_INGESTOR=$INGEST_PORT METRICS_PORT_ALERTER=28081 HEALTH_PORT_ALERTER=28082
export METRICS_PORT_MOOG=28083 HEALTH_PORT_MOOG=28084
mutt_pid=""
start_mutt() {
  # shellcheck disable=SC2086
  java $MUTT_JAVA_OPTS -jar "$mutt_jar" run --roles ingest,alerter,forwarder >>"$WORK/mutt.log" 2>&1 &
  mutt_pid=$!
  # the forwarder's health only answers (503 until the generator's stand-in listens: it probes the webhook)
  await MUTT "$mutt_pid" "$WORK/mutt.log" 120 1 e2e_up || true
  curl -fs "http://127.0.0.1:28082/health" >/dev/null || { log "alerter not healthy; see $WORK/mutt.log"; exit 1; }
  log "MUTT up (pid $mutt_pid), log $WORK/mutt.log"
}
e2e_up() {
  healthy "http://127.0.0.1:$INGEST_PORT/health" "http://127.0.0.1:28082/health" && answers "http://127.0.0.1:28084/health"
}
stop_mutt() {
  [ -n "$mutt_pid" ] && kill "$mutt_pid" 2>/dev/null && wait "$mutt_pid" 2>/dev/null || true
  mutt_pid=""
}

cleanup() {
  stop_mutt
  drop_run_data "$WORK"
}
trap cleanup EXIT

audit_rows() {
  if [ -n "${DB_HOST:-}" ] && command -v psql >/dev/null; then
    psql -h "$DB_HOST" -p "${DB_PORT:-5432}" -U "$DB_USER" -d "$DB_NAME" -Atc "SELECT count(*) FROM event_audit_log"
  else
    metric 28081 'mutt_alerter_events_processed_total{status="handled"}'
  fi
}

generator() {
  # shellcheck disable=SC2086
  java $GEN_JAVA_OPTS -cp "$jar:verticles/target/test-classes" io.mutt.bench.LoadGenerator \
    --ingest "http://127.0.0.1:$INGEST_PORT/api/v2/ingest" --key bench-ingest-key-0123456789 --receiver-port "$RECEIVER_PORT" \
    --connections "$CONNECTIONS" \
    --stage-metrics "http://127.0.0.1:28081/metrics" --stage-counter mutt_alerter_events_processed_total "$@"
}

# CPU seconds used so far by a set of processes (utime + stime from /proc)
cpu_seconds() { echo "scale=1; $(cpu_ticks "$@") / $(getconf CLK_TCK)" | bc; }
machine_busy_seconds() {  # all CPUs, from /proc/stat (user+nice+system+irq+softirq+steal)
  awk '/^cpu / { printf "%.1f", ($2 + $3 + $4 + $7 + $8 + $9) / '"$(getconf CLK_TCK)"' }' /proc/stat
}
cpu_json() {
  jq -n --arg mutt "$(cpu_seconds "$mutt_pid")" --arg redis "$(cpu_seconds $(pgrep -x redis-server))" \
    --arg pg "$(cpu_seconds $(pgrep -x postgres))" \
    --arg all "$(machine_busy_seconds)" \
    '{mutt: ($mutt|tonumber), redis: ($redis|tonumber), postgres: ($pg|tonumber), machine: ($all|tonumber)}'
}

results="{}"
for phase in $PHASES; do
  start_mutt   # a fresh JVM per phase: each phase pays its own JIT warm-up inside WARMUP, none inherits a backlog
  before=$(audit_rows)
  cpu_before=$(cpu_json)
  started=$(date +%s)
  case "$phase" in
    throughput) log "throughput: ${THROUGHPUT_RATE} events/s in bodies of ${THROUGHPUT_BATCH} for ${THROUGHPUT_SECONDS}s after ${WARMUP}s warm-up"
                generator --mode rate --rate "$THROUGHPUT_RATE" --warmup-rate "$THROUGHPUT_WARMUP_RATE" \
                  --batch "$THROUGHPUT_BATCH" --warmup "$WARMUP" --duration "$THROUGHPUT_SECONDS" --drain 120 \
                  --out "$WORK/$phase.json" >/dev/null 2>"$WORK/$phase.log" ;;
    latency)    log "latency: ${LATENCY_RATE} events/s, ${LATENCY_BATCH} per request, for ${LATENCY_SECONDS}s after ${WARMUP}s warm-up"
                generator --mode rate --rate "$LATENCY_RATE" --warmup-rate "$LATENCY_WARMUP_RATE" \
                  --batch "$LATENCY_BATCH" --warmup "$WARMUP" --duration "$LATENCY_SECONDS" --drain 60 \
                  --out "$WORK/$phase.json" >/dev/null 2>"$WORK/$phase.log" ;;
    flood)      log "flood: ${CONNECTIONS} connections x ${BATCH} events per request for ${FLOOD_SECONDS}s after ${WARMUP}s warm-up"
                generator --mode flood --batch "$BATCH" --warmup "$WARMUP" --duration "$FLOOD_SECONDS" \
                  --drain 120 --out "$WORK/$phase.json" >/dev/null 2>"$WORK/$phase.log" ;;
    *) log "unknown phase $phase"; exit 2 ;;
  esac
  summary=$(cat "$WORK/$phase.json")
  after=$(audit_rows)
  cpu_after=$(cpu_json)
  gen_cpu=$(jq '.generator_cpu_s' <<<"$summary")
  elapsed=$(( $(date +%s) - started ))
  cpu=$(jq -n --argjson a "$cpu_before" --argjson b "$cpu_after" --argjson s "$elapsed" --argjson g "$gen_cpu" \
    'def cores(x): ((x / $s * 100 | round) / 100);
     {seconds: $s, mutt_cores: cores($b.mutt - $a.mutt), redis_cores: cores($b.redis - $a.redis),
      postgres_cores: cores($b.postgres - $a.postgres), generator_cores: cores($g),
      machine_busy_cores: cores($b.machine - $a.machine), load_average: "'"$(loadavg)"'"}')
  counts=$(jq -n --argjson appended "$(metric 28081 'mutt_alerter_alerts_forwarded_total')" \
    --argjson sent "$(metric 28083 'mutt_moog_requests_total{reason="",status="success"}')" \
    --argjson refused_full "$(metric "$INGEST_PORT" 'mutt_ingest_requests_total{reason="queue_full"')" \
    '{alerts_appended_total: $appended, moog_success_total: $sent, ingest_queue_full_requests_total: $refused_full}')
  summary=$(jq --argjson audit "$((after - before))" --argjson cpu "$cpu" --argjson counts "$counts" \
    --argjson dlq_alerter "$(metric 28081 'mutt_alerter_dlq_depth')" \
    --argjson shed "$(metric 28081 'mutt_alerter_shed_events_total')" \
    '. + {audit_rows: $audit, alerter_dlq_depth: $dlq_alerter, alerter_shed_events: $shed, cpu_whole_phase: $cpu} + $counts' <<<"$summary")
  results=$(jq --arg p "$phase" --argjson s "$summary" '. + {($p): $s}' <<<"$results")
  for port in "$INGEST_PORT" 28081 28083; do   # the stages' own histograms, for a closer look afterwards
    curl -fs "http://127.0.0.1:$port/metrics" >"$WORK/$phase-metrics-$port.txt" || true
  done
  stop_mutt
  log "$phase: $(jq -c '{accepted_per_s, stage_per_s, delivered_per_s, delivered_min_1s, backlog_at_window_end, undelivered_after_drain, duplicate_deliveries, alerts_appended_total, audit_rows, max_send_lag_events, rate_achieved, e2e_latency_ms, e2e_latency_from_accept_ms, cpu_whole_phase}' <<<"$summary")"
done

results=$(jq --arg cpu "$(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
  --arg redis "${REDIS_HOST:-embedded}" --arg pg "${DB_HOST:-embedded}" --arg commit "$(git rev-parse --short HEAD 2>/dev/null || echo '?')" \
  '. + {machine: $cpu, redis: $redis, postgresql: $pg, commit: $commit}' <<<"$results")
echo "$results" | tee "$OUT_DIR/e2e-$RUN.json"
