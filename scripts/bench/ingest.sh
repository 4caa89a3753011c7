#!/usr/bin/env bash
# Ingest benchmark (docs/PERFORMANCE-ingest.md): MUTT's ingest role next to a baseline handler that only
# parses the body and XADDs it, both on the same Redis, driven by wrk on loopback:
#   single event and batch of 100, at 8 and 64 connections, one summary line per scenario plus the ratio to baseline.
#
#   scripts/bench/ingest.sh                 # the four scenarios (about 3 minutes)
#   scripts/bench/ingest.sh --flood 300     # MUTT only, single event at 64 connections for 300 s, with a GC log
#
# Environment: BENCH_DURATION (s per scenario, 15), BENCH_WARMUP (s, 5), BENCH_CONNECTIONS ("8 64"),
# BENCH_THREADS (wrk threads, 2), BENCH_JAVA_OPTS (both JVMs, "-Xms512m -Xmx512m"), INGEST_INSTANCES (both servers,
# number of cores), REDIS_HOST / REDIS_PORT / REDIS_PASS (else 127.0.0.1:6379 when it answers PING, else MUTT's
# embedded Redis). Keys use a fresh prefix and are deleted at the end; streams are trimmed every second, as a
# consumer would, so Redis memory stays bounded. Everything the script starts is stopped on exit.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_DIR="$root/scripts/bench"
CLASSES="$root/verticles/target/bench-classes"
DURATION="${BENCH_DURATION:-15}"
WARMUP="${BENCH_WARMUP:-5}"
CONNECTIONS="${BENCH_CONNECTIONS:-8 64}"
THREADS="${BENCH_THREADS:-2}"
JAVA_OPTS_BENCH="${BENCH_JAVA_OPTS:--Xms512m -Xmx512m}"
INSTANCES="${INGEST_INSTANCES:-$(nproc)}"
KEY="bench-key-0123456789-$RANDOM$RANDOM"
PREFIX="bench$RANDOM$RANDOM"
FLOOD=0
if [[ "${1:-}" == "--flood" ]]; then
  FLOOD="${2:-300}"
fi
WORK="$(mktemp -d /tmp/mutt-bench.XXXXXX)"

