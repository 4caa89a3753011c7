#!/usr/bin/env bash
# Capacity measurements behind docs/SCALING.md, against redis-server processes of its own on free loopback ports
# (so INFO commandstats, network bytes and CPU are MUTT's alone) and the machine's PostgreSQL (else MUTT's embedded).
#   stages   each role alone on the backlog the previous one left: ingest takes EVENTS events (JSON arrays of
#            BATCH, CONNECTIONS connections), then the alerter drains the ingest stream, then the forwarder drains
#            the alert stream into MUTT's Moogsoft stand-in. Per stage: events/s, CPU per event of the MUTT JVM, of
#            Redis and of the PostgreSQL backends serving MUTT's database, Redis commands per event (INFO
#            commandstats deltas), network bytes per event, memory per event (used_memory, MEMORY USAGE).
#   compare  every role in one JVM, flooded for COMPARE_SECONDS, once per topology in TOPOLOGIES, one after the other
#            in the same run: single:<partitions> (one redis-server) or cluster:<partitions> (three masters made by
#            redis-cli --cluster create; needs REDIS_MODE=cluster support in the jar).
# Results: target/bench/capacity-<run>.json and target/bench/capacity-<run>/ (logs, per-stage commandstats).
#
#   scripts/bench/capacity.sh
#   PHASES=stages EVENTS=200000 scripts/bench/capacity.sh
#   PHASES=compare TOPOLOGIES="single:1 single:3 cluster:3" COMPARE_SECONDS=60 scripts/bench/capacity.sh
set -euo pipefail
BENCH_TAG=capacity
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"

PHASES=${PHASES:-"stages compare"}
EVENTS=${EVENTS:-100000}
BATCH=${BATCH:-50}
CONNECTIONS=${CONNECTIONS:-16}
PARTITIONS=${PARTITIONS:-1}                    # partitions in the stages phase
TOPOLOGIES=${TOPOLOGIES:-"single:1 single:3"}
COMPARE_SECONDS=${COMPARE_SECONDS:-60}
COMPARE_WARMUP=${COMPARE_WARMUP:-15}
MUTT_JAVA_OPTS=${MUTT_JAVA_OPTS:-"-Xms1g -Xmx1g -XX:+UseParallelGC"}
GEN_JAVA_OPTS=${GEN_JAVA_OPTS:-"-Xms256m -Xmx512m -XX:+UseParallelGC"}
RUN=${RUN:-$(date +%s)}
OUT_DIR=${OUT_DIR:-"$root/target/bench"}
WORK="$OUT_DIR/capacity-$RUN"
INGEST_PORT=${INGEST_PORT:-29080}
MOOG_PORT=${MOOG_PORT:-29099}
mkdir -p "$WORK"

