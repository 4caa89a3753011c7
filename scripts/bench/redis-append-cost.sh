#!/usr/bin/env bash
# Redis instructions per appended event, for the four ways of appending a batch (ADR 0044): a redis-server of its own
# under valgrind's callgrind is fed BENCH_BATCHES batches of 1,000 events of 510 bytes by redis-append-cost.py, and
# the instructions of a run that appends nothing are subtracted. Deterministic, so one run per form is enough.
#
#   scripts/bench/redis-append-cost.sh            # needs valgrind, redis-server, redis-cli, python3 (~3 min)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v valgrind >/dev/null || { log "needs valgrind (apt-get install valgrind)"; exit 2; }
BATCHES="${BENCH_BATCHES:-100}"
FEEDER="$root/scripts/bench/redis-append-cost.py"
WORK="$(mktemp -d /tmp/mutt-append-cost.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

instructions() { # form batches
  local port pid
  port=$(free_port)
  valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.$1" \
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no >"$WORK/valgrind.$1" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.3; done
  if (( $2 > 0 )); then python3 "$FEEDER" "$port" "$1" "$2" >/dev/null; fi
  redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
  wait "$pid" 2>/dev/null || true
  awk '/^(summary|totals):/ {print $2; exit}' "$WORK/cg.$1"
}

base=$(instructions pipelined 0)
printf '%-10s %14s\n' form instr/event
for form in pipelined multi lua entries10; do
  total=$(instructions "$form" "$BATCHES")
  printf '%-10s %14s\n' "$form" "$(( (total - base) / (BATCHES * 1000) ))"
done