cleanup() {
  stop_started
  if [[ -n "${RH:-}" ]]; then
    redis_cmd UNLINK "$PREFIX:ingest_queue" "$PREFIX:baseline_queue" >/dev/null 2>&1 || true
    for k in $(redis_scan "$PREFIX:*"); do redis_cmd UNLINK "$k" >/dev/null 2>&1 || true; done
  fi
  if [[ "$FLOOD" == 0 ]]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tiny Redis client over bash /dev/tcp (no redis-cli needed) -------------------------------------------------
redis_cmd() {
  local fd req="*$#\r\n" w reply
  for w in "$@"; do req+="\$${#w}\r\n$w\r\n"; done
  exec {fd}<>"/dev/tcp/$RH/$RP" || return 1
  if [[ -n "${REDIS_PASS:-}" ]]; then
    printf '*2\r\n$4\r\nAUTH\r\n$%d\r\n%s\r\n' "${#REDIS_PASS}" "$REDIS_PASS" >&"$fd"
    read -r -t 2 reply <&"$fd" || true
  fi
  printf "$req" >&"$fd"
  read -r -t 5 reply <&"$fd" || reply=""
  exec {fd}>&-
  echo "${reply%$'\r'}"
}

redis_scan() {
  # SCAN is multi-line; redis-cli is simpler when present, else only the known keys are removed.
  if command -v redis-cli >/dev/null; then
    redis-cli -h "$RH" -p "$RP" ${REDIS_PASS:+-a "$REDIS_PASS"} --no-auth-warning --scan --pattern "$1" 2>/dev/null || true
  fi
}

redis_answers() { # host port
  local fd reply
  { exec {fd}<>"/dev/tcp/$1/$2"; } 2>/dev/null || return 1
  printf 'PING\r\n' >&"$fd"
  read -r -t 1 reply <&"$fd" || reply=""
  exec {fd}>&-
  [[ "$reply" == +PONG* || "$reply" == -NOAUTH* ]]
}

# No python3: a random port (lib.sh's free_port asks the kernel for one).
if ! command -v python3 >/dev/null; then free_port() { echo $((20000 + RANDOM % 20000)); }; fi

# --- prerequisites -------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  log "installing wrk"
  if [[ $(id -u) == 0 ]]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi
[[ -f "$jar" ]] || build_jar
if [[ ! -f "$CLASSES/io/mutt/bench/BaselineIngestServer.class" \
      || "$root/verticles/src/test/java/io/mutt/bench/BaselineIngestServer.java" -nt "$CLASSES/io/mutt/bench/BaselineIngestServer.class" ]]; then
  log "compiling the baseline handler"
  mkdir -p "$CLASSES"
  javac -q -d "$CLASSES" -cp "$jar" "$root/verticles/src/test/java/io/mutt/bench/BaselineIngestServer.java" 2>/dev/null \
    || javac -d "$CLASSES" -cp "$jar" "$root/verticles/src/test/java/io/mutt/bench/BaselineIngestServer.java"
fi

# --- Redis ---------------------------------------------------------------------------------------------------
MUTT_PORT="$(free_port)"
BASE_PORT="$(free_port)"
# No cap in the way (the streams are trimmed instead) and no dynamic config: there is nothing to read, and its
# periodic SCAN of a shared Redis full of other keys would only add noise.
MUTT_ENV=(SERVER_PORT_INGESTOR="$MUTT_PORT" INGEST_API_KEY="$KEY" MUTT_KEY_PREFIX="$PREFIX" LOG_LEVEL=WARN
  MAX_INGEST_QUEUE_SIZE=2000000000 INGEST_INSTANCES="$INSTANCES" MUTT_DATA_DIR="$WORK/data" DYNAMIC_CONFIG_ENABLED=false)
if [[ -n "${REDIS_HOST:-}" ]]; then
  RH="$REDIS_HOST"; RP="${REDIS_PORT:-6379}"
  MUTT_ENV+=(REDIS_HOST="$RH" REDIS_PORT="$RP")
elif redis_answers 127.0.0.1 6379; then
  RH=127.0.0.1; RP=6379
  MUTT_ENV+=(REDIS_HOST="$RH" REDIS_PORT="$RP" REDIS_TLS_ENABLED=false)
else
  RH=""; RP=""
fi

# --- servers -------------------------------------------------------------------------------------------------
log "starting MUTT (--roles ingest, $INSTANCES instances) on :$MUTT_PORT"
if [[ "$FLOOD" != 0 ]]; then
  JAVA_OPTS_BENCH="$JAVA_OPTS_BENCH -Xlog:gc:file=$WORK/gc.log:time,uptime"
fi
# shellcheck disable=SC2086
env "${MUTT_ENV[@]}" java $JAVA_OPTS_BENCH -jar "$jar" run --roles ingest >"$WORK/mutt.log" 2>&1 &
PIDS+=($!)
await MUTT "$!" "$WORK/mutt.log" 600 0.1 logged_up "$WORK/mutt.log" \
  || { log "MUTT did not start"; cat "$WORK/mutt.log" >&2; exit 1; }
if [[ -z "$RH" ]]; then
  RH=127.0.0.1
  RP="$(sed -n 's/.*Redis *embedded at 127.0.0.1:\([0-9]*\).*/\1/p' "$WORK/mutt.log" | head -1)"
fi
log "Redis at $RH:$RP, key prefix $PREFIX"

if [[ "$FLOOD" == 0 ]]; then
  log "starting the baseline handler on :$BASE_PORT"
  # shellcheck disable=SC2086
  java $JAVA_OPTS_BENCH -cp "$jar:$CLASSES" io.mutt.bench.BaselineIngestServer "$BASE_PORT" "$RH" "$RP" \
    "$PREFIX:baseline_queue" "$INSTANCES" "${REDIS_PASS:-}" >"$WORK/baseline.log" 2>&1 &
  PIDS+=($!)
  await "the baseline handler" "$!" "$WORK/baseline.log" 300 0.1 port_open 127.0.0.1 "$BASE_PORT" || { cat "$WORK/baseline.log" >&2; exit 1; }
fi

# Keeps Redis memory bounded like a consumer would: trims both streams to about 100k entries every second.
( while sleep 1; do
    redis_cmd XTRIM "$PREFIX:ingest_queue" MAXLEN "~" 100000 >/dev/null 2>&1 || true
    redis_cmd XTRIM "$PREFIX:baseline_queue" MAXLEN "~" 100000 >/dev/null 2>&1 || true
  done ) &
PIDS+=($!)

# --- wrk -----------------------------------------------------------------------------------------------------
run_wrk() { # url script connections seconds -> "req/s events/s p50_ms p99_ms non2xx socket_errors"
  local out
  out="$(MUTT_BENCH_KEY="$KEY" MUTT_BENCH_DIR="$BENCH_DIR" wrk -t "$THREADS" -c "$3" -d "${4}s" --timeout 10s \
    -s "$BENCH_DIR/$2" "$1" 2>&1)" || { echo "$out" >&2; return 1; }
  echo "$out" | awk '/^WRK_RESULT/ {
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      rps = v["requests"] / (v["duration_us"] / 1e6)
      printf "%.0f %.0f %.2f %.2f %d %d\n", rps, rps * v["events_per_request"], v["p50_us"] / 1000, v["p99_us"] / 1000,
        v["non2xx"], v["socket_errors"] }'
}