# a free port below 55536: a cluster node also listens on its port + 10000 (the cluster bus)
free_port() { python3 -c '
import random, socket
while True:
    p = random.randint(20000, 45000)
    try:
        for q in (p, p + 10000):
            s = socket.socket(); s.bind(("127.0.0.1", q)); s.close()
        print(p); break
    except OSError:
        pass'; }
hz=$(getconf CLK_TCK)

if [ ! -f "$jar" ] || [ ! -f verticles/target/test-classes/io/mutt/bench/LoadGenerator.class ]; then build_jar; fi

# --- PostgreSQL: the machine's when it answers (a database of this run), else MUTT's embedded one ---------------
use_local_postgres
psql_q() { psql -h "$DB_HOST" -p "${DB_PORT:-5432}" -U "$DB_USER" -d "$1" -Atc "$2"; }

# --- processes and their CPU --------------------------------------------------------------------------------------
# PIDS (lib.sh): everything this script started, stopped at exit
redis_pids=()
redis_ports=()

start_redis_node() {  # start_redis_node <dir> [extra args...]; sets last_port
  local dir=$1; shift
  local port; port=$(free_port)
  start_redis "$port" "$dir/$port" "$@"
  redis_pids+=("$redis_pid"); redis_ports+=("$port")
  last_port=$port
}
start_single() { redis_pids=(); redis_ports=(); start_redis_node "$WORK/redis-$1"; }
start_cluster() {
  redis_pids=(); redis_ports=()
  for _ in 1 2 3; do
    start_redis_node "$WORK/redis-$1" --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 2000
  done
  redis-cli --cluster create "${redis_ports[@]/#/127.0.0.1:}" --cluster-replicas 0 --cluster-yes >"$WORK/cluster-create-$1.log" 2>&1
  for p in "${redis_ports[@]}"; do
    for _ in $(seq 1 100); do redis-cli -p "$p" cluster info | grep -q cluster_state:ok && break; sleep 0.1; done
  done
}
stop_redis() {
  local p; for p in "${redis_pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  redis_pids=(); redis_ports=()
}
rsum() {  # rsum <INFO section> <field>: a numeric INFO field summed over the running nodes
  local p t=0 v
  for p in "${redis_ports[@]}"; do
    v=$(redis-cli -p "$p" info "$1" | tr -d '\r' | awk -F: -v f="$2" '$1 == f { print $2 }')
    t=$((t + ${v:-0}))
  done
  echo "$t"
}
commandstats() {  # JSON {command: calls} summed over the nodes
  local p
  for p in "${redis_ports[@]}"; do redis-cli -p "$p" info commandstats | tr -d '\r'; done |
    awk -F'[:=,]' '/^cmdstat_/ { sub("cmdstat_", "", $1); c[$1] += $3 } END { for (k in c) printf "%s %d\n", k, c[k] }' |
    jq -Rn '[inputs | split(" ") | {(.[0]): (.[1] | tonumber)}] | add // {}'
}
stream_keys=()   # the ingest stream's partitions, found once while the keyspace is small
find_streams() {
  mapfile -t stream_keys < <(redis-cli -p "${redis_ports[0]}" --scan --pattern '*ingest_queue')
}
depth() {  # depth ingest|alert: sum of XLEN over the stream's partitions (single Redis)
  local t=0 k
  for k in "${stream_keys[@]}"; do
    [ "$1" = alert ] && k=${k/ingest_queue/alert_queue}
    t=$((t + $(redis-cli -p "${redis_ports[0]}" xlen "$k")))
  done
  echo "$t"
}

mutt_pid=""
start_mutt() {  # start_mutt <roles> <log>
  # shellcheck disable=SC2086
  java $MUTT_JAVA_OPTS -jar "$jar" run --roles "$1" >>"$2" 2>&1 &
  mutt_pid=$!; PIDS+=("$mutt_pid")
  local url
  case "$1" in ingest*) url="http://127.0.0.1:$INGEST_PORT/health" ;; alerter) url="http://127.0.0.1:29082/health" ;;
               forwarder) url="http://127.0.0.1:29084/health" ;; esac
  await MUTT "$mutt_pid" "$2" 180 0.5 answers "$url" || true
}
stop_mutt() { [ -n "$mutt_pid" ] && kill "$mutt_pid" 2>/dev/null && wait "$mutt_pid" 2>/dev/null || true; mutt_pid=""; }

moog_pid=""
start_moog() {
  java -Xmx256m -XX:+UseParallelGC -jar "$jar" mock-moog --port "$MOOG_PORT" >>"$WORK/moog.log" 2>&1 &
  moog_pid=$!; PIDS+=("$moog_pid")
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$MOOG_PORT/stats" >/dev/null 2>&1 && break; sleep 0.5; done
}
moog_count() { curl -fs "http://127.0.0.1:$MOOG_PORT/stats" | jq '.count'; }

pg_backends() {  # pid of every backend connected to the run's database
  psql_q postgres "SELECT pid FROM pg_stat_activity WHERE datname = '$DB_NAME'" | tr '\n' ' '
}

cleanup() {
  stop_mutt
  stop_started
  if [ "${KEEP:-0}" != 1 ] && [ -n "${DB_HOST:-}" ]; then
    for db in $(psql_q postgres "SELECT datname FROM pg_database WHERE datname LIKE 'mutt_cap_${RUN}%'"); do
      psql_q postgres "DROP DATABASE IF EXISTS $db" >/dev/null || true
    done
    rm -rf "$WORK"/redis-* "$WORK"/data-*
  fi
}
trap cleanup EXIT

