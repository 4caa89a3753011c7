#!/usr/bin/env bash
# Native intake benchmark (docs/PERFORMANCE-intake.md): MUTT's syslog and SNMP trap listeners on a Redis of their
# own, fed by scripts/bench/IntakeSender.java, with in the same run a stock rsyslog (imtcp -> omfile) fed the same
# TCP input as the reference for what a syslog receiver costs on this machine.
#   scenarios: TCP at a fixed rate and flat out (durably queued lines/s), rsyslog imtcp->omfile flat out,
#              UDP at fixed rates (drops: MUTT's counter and the kernel's RcvbufErrors), v2c and v3 (authPriv) traps.
#
#   scripts/bench/syslog.sh
#
# Environment: BENCH_DURATION (s per scenario, 10), BENCH_UDP_DURATION (s, 20), BENCH_UDP_RATES ("10000 50000"; empty
# skips UDP), BENCH_TRAPS ("v2c v3"; empty skips traps), MUTT_JAR (the MUTT build to measure, default this tree's),
# BENCH_TCP_RATE (fixed offered rate, 50000), BENCH_TCP_CONNECTIONS (4), BENCH_JAVA_OPTS ("-Xms768m -Xmx768m": the
# heap the chart gives an ingest pod, which runs the listeners: 75 % of its 1 GiB limit),
# BENCH_WARMUP (s of flat-out TCP to each receiver before measuring, so MUTT's JIT has compiled the path, 20),
# BENCH_TCP_ROUNDS (flat-out MUTT / rsyslog pairs, run alternately so both see the same machine load, 3),
# SYSLOG_INSTANCES (TCP verticles, number of cores). Needs redis-server, rsyslogd, curl and verticles/target/mutt.jar
# (mvn -B -DskipTests package). The ingest stream is emptied every BENCH_TRIM_MS (50), as the alerter deletes what it
# has handled (scripts/bench/stream-trimmer.py: every second, before run 7); the queued counter
# (mutt_listener_queued_total) counts only events whose XADD Redis acknowledged. Each flat-out TCP row also gives
# the CPU time per event of the receiving processes (MUTT's JVM and its Redis, or rsyslogd) from /proc, a figure that
# depends far less on what else the machine runs than the rate does, with the sender's own CPU per line and the
# machine's idle share while the lines moved (both since run 7). The load average is printed before and after.
# Everything started is stopped.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SENDER="$root/scripts/bench/IntakeSender.java"
DURATION="${BENCH_DURATION:-10}"
UDP_DURATION="${BENCH_UDP_DURATION:-20}"
UDP_RATES="${BENCH_UDP_RATES-10000 50000}"
WARMUP="${BENCH_WARMUP:-20}"
TRIM_MS="${BENCH_TRIM_MS:-50}"
ROUNDS="${BENCH_TCP_ROUNDS:-3}"
TCP_RATE="${BENCH_TCP_RATE:-50000}"
CONNS="${BENCH_TCP_CONNECTIONS:-4}"
JOPTS="${BENCH_JAVA_OPTS:--Xms768m -Xmx768m}"
TRAP_VERSIONS="${BENCH_TRAPS-v2c v3}"
jar="${MUTT_JAR:-$jar}"
WORK="$(mktemp -d /tmp/mutt-intake-bench.XXXXXX)"
PREFIX="bench$RANDOM"

# The documented UDP buffer (SYSLOG_UDP_RECEIVE_BUFFER, 8 MiB) needs net.core.rmem_max at least as large; raised for
# the run when it is lower and this user may, and put back afterwards.
RMEM_MAX_BEFORE=$(cat /proc/sys/net/core/rmem_max 2>/dev/null || echo "")
RMEM_MAX_RAISED=""
cleanup() {
  stop_started
  rm -rf "$WORK"
  if [[ -n "$RMEM_MAX_RAISED" ]]; then echo "$RMEM_MAX_BEFORE" >/proc/sys/net/core/rmem_max 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }

[[ -f "$jar" ]] || { log "build first: mvn -B -DskipTests package"; exit 2; }
RP=$(free_port); HTTP=$(free_port); TCP=$(free_port); UDP=$(free_port); TRAP=$(free_port); RSYS=$(free_port)

start_redis "$RP" "$WORK/redis"
if [[ -n "$RMEM_MAX_BEFORE" ]] && (( RMEM_MAX_BEFORE < 8388608 )); then
  if echo 8388608 >/proc/sys/net/core/rmem_max 2>/dev/null; then
    RMEM_MAX_RAISED=1
    log "net.core.rmem_max raised from $RMEM_MAX_BEFORE to 8388608 for the run (SYSLOG_UDP_RECEIVE_BUFFER's default)"
  else
    log "net.core.rmem_max is $RMEM_MAX_BEFORE: the UDP listener gets less than its documented 8 MiB buffer"
  fi
fi

env REDIS_HOST=127.0.0.1 REDIS_PORT="$RP" MUTT_KEY_PREFIX="$PREFIX" INGEST_API_KEY=bench-ingest-key-0123456789 \
  SERVER_PORT_INGESTOR="$HTTP" SYSLOG_TCP_PORT="$TCP" SYSLOG_UDP_PORT="$UDP" SYSLOG_TLS_PORT=0 \
  SYSLOG_BIND_HOST=127.0.0.1 SNMP_TRAP_BIND_HOST=127.0.0.1 SNMP_TRAP_PORT="$TRAP" \
  SYSLOG_INSTANCES="${SYSLOG_INSTANCES:-$(nproc)}" \
  SNMP_TRAP_V3_USERS=bench:SHA-256:AES SNMP_TRAP_V3_AUTH_PASS_BENCH=bench-auth-pass \
  SNMP_TRAP_V3_PRIV_PASS_BENCH=bench-priv-pass MUTT_DATA_DIR="$WORK/data" \
  java $JOPTS -XX:+UseParallelGC -jar "$jar" run --roles ingest,syslog,traps >"$WORK/mutt.log" 2>&1 &
PIDS+=($!)
await MUTT "$!" "$WORK/mutt.log" 300 0.2 healthy "http://127.0.0.1:$HTTP/health" \
  || { log "MUTT did not start"; tail -20 "$WORK/mutt.log"; exit 1; }

# The consumer's part: what is queued is deleted every BENCH_TRIM_MS, as the alerter deletes each batch it has
# handled, from one connection (scripts/bench/stream-trimmer.py).
python3 "$root/scripts/bench/stream-trimmer.py" "$RP" "$PREFIX:ingest_queue" "$TRIM_MS" &
PIDS+=($!)

listener_metric() { # name listener [reason]
  local sel="listener=\"$2\""
  curl -s "http://127.0.0.1:$HTTP/metrics" | grep "^$1{" | grep "$sel" | { if [[ -n "${3:-}" ]]; then grep "reason=\"$3\""; else cat; fi; } \
    | awk '{s+=$2} END {printf "%d", s}'
}
rcvbuf_errors() { awk '/^Udp:/ {n++; if (n==2) print $6}' /proc/net/snmp; }