MUTT_URL="http://127.0.0.1:$MUTT_PORT/api/v2/ingest"
BASE_URL="http://127.0.0.1:$BASE_PORT/ingest"

if [[ "$FLOOD" != 0 ]]; then
  log "flood: single event, 64 connections, ${FLOOD}s; GC log $WORK/gc.log"
  read -r rps eps p50 p99 bad sock < <(run_wrk "$MUTT_URL" single.lua 64 "$FLOOD")
  printf "flood %ss  mutt  %8s req/s  p50 %6s ms  p99 %6s ms  non-2xx %s  socket errors %s\n" "$FLOOD" "$rps" "$p50" \
    "$p99" "$bad" "$sock"
  echo "GC log: $WORK/gc.log"
  # Pause lines look like: [..][12.345s] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 310M->14M(512M) 2.345ms
  grep -E "GC\([0-9]+\) Pause.*->.*ms$" "$WORK/gc.log" | awk '
    { match($0, /\[[0-9.]+s\]/); t = substr($0, RSTART + 1, RLENGTH - 3) + 0
      match($0, /->[0-9]+M/); after = substr($0, RSTART + 2, RLENGTH - 3) + 0
      match($0, /[0-9.]+ms$/); ms = substr($0, RSTART, RLENGTH - 2) + 0
      n++; total += ms; if (ms > max) max = ms; if (/Pause Full/) full++
      if (n == 1) t0 = t; last = t
      if (t - t0 < 60) { a_n++; a_sum += after; if (after > a_max) a_max = after }
      all[n] = t " " after }
    END {
      for (i = 1; i <= n; i++) { split(all[i], f, " "); if (f[1] > last - 60) { z_n++; z_sum += f[2]; if (f[2] > z_max) z_max = f[2] } }
      printf "GC: %d pauses (%d full), mean %.2f ms, max %.2f ms\n", n, full, (n ? total / n : 0), max
      printf "heap after GC: first minute mean %.0f MB (max %d), last minute mean %.0f MB (max %d)\n",
        (a_n ? a_sum / a_n : 0), a_max, (z_n ? z_sum / z_n : 0), z_max }'
  exit 0
fi

log "warming up both servers (${WARMUP}s each)"
run_wrk "$BASE_URL" single.lua 64 "$WARMUP" >/dev/null
run_wrk "$MUTT_URL" single.lua 64 "$WARMUP" >/dev/null
run_wrk "$BASE_URL" batch.lua 8 "$WARMUP" >/dev/null
run_wrk "$MUTT_URL" batch.lua 8 "$WARMUP" >/dev/null

ROW="%-7s %5s %-9s %9s %10s %7s %7s %8s %7s %6s\n"
# shellcheck disable=SC2059
printf "$ROW" scenario conns server "req/s" "events/s" "p50 ms" "p99 ms" "non-2xx" "sockerr" "ratio"
for script in single.lua batch.lua; do
  for c in $CONNECTIONS; do
    read -r b_rps b_eps b_p50 b_p99 b_bad b_sock < <(run_wrk "$BASE_URL" "$script" "$c" "$DURATION")
    read -r m_rps m_eps m_p50 m_p99 m_bad m_sock < <(run_wrk "$MUTT_URL" "$script" "$c" "$DURATION")
    ratio="$(awk -v m="$m_rps" -v b="$b_rps" 'BEGIN { printf "%.2f", (b > 0 ? m / b : 0) }')"
    # shellcheck disable=SC2059
    printf "$ROW" "${script%.lua}" "$c" baseline "$b_rps" "$b_eps" "$b_p50" "$b_p99" "$b_bad" "$b_sock" ""
    # shellcheck disable=SC2059
    printf "$ROW" "${script%.lua}" "$c" mutt "$m_rps" "$m_eps" "$m_p50" "$m_p99" "$m_bad" "$m_sock" "${ratio}x"
  done
done
# (vertx-micrometer's "Gauge has been already registered" at start is a known harmless warning)
problems="$(grep -E " (WARN|ERROR) " "$WORK/mutt.log" | grep -vc "already registered" || true)"
if [[ "$problems" != 0 ]]; then
  log "MUTT logged $problems warnings/errors during the run; the last ones:"
  grep -E " (WARN|ERROR) " "$WORK/mutt.log" | grep -v "already registered" | tail -5 >&2
fi