common_env() {  # common_env <database> <data dir>
  export DB_NAME="$1" MUTT_DATA_DIR="$2" MUTT_LOAD_DEMO_DATA=true LOG_LEVEL=${LOG_LEVEL:-WARN}
  export INGEST_API_KEY=bench-ingest-key-0123456789 MOOG_API_KEY=bench-moog-key WEBUI_API_KEY=bench-web-key-0123456789
  export MOOG_WEBHOOK_URL="http://127.0.0.1:$MOOG_PORT/events" MOOG_RATE_LIMIT=1000000
  export ALERTER_SHED_MODE=defer ALERTER_QUEUE_SHED_THRESHOLD=${ALERTER_QUEUE_SHED_THRESHOLD:-20000}
  export ALERTER_QUEUE_WARN_THRESHOLD=${ALERTER_QUEUE_WARN_THRESHOLD:-10000}
  export ALERTER_BATCH_SIZE=${ALERTER_BATCH_SIZE:-500} MOOG_MAX_IN_FLIGHT=${MOOG_MAX_IN_FLIGHT:-100}
  export MOOG_BATCH_SIZE=${MOOG_BATCH_SIZE:-200} MAX_INGEST_QUEUE_SIZE=100000000
  export SERVER_PORT_INGESTOR=$INGEST_PORT METRICS_PORT_ALERTER=29081 HEALTH_PORT_ALERTER=29082
  export METRICS_PORT_MOOG=29083 HEALTH_PORT_MOOG=29084 MUTT_KEY_PREFIX='{mutt}'
  export REDIS_TLS_ENABLED=false
}
redis_env() {  # redis_env single|cluster
  if [ "$1" = cluster ]; then
    export REDIS_MODE=cluster REDIS_NODES
    REDIS_NODES=$(printf '127.0.0.1:%s,' "${redis_ports[@]}"); REDIS_NODES=${REDIS_NODES%,}
    export REDIS_HOST=127.0.0.1 REDIS_PORT="${redis_ports[0]}"
  else
    unset REDIS_MODE REDIS_NODES || true
    export REDIS_HOST=127.0.0.1 REDIS_PORT="${redis_ports[0]}"
  fi
}

generator() {  # generator <out json> [args...]
  local out=$1; shift
  # shellcheck disable=SC2086
  java $GEN_JAVA_OPTS -cp "$jar:verticles/target/test-classes" io.mutt.bench.LoadGenerator \
    --ingest "http://127.0.0.1:$INGEST_PORT/api/v2/ingest" --key bench-ingest-key-0123456789 \
    --connections "$CONNECTIONS" --batch "$BATCH" --out "$out" "$@" >/dev/null 2>"${out%.json}.log" &
  gen_pid=$!; PIDS+=("$gen_pid")
}

