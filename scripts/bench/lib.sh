# shellcheck shell=bash
# Set-up shared by the benchmarks in scripts/bench. Each sources it after `set -euo pipefail`, naming the tag of its
# log lines first:
#
#   BENCH_TAG=storm
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Gives root (the repository), jar (verticles/target/mutt.jar), PIDS (processes to stop at exit) and the functions
# below. It starts nothing and sets no trap: each script keeps its own cleanup.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/verticles/target/mutt.jar"
PIDS=()

log() { echo "[${BENCH_TAG:-bench}] $*" >&2; }
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
# CPU ticks (user + system) the given processes have used so far.
cpu_ticks() {
  local t=0 pid
  for pid in "$@"; do # a process may exit between the check and the read
    [ -r "/proc/$pid/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
  echo "$t"
}
# metric <port> <series prefix>: the sum of every sample of MUTT's /metrics on that port starting so (0 if none).
metric() { { curl -fs "http://127.0.0.1:$1/metrics" || true; } | awk -v m="$2" 'index($0, m) == 1 { s += $NF } END { printf "%d", s }'; }
need_tools() { local tool; for tool in "$@"; do command -v "$tool" >/dev/null || { log "needs $tool"; exit 2; }; done; }

# --- the jar -------------------------------------------------------------------------------------------------------
mvn_cmd() { if command -v mvn >/dev/null 2>&1; then mvn ${MVN_FLAGS:-} "$@"; else "$root/mvnw" ${MVN_FLAGS:-} "$@"; fi; }
# Sources whose change makes the jar stale (a script may narrow them before calling jar_stale).
BUILD_SOURCES=(pom.xml pipeline verticles/src verticles/pom.xml conf)
# jar_stale [file...]: true when the jar or one of the files is missing, or one of BUILD_SOURCES is newer than the jar.
jar_stale() {
  local f
  for f in "$jar" "$@"; do [ -f "$f" ] || return 0; done
  [ -n "$(cd "$root" && find "${BUILD_SOURCES[@]}" -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}
build_jar() {
  log "building $jar"
  (cd "$root" && mvn_cmd -B -q -DskipTests package -pl verticles -am >&2)
}

# --- the machine's Redis and PostgreSQL ----------------------------------------------------------------------------
# Unless REDIS_HOST / DB_HOST are given: the machine's Redis on 6379 and PostgreSQL on 5432 when they answer.
use_local_redis() {
  if [ -z "${REDIS_HOST:-}" ] && port_open 127.0.0.1 6379; then export REDIS_HOST=127.0.0.1 REDIS_PORT=6379; fi
}
use_local_postgres() {
  if [ -z "${DB_HOST:-}" ] && port_open 127.0.0.1 5432; then
    export DB_HOST=127.0.0.1 DB_PORT=5432 DB_USER=${DB_USER:-postgres}
  fi
}
require_local_stores() {
  use_local_redis
  use_local_postgres
  [ -n "${REDIS_HOST:-}" ] && [ -n "${DB_HOST:-}" ] || { log "needs Redis on 6379 and PostgreSQL on 5432 (or REDIS_HOST/DB_HOST)"; exit 2; }
}
rcli() { redis-cli -h "$REDIS_HOST" -p "${REDIS_PORT:-6379}" "$@"; }
# drop_run_data <work dir>: unless KEEP=1, deletes the run's Redis keys (PREFIX*, {PREFIX*), its database DB_NAME
# and <work dir>/data.
drop_run_data() {
  [ "${KEEP:-0}" != 1 ] || return 0
  local pattern
  if [ -n "${REDIS_HOST:-}" ] && command -v redis-cli >/dev/null; then
    for pattern in "${PREFIX}*" "{${PREFIX}*"; do
      rcli --scan --pattern "$pattern" | xargs -r -n 500 redis-cli -h "$REDIS_HOST" -p "${REDIS_PORT:-6379}" DEL >/dev/null
    done
  fi
  if [ -n "${DB_HOST:-}" ] && command -v psql >/dev/null; then
    psql -h "$DB_HOST" -p "${DB_PORT:-5432}" -U "$DB_USER" -d postgres -qc "DROP DATABASE IF EXISTS $DB_NAME" >/dev/null 2>&1 || true
  fi
  rm -rf "$1/data"
}

# --- processes -----------------------------------------------------------------------------------------------------
# Stops every process in PIDS and waits for it.
stop_started() {
  local pid
  for pid in "${PIDS[@]:-}"; do [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]:-}"; do [[ -n "$pid" ]] && wait "$pid" 2>/dev/null || true; done
}
# start_redis <port> <dir> [redis-server args...]: a redis-server without persistence on 127.0.0.1:<port>, its files
# and log in <dir>; added to PIDS (its pid also in redis_pid). Exits when it does not answer PING within 5 s.
redis_pid=""
start_redis() {
  local port=$1 dir=$2
  shift 2
  mkdir -p "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --save '' --appendonly no "$@" >"$dir/redis.log" 2>&1 &
  redis_pid=$!
  PIDS+=("$redis_pid")
  for _ in $(seq 1 50); do redis-cli -p "$port" PING >/dev/null 2>&1 && return 0; sleep 0.1; done
  log "redis on $port did not start"
  exit 1
}
# await <name> <pid> <log> <tries> <pause> <check...>: runs the check every <pause> seconds until it succeeds
# (return 0) or <tries> have failed (return 1); exits, with the end of <log>, as soon as the process <pid> has ended.
await() {
  local name=$1 pid=$2 logf=$3 tries=$4 pause=$5
  shift 5
  for _ in $(seq 1 "$tries"); do
    "$@" && return 0
    kill -0 "$pid" 2>/dev/null || { log "$name exited; see $logf"; tail -20 "$logf" >&2; exit 1; }
    sleep "$pause"
  done
  return 1
}
# healthy <url...>: every URL answers 2xx.
healthy() {
  local url
  for url in "$@"; do curl -fs "$url" >/dev/null 2>&1 || return 1; done
}
# answers <url>: the URL answers at all (any status).
answers() { curl -s -o /dev/null "$1" 2>/dev/null; }
# logged_up <log>: MUTT has logged that it is up.
logged_up() { grep -q "MUTT is up" "$1"; }
