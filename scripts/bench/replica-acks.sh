#!/usr/bin/env bash
# Cost of replica acknowledgement (docs/OPERATIONS.md, ADR 0031): single-event ingest at 64 connections with
# REDIS_MIN_REPLICA_ACKS=1 next to the same with 0, in the same run, on the same Redis master with one replica.
# Starts its own master and replica (Debian's redis-server, free loopback ports, temp dir) and two MUTT ingest
# JVMs (one per setting, separate key prefixes), then drives them in turn with wrk (single.lua), ROUNDS rounds of
# BENCH_DURATION seconds each, alternating so drift affects both alike. Prints req/s, p50 and p99 per round and the
# ratio of the medians. Everything it starts is stopped on exit; the machine's Redis on 6379 is not touched.
#
#   scripts/bench/replica-acks.sh                  # 3 rounds x 15 s per setting, 64 connections
#   ROUNDS=5 BENCH_CONNECTIONS=8 scripts/bench/replica-acks.sh
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_DIR="$root/scripts/bench"
DURATION="${BENCH_DURATION:-15}"
WARMUP="${BENCH_WARMUP:-10}"
ROUNDS="${ROUNDS:-3}"
CONNS="${BENCH_CONNECTIONS:-64}"
THREADS="${BENCH_THREADS:-2}"
JAVA_OPTS_BENCH="${BENCH_JAVA_OPTS:--Xms512m -Xmx512m}"
KEY="bench-key-0123456789-$RANDOM$RANDOM"
WORK="$(mktemp -d /tmp/mutt-replica-acks.XXXXXX)"

cleanup() {
  stop_started
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

need_tools redis-server redis-cli wrk python3
[[ -f "$jar" ]] || build_jar

MASTER="$(free_port)"; REPLICA="$(free_port)"
start_redis "$MASTER" "$WORK/redis-$MASTER" --repl-diskless-sync-delay 0
start_redis "$REPLICA" "$WORK/redis-$REPLICA" --repl-diskless-sync-delay 0 --replicaof 127.0.0.1 "$MASTER"
for _ in $(seq 1 100); do redis-cli -p "$MASTER" INFO replication | grep -q "state=online" && break; sleep 0.1; done
log "Redis master 127.0.0.1:$MASTER, replica 127.0.0.1:$REPLICA"

# Not in a $(...) subshell, so that the JVM's pid reaches PIDS (and is stopped at exit).
start_mutt() { # name acks -> mutt_port
  local name="$1" acks="$2" port
  port="$(free_port)"
  env SERVER_PORT_INGESTOR="$port" INGEST_API_KEY="$KEY" MUTT_KEY_PREFIX="bench$name$RANDOM" LOG_LEVEL=WARN \
    REDIS_HOST=127.0.0.1 REDIS_PORT="$MASTER" REDIS_TLS_ENABLED=false REDIS_MIN_REPLICA_ACKS="$acks" \
    MAX_INGEST_QUEUE_SIZE=2000000000 MUTT_DATA_DIR="$WORK/data-$name" DYNAMIC_CONFIG_ENABLED=false \
    java $JAVA_OPTS_BENCH -jar "$jar" run --roles ingest >"$WORK/mutt-$name.log" 2>&1 &
  PIDS+=($!)
  await MUTT "$!" "$WORK/mutt-$name.log" 600 0.1 logged_up "$WORK/mutt-$name.log" \
    || { cat "$WORK/mutt-$name.log" >&2; exit 1; }
  mutt_port="$port"
}
start_mutt acks0 0; PORT0="$mutt_port"
start_mutt acks1 1; PORT1="$mutt_port"
log "MUTT ingest with REDIS_MIN_REPLICA_ACKS=0 on :$PORT0, =1 on :$PORT1"

# bounded streams, as a consumer would keep them
( while sleep 1; do
    for k in $(redis-cli -p "$MASTER" --scan --pattern 'bench*:ingest_queue'); do
      redis-cli -p "$MASTER" XTRIM "$k" MAXLEN "~" 100000 >/dev/null 2>&1 || true
    done
  done ) &
PIDS+=($!)

run_wrk() { # port seconds -> "req/s p50_ms p99_ms non2xx"
  MUTT_BENCH_KEY="$KEY" MUTT_BENCH_DIR="$BENCH_DIR" wrk -t "$THREADS" -c "$CONNS" -d "${2}s" --timeout 10s \
    -s "$BENCH_DIR/single.lua" "http://127.0.0.1:$1/api/v2/ingest" 2>&1 | awk '/^WRK_RESULT/ {
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "%.0f %.2f %.2f %d\n", v["requests"] / (v["duration_us"] / 1e6), v["p50_us"] / 1000, v["p99_us"] / 1000, v["non2xx"] }'
}

log "warming up (${WARMUP}s each)"
run_wrk "$PORT0" "$WARMUP" >/dev/null
run_wrk "$PORT1" "$WARMUP" >/dev/null

printf "%-6s %-22s %9s %8s %8s %8s\n" round setting "req/s" "p50 ms" "p99 ms" non-2xx
r0=(); r1=()
for i in $(seq 1 "$ROUNDS"); do
  read -r rps p50 p99 bad < <(run_wrk "$PORT0" "$DURATION")
  printf "%-6s %-22s %9s %8s %8s %8s\n" "$i" "REDIS_MIN_REPLICA_ACKS=0" "$rps" "$p50" "$p99" "$bad"; r0+=("$rps")
  read -r rps p50 p99 bad < <(run_wrk "$PORT1" "$DURATION")
  printf "%-6s %-22s %9s %8s %8s %8s\n" "$i" "REDIS_MIN_REPLICA_ACKS=1" "$rps" "$p50" "$p99" "$bad"; r1+=("$rps")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
m0="$(median "${r0[@]}")"; m1="$(median "${r1[@]}")"
waits="$(curl -s "http://127.0.0.1:$PORT1/metrics" | awk '/^mutt_redis_wait_seconds_(count|sum) / { v[$1] = $2 }
  END { if (v["mutt_redis_wait_seconds_count"] > 0) printf "%d WAITs, mean %.3f ms", v["mutt_redis_wait_seconds_count"],
        1000 * v["mutt_redis_wait_seconds_sum"] / v["mutt_redis_wait_seconds_count"] }')"
timeouts="$(curl -s "http://127.0.0.1:$PORT1/metrics" | awk '/^mutt_redis_wait_timeouts_total / { print $2 }')"
awk -v a="$m1" -v b="$m0" -v c="$CONNS" 'BEGIN { printf "single event, %d connections: median %d req/s with acks=1, %d without: %.2fx\n", c, a, b, (b > 0 ? a / b : 0) }'
echo "acks=1 JVM: $waits, WAIT timeouts ${timeouts:-0}"