# --- one stage: snapshot, work, snapshot ----------------------------------------------------------------------------
snap() {  # JSON of everything a stage is charged with, now
  local pg_ticks=0 pid
  for pid in $(pg_backends); do pg_ticks=$((pg_ticks + $(cpu_ticks "$pid"))); done
  jq -n --argjson t "$(date +%s%N | cut -c1-13)" --argjson mutt "$(cpu_ticks "$mutt_pid")" \
    --argjson redis "$(cpu_ticks "${redis_pids[@]}")" --argjson pg "$pg_ticks" \
    --argjson netin "$(rsum stats total_net_input_bytes)" --argjson netout "$(rsum stats total_net_output_bytes)" \
    --argjson mem "$(rsum memory used_memory)" --argjson cmds "$(commandstats)" --arg load "$(loadavg)" \
    '{ms: $t, mutt_ticks: $mutt, redis_ticks: $redis, pg_ticks: $pg, net_in: $netin, net_out: $netout,
      used_memory: $mem, commands: $cmds, load: $load}'
}
charge() {  # charge <stage> <before> <after> <events> [extra json]
  jq -n --arg stage "$1" --argjson a "$2" --argjson b "$3" --argjson n "$4" --argjson hz "$hz" \
    --argjson extra "${5:-{\}}" '
    def us(x): ((x / $hz * 1000000 / $n) * 10 | round) / 10;
    def per(x): ((x / $n) * 100 | round) / 100;
    (($b.ms - $a.ms) / 1000) as $s |
    {stage: $stage, events: $n, seconds: $s, events_per_s: (($n / $s) | round),
     mutt_cpu_us_per_event: us($b.mutt_ticks - $a.mutt_ticks),
     redis_cpu_us_per_event: us($b.redis_ticks - $a.redis_ticks),
     postgres_backend_cpu_us_per_event: us($b.pg_ticks - $a.pg_ticks),
     mutt_cores: (((($b.mutt_ticks - $a.mutt_ticks) / $hz / $s) * 100 | round) / 100),
     redis_cores: (((($b.redis_ticks - $a.redis_ticks) / $hz / $s) * 100 | round) / 100),
     redis_commands_per_1000_events: ([$b.commands | to_entries[]
                                 | {key, value: ((((.value - ($a.commands[.key] // 0)) / $n * 1000) * 10 | round) / 10)}
                                 | select(.value > 0)] | sort_by(-.value) | from_entries),
     redis_commands_per_event_total: per([$b.commands | to_entries[] | .value - ($a.commands[.key] // 0)] | add),
     redis_net_in_bytes_per_event: per($b.net_in - $a.net_in),
     redis_net_out_bytes_per_event: per($b.net_out - $a.net_out),
     redis_memory_bytes_per_event: per($b.used_memory - $a.used_memory),
     load_average_before: $a.load, load_average_after: $b.load} + $extra'
}
wait_until() {  # wait_until <seconds> <command...>: polls every 0.5 s
  local limit=$1; shift
  local end=$(( $(date +%s) + limit ))
  until "$@"; do [ "$(date +%s)" -lt "$end" ] || return 1; sleep 0.5; done
}

results="{}"

stages() {
  log "stages: $EVENTS events, $PARTITIONS partition(s), one redis-server"
  start_single stages
  redis_env single
  common_env "mutt_cap_${RUN}_stages" "$WORK/data-stages"
  export REDIS_PARTITIONS=$PARTITIONS ALERT_COALESCE_WINDOW_SECONDS=${ALERT_COALESCE_WINDOW_SECONDS:-60}
  # each stage runs alone, so the alerter must not wait for a forwarder: no defer threshold within reach
  export ALERTER_QUEUE_SHED_THRESHOLD=1000000000 ALERTER_QUEUE_WARN_THRESHOLD=1000000000
  start_moog

  # ingest alone: EVENTS/10 events/s offered for 10 s, after 4 s of the same to warm the JIT (not charged)
  start_mutt ingest "$WORK/stages-ingest.log"
  local a b rate=$(( EVENTS / 10 ))
  generator "$WORK/stages-ingest-warm.json" --mode rate --rate "$rate" --warmup 0 --duration 4 --drain 0 \
    --receiver-port "$(free_port)"
  wait "$gen_pid" || true
  find_streams
  local warm; warm=$(depth ingest)
  a=$(snap)
  generator "$WORK/stages-ingest-gen.json" --mode rate --rate "$rate" --warmup 0 --duration 10 --drain 0 \
    --receiver-port "$(free_port)"
  wait "$gen_pid" || true
  local total; total=$(depth ingest)
  local queued=$(( total - warm ))
  b=$(snap)
  local entry_bytes=0 k
  for k in "${stream_keys[@]}"; do
    entry_bytes=$((entry_bytes + $(redis-cli -p "${redis_ports[0]}" memory usage "$k" samples 0)))
  done
  results=$(jq --argjson s "$(charge ingest "$a" "$b" "$queued" \
    "{\"stream_memory_usage_bytes_per_event\": $(( entry_bytes / (total > 0 ? total : 1) ))}")" '. + {ingest: $s}' <<<"$results")
  log "ingest: $(jq -c .ingest <<<"$results")"
  stop_mutt

  # alerter alone: drains the ingest stream (audit rows, alert stream)
  # charged from the moment a quarter of the backlog is done (JIT warm) to the end of the drain
  start_mutt alerter "$WORK/stages-alerter.log"
  until [ "$(depth ingest)" -le $(( total * 3 / 4 )) ]; do sleep 0.5; done
  local lsn0; lsn0=$(psql_q postgres "SELECT pg_current_wal_lsn()")
  local rows0; rows0=$(psql_q "$DB_NAME" "SELECT count(*) FROM event_audit_log")
  a=$(snap)
  until [ "$(depth ingest)" = 0 ]; do sleep 0.5; done
  b=$(snap)
  local rows wal table_bytes seen_bytes
  rows=$(psql_q "$DB_NAME" "SELECT count(*) FROM event_audit_log")
  queued=$(( rows - rows0 ))
  wal=$(psql_q postgres "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '$lsn0')::bigint")
  wal=$(( wal * rows / ((rows - rows0) > 0 ? (rows - rows0) : 1) ))
  table_bytes=$(psql_q "$DB_NAME" "SELECT sum(pg_total_relation_size(c.oid))::bigint FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'event_audit_log'::regclass")
  seen_bytes=$(for k in $(redis-cli -p "${redis_ports[0]}" --scan --pattern '*:seen:*' | head -200); do
    redis-cli -p "${redis_ports[0]}" memory usage "$k"; done | awk '{ s += $1; n++ } END { printf "%d", n ? s / n : 0 }')
  results=$(jq --argjson s "$(charge alerter "$a" "$b" "$queued" \
    "{\"audit_rows\": $rows, \"audit_table_bytes_per_row\": $(( table_bytes / (rows > 0 ? rows : 1) )), \"wal_bytes_per_row_shared_server\": $(( wal / (rows > 0 ? rows : 1) )), \"seen_key_memory_usage_bytes\": $seen_bytes, \"alerts_queued\": $(depth alert)}")" \
    '. + {alerter: $s}' <<<"$results")
  log "alerter: $(jq -c .alerter <<<"$results")"
  stop_mutt

  # forwarder alone: drains the alert stream into the stand-in
  local alerts; alerts=$(depth alert)
  local sent0; sent0=$(moog_count)
  start_mutt forwarder "$WORK/stages-forwarder.log"
  wait_until 900 bash -c "[ \$(( \$(curl -fs http://127.0.0.1:$MOOG_PORT/stats | jq .count) - $sent0 )) -ge $(( alerts / 4 )) ]"
  local sent1; sent1=$(moog_count)
  a=$(snap)
  wait_until 900 bash -c "[ \$(( \$(curl -fs http://127.0.0.1:$MOOG_PORT/stats | jq .count) - $sent0 )) -ge $alerts ]"
  b=$(snap)
  results=$(jq --argjson s "$(charge forwarder "$a" "$b" "$(( alerts - (sent1 - sent0) ))")" '. + {forwarder: $s}' <<<"$results")
  log "forwarder: $(jq -c .forwarder <<<"$results")"
  stop_mutt
  kill "$moog_pid" 2>/dev/null || true; wait "$moog_pid" 2>/dev/null || true
  stop_redis
}

compare() {
  local topo kind parts
  for topo in $TOPOLOGIES; do
    kind=${topo%%:*}; parts=${topo##*:}
    log "compare: $kind Redis, $parts partition(s), ${COMPARE_SECONDS}s flood after ${COMPARE_WARMUP}s"
    if [ "$kind" = cluster ]; then start_cluster "$topo"; else start_single "$topo"; fi
    redis_env "$kind"
    common_env "mutt_cap_${RUN}_${kind}_${parts}" "$WORK/data-$kind-$parts"
    export REDIS_PARTITIONS=$parts ALERT_COALESCE_WINDOW_SECONDS=0
    export ALERTER_QUEUE_SHED_THRESHOLD=20000 ALERTER_QUEUE_WARN_THRESHOLD=10000
    local receiver; receiver=$(free_port)
    export MOOG_WEBHOOK_URL="http://127.0.0.1:$receiver/events"
    start_mutt ingest,alerter,forwarder "$WORK/compare-$kind-$parts.log"
    sleep 2
    local out="$WORK/compare-$kind-$parts.json"
    generator "$out" --mode flood --warmup "$COMPARE_WARMUP" --duration "$COMPARE_SECONDS" --drain 60 \
      --receiver-port "$receiver" --stage-metrics "http://127.0.0.1:29081/metrics" \
      --stage-counter mutt_alerter_events_processed_total
    sleep "$COMPARE_WARMUP"
    local a b gen0 gen1
    gen0=$(cpu_ticks "$gen_pid")
    a=$(snap)
    sleep "$COMPARE_SECONDS"
    b=$(snap)
    gen1=$(cpu_ticks "$gen_pid")
    wait "$gen_pid" || true
    local summary; summary=$(cat "$out")
    local n; n=$(jq '((.delivered_per_s // 0) * '"$COMPARE_SECONDS"') | round' <<<"$summary")
    local s; s=$(charge "$kind:$parts" "$a" "$b" "$(( n > 0 ? n : 1 ))" \
      "{\"generator_cores\": $(echo "scale=2; ($gen1 - $gen0) / $hz / $COMPARE_SECONDS" | bc), \"redis_nodes\": ${#redis_ports[@]}, \"postgres_backend_cores\": $(jq -n --argjson a "$a" --argjson b "$b" --argjson hz "$hz" --argjson s "$COMPARE_SECONDS" '(($b.pg_ticks - $a.pg_ticks) / $hz / $s * 100 | round) / 100'), \"generator\": $(jq -c '{accepted_per_s, delivered_per_s, delivered_min_1s, backlog_at_window_end, undelivered_after_drain, duplicate_deliveries}' <<<"$summary")}")
    results=$(jq --arg k "$kind:$parts" --argjson s "$s" '. + {($k): $s}' <<<"$results")
    log "$kind:$parts: $(jq -c '{events_per_s, mutt_cores, redis_cores, generator_cores, redis_cpu_us_per_event, mutt_cpu_us_per_event, load_average_after, generator}' <<<"$s")"
    stop_mutt
    stop_redis
  done
}

for phase in $PHASES; do "$phase"; done
results=$(jq --arg cpu "$(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
  --arg redis "$(redis-server --version | awk '{print $3}')" --arg commit "$(git rev-parse --short HEAD 2>/dev/null || echo '?')" \
  '. + {machine: $cpu, redis_server: $redis, commit: $commit}' <<<"$results")
echo "$results" | tee "$OUT_DIR/capacity-$RUN.json"