# Runs the sender, samples a counter every 0.25 s until it has not moved for 2 s, and prints the rate between its
# first and last movement, and between those movements the machine's idle share (a flat-out round with CPU left idle
# is bound by something else) and the sender's CPU time: "<count> <seconds> <per-second> <sent> <idle> <sender-ticks>".
measure() { # probe-command... -- sender-args...
  local probe=() args=()
  while [[ "$1" != "--" ]]; do probe+=("$1"); shift; done; shift; args=("$@")
  local start_v first_t="" last_t last_v v t c still=0 first_i="0 0" last_i="0 0" first_c=0 last_c=0
  start_v=$("${probe[@]}")
  java -cp "$jar" "$SENDER" "${args[@]}" >"$WORK/sender.out" 2>&1 &
  local sp=$!
  last_v=$start_v
  while true; do
    sleep 0.25
    v=$("${probe[@]}"); t=$(now)
    if [[ "$v" != "$last_v" ]]; then
      [[ -z "$first_t" ]] && first_t=$t && first_v=$last_v && first_i=$(idle_ticks) && first_c=$(cpu_ticks "$sp")
      last_t=$t; last_v=$v; still=0; last_i=$(idle_ticks)
      c=$(cpu_ticks "$sp"); (( c > 0 )) && last_c=$c  # 0 once the sender has exited
    else
      still=$((still + 1))
      if ! kill -0 "$sp" 2>/dev/null && (( still >= 8 )); then break; fi
    fi
  done
  wait "$sp" || true
  local sent n=$((last_v - start_v))
  sent=$(awk '/^sent/ {print $2}' "$WORK/sender.out")
  if [[ -z "$first_t" ]]; then echo "0 0 0 ${sent:-0} - 0"; return; fi
  # the first sample already holds what arrived in the first 0.25 s
  python3 -c "n=$n; s=max($last_t-$first_t+0.25,0.001); print(n, round(s,2), int(n/s), '${sent:-0}')" | tr -d '\n'
  echo " $(idle_share "$first_i" "$last_i") $((last_c - first_c))"
}

queued() { listener_metric mutt_listener_queued_total "$1"; }
us_per_event() { python3 -c "print(round(($2) / $(getconf CLK_TCK) / max($1, 1) * 1e6, 2))"; } # events ticks
# The machine's idle ticks and all its ticks ("idle total", /proc/stat), and the idle share between two readings.
idle_ticks() { awk '/^cpu / {t=0; for (i=2; i<=NF; i++) t+=$i; print $5 + $6, t}' /proc/stat; }
idle_share() { python3 -c "a='$1'.split(); b='$2'.split(); print(f'{(int(b[0])-int(a[0]))/max(int(b[1])-int(a[1]),1):.0%}')"; }
# rsyslog's progress is sampled as the size of its output file (a stat), and its lines are counted once after the
# round: counting lines every 0.25 s would read the whole growing file each time, CPU taken from rsyslog.
file_bytes() { stat -c %s "$WORK/rsyslog.out" 2>/dev/null || echo 0; }
file_lines() { [[ -f "$WORK/rsyslog.out" ]] && wc -l <"$WORK/rsyslog.out" || echo 0; }

printf '%-44s %10s %8s %12s %s\n' scenario events seconds per_second notes
row() { printf '%-44s %10s %8s %12s %s\n' "$@"; }
log "load average at start: $(loadavg) ($(nproc) cores)"
MUTT_PID=${PIDS[1]}
REDIS_PID=${PIDS[0]}

cat >"$WORK/rsyslog.conf" <<CONF
global(workDirectory="$WORK")
module(load="imtcp" MaxSessions="100")
input(type="imtcp" address="127.0.0.1" port="$RSYS" ruleset="file")
ruleset(name="file") { action(type="omfile" file="$WORK/rsyslog.out" template="RSYSLOG_FileFormat") }
CONF
rsyslogd -n -f "$WORK/rsyslog.conf" -i "$WORK/rsyslogd.pid" >"$WORK/rsyslogd.log" 2>&1 &
RSYSLOG_PID=$!
PIDS+=($RSYSLOG_PID)
sleep 1

if (( WARMUP > 0 )); then
  log "warm-up: ${WARMUP}s flat out to MUTT, then to rsyslog (not measured)"
  java -cp "$jar" "$SENDER" tcp 127.0.0.1 "$TCP" 0 "$WARMUP" "$CONNS" >/dev/null 2>&1
  java -cp "$jar" "$SENDER" tcp 127.0.0.1 "$RSYS" 0 "$WARMUP" "$CONNS" >/dev/null 2>&1
  : >"$WORK/rsyslog.out"
fi

read -r n s r SENT IDLE SCPU < <(measure queued syslog_tcp -- tcp 127.0.0.1 "$TCP" "$TCP_RATE" "$DURATION" "$CONNS")
row "MUTT syslog TCP offered $TCP_RATE/s" "$n" "$s" "$r" "sent $SENT"

RATIOS=()
for round in $(seq 1 "$ROUNDS"); do
  c0=$(cpu_ticks "$MUTT_PID"); d0=$(cpu_ticks "$REDIS_PID")
  read -r n s r SENT IDLE SCPU < <(measure queued syslog_tcp -- tcp 127.0.0.1 "$TCP" 0 "$DURATION" "$CONNS")
  c1=$(cpu_ticks "$MUTT_PID"); d1=$(cpu_ticks "$REDIS_PID")
  MUTT_TCP=$r
  row "MUTT syslog TCP flat out ($CONNS conns) #$round" "$n" "$s" "$r" \
    "sent $SENT; CPU/event: MUTT $(us_per_event "$n" "$c1 - $c0") us + Redis $(us_per_event "$n" "$d1 - $d0") us, sender $(us_per_event "$n" "$SCPU") us/line; idle $IDLE; load $(loadavg)"
  : >"$WORK/rsyslog.out"
  c0=$(cpu_ticks "$RSYSLOG_PID")
  read -r n s r SENT IDLE SCPU < <(measure file_bytes -- tcp 127.0.0.1 "$RSYS" 0 "$DURATION" "$CONNS")
  c1=$(cpu_ticks "$RSYSLOG_PID")
  n=$(file_lines); r=$(python3 -c "print(int($n / max($s, 0.001)))")
  ratio=$(python3 -c "print(round($MUTT_TCP/max($r,1),2))")
  RATIOS+=("$ratio")
  row "rsyslog imtcp->omfile flat out ($CONNS conns) #$round" "$n" "$s" "$r" \
    "sent $SENT; CPU/event: rsyslogd $(us_per_event "$n" "$c1 - $c0") us, sender $(us_per_event "$n" "$SCPU") us/line; idle $IDLE; MUTT/rsyslog = $ratio"
done
(( ROUNDS > 0 )) && log "MUTT/rsyslog by round: ${RATIOS[*]} (median $(printf '%s\n' "${RATIOS[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'))"

for rate in $UDP_RATES; do
  d0=$(listener_metric mutt_listener_dropped_total syslog_udp); k0=$(rcvbuf_errors); r0=$(listener_metric mutt_listener_received_total syslog_udp)
  read -r n s r SENT IDLE SCPU < <(measure queued syslog_udp -- udp 127.0.0.1 "$UDP" "$rate" "$UDP_DURATION")
  d1=$(listener_metric mutt_listener_dropped_total syslog_udp); k1=$(rcvbuf_errors); r1=$(listener_metric mutt_listener_received_total syslog_udp)
  reasons=""
  for why in overload queue_full redis; do
    c=$(listener_metric mutt_listener_dropped_total syslog_udp "$why")
    (( c > 0 )) && reasons+=" $why=$c"
  done
  row "MUTT syslog UDP offered $rate/s for ${UDP_DURATION}s" "$n" "$s" "$r" \
    "sent $SENT, received $((r1 - r0)), dropped by MUTT $((d1 - d0))${reasons:+ (so far:$reasons)}, kernel RcvbufErrors +$((k1 - k0))"
done

for v in $TRAP_VERSIONS; do
  d0=$(listener_metric mutt_listener_dropped_total snmp_trap); k0=$(rcvbuf_errors); r0=$(listener_metric mutt_listener_received_total snmp_trap)
  read -r n s r SENT IDLE SCPU < <(measure queued snmp_trap -- trap 127.0.0.1 "$TRAP" 0 "$DURATION" "$v")
  d1=$(listener_metric mutt_listener_dropped_total snmp_trap); k1=$(rcvbuf_errors); r1=$(listener_metric mutt_listener_received_total snmp_trap)
  row "MUTT SNMP $v traps flat out$([[ $v == v3 ]] && echo ' (SHA-256+AES)')" "$n" "$s" "$r" \
    "sent $SENT, received $((r1 - r0)), dropped by MUTT $((d1 - d0)), kernel RcvbufErrors +$((k1 - k0))"
done
log "load average at end: $(loadavg)"
