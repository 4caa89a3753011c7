#!/usr/bin/env bash
# Flaky-Moogsoft run (docs/RELIABILITY.md): the Moogsoft stand-in answers 500 to FRACTION of requests at random while MUTT
# forwards alerts produced at RATE per second for DURATION seconds; then production stops, MUTT drains (forwarder
# retries, remediation replays mutt:dlq:moog), and the script reports produced vs delivered vs dead-lettered.
#
#   scripts/fault/moog-flaky.sh                       # the reference run: 600 s at 20 alerts/s, 20 % failures
#   DURATION=120 scripts/fault/moog-flaky.sh          # a 2-minute version
#   SOURCE=ingest scripts/fault/moog-flaky.sh         # events through ingest + alerter (needs the alerter role)
#
# Bounded and loopback only: every process it starts listens on / talks to 127.0.0.1, runs at most
# DURATION + DRAIN_MAX + 60 s, and is stopped by its PID on exit. Redis: REDIS_HOST/REDIS_PORT (default
# 127.0.0.1:6379, must answer PING; keys live under a fresh MUTT_KEY_PREFIX and are deleted at the end unless
# KEEP_KEYS=1). SOURCE=stream (default) appends alerts straight to the alert stream, as the alerter would;
# SOURCE=ingest POSTs events (hostnames that the demo rules match) and counts produced alerts from the alerter's
# mutt_alerter_alerts_forwarded_total. Exit status 0 iff every produced alert was delivered or dead-lettered.
set -euo pipefail

DURATION=${DURATION:-600}
RATE=${RATE:-20}
FRACTION=${FRACTION:-0.2}
SOURCE=${SOURCE:-stream}
DRAIN_MAX=${DRAIN_MAX:-300}
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar=${MUTT_JAR:-$root/verticles/target/mutt.jar}
work=$(mktemp -d "${TMPDIR:-/tmp}/mutt-flaky.XXXXXX")
prefix="flaky$(date +%s)"
pids=()

case "$REDIS_HOST" in 127.*|localhost) ;; *) echo "REDIS_HOST must be a loopback address" >&2; exit 2 ;; esac
command -v redis-cli >/dev/null || { echo "redis-cli is needed" >&2; exit 2; }
rcli() { redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" "$@"; }
[ "$(rcli PING 2>/dev/null)" = "PONG" ] || { echo "no Redis at $REDIS_HOST:$REDIS_PORT" >&2; exit 2; }
[ -f "$jar" ] || (cd "$root" && mvn -B -q -o -DskipTests package) >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
MOOG_PORT=$(free_port); MP=$(free_port); HP=$(free_port); RMP=$(free_port); RHP=$(free_port)
IP=$(free_port); AMP=$(free_port); AHP=$(free_port); WP=$(free_port)

cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 1 40); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$p" 2>/dev/null || true
  done
  if [ "${KEEP_KEYS:-0}" != 1 ]; then
    rcli --scan --pattern "$prefix:*" | while read -r k; do rcli DEL "$k" >/dev/null; done
  fi
  echo "logs: $work"
}
trap cleanup EXIT

java ${MUTT_JAVA_OPTS:--Xmx256m} -jar "$jar" mock-moog --host 127.0.0.1 --port "$MOOG_PORT" \
  --fault status --status 500 --fraction "$FRACTION" >"$work/moog.log" 2>&1 &
pids+=($!)

roles=forwarder,remediation
db_host=${DB_HOST:-127.0.0.1}   # not used by these roles; set so no embedded PostgreSQL is started
if [ "$SOURCE" = ingest ]; then roles=ingest,alerter,forwarder,remediation; db_host=${DB_HOST:-}; fi
env MUTT_KEY_PREFIX="$prefix" REDIS_HOST="$REDIS_HOST" REDIS_PORT="$REDIS_PORT" REDIS_TLS_ENABLED=false \
  DB_HOST="$db_host" MOOG_WEBHOOK_URL="http://127.0.0.1:$MOOG_PORT/events" MOOG_API_KEY=flaky-run-key \
  INGEST_API_KEY=flaky-ingest-key WEBUI_API_KEY=flaky-web-key MUTT_DATA_DIR="$work/data" \
  METRICS_PORT_MOOG=$MP HEALTH_PORT_MOOG=$HP METRICS_PORT_REMEDIATION=$RMP HEALTH_PORT_REMEDIATION=$RHP \
  SERVER_PORT_INGESTOR=$IP METRICS_PORT_ALERTER=$AMP HEALTH_PORT_ALERTER=$AHP SERVER_PORT_WEBUI=$WP \
  REMEDIATION_INTERVAL="${REMEDIATION_INTERVAL:-10}" MOOG_HEALTH_CACHE_SECONDS=0 \
  DB_USER="${DB_USER:-postgres}" \
  java ${MUTT_JAVA_OPTS:--Xmx512m} -jar "$jar" run --roles "$roles" >"$work/mutt.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$HP/health" >/dev/null 2>&1 && break
  kill -0 "${pids[1]}" 2>/dev/null || { echo "MUTT did not start:"; tail -20 "$work/mutt.log"; exit 1; }
  sleep 0.5
done
curl -fs "http://127.0.0.1:$HP/health" >/dev/null || { echo "forwarder not healthy"; tail -20 "$work/mutt.log"; exit 1; }

metric() { # sum of a sample family on a metrics port, optionally filtered by a label fragment
  curl -fs "http://127.0.0.1:$1/metrics" 2>/dev/null | awk -v n="$2" -v f="${3:-}" \
    'index($0, n) == 1 && (substr($0, length(n) + 1, 1) == "{" || substr($0, length(n) + 1, 1) == " ") && (f == "" || index($0, f)) { s += $NF } END { printf "%d\n", s }'
}

stream="$prefix:alert_queue"
echo "flaky run: ${DURATION}s at ${RATE}/s, ${FRACTION} of Moogsoft answers are 500, source=$SOURCE, prefix=$prefix"
start=$(date +%s); produced=0; n=0
while [ $(( $(date +%s) - start )) -lt "$DURATION" ]; do
  tick=$(date +%s%N)
  if [ "$SOURCE" = stream ]; then
    for i in $(seq "$n" $((n + RATE - 1))); do
      printf 'XADD %s * e "{\\"hostname\\":\\"flaky-%d\\",\\"team_assignment\\":\\"NetOps\\",\\"severity\\":\\"Major\\",\\"message_body\\":\\"flaky run alert %d\\",\\"raw_json\\":{\\"n\\":%d},\\"_correlation_id\\":\\"flaky-%d\\",\\"_event_id\\":\\"%s-%d\\"}"\n' \
        "$stream" $((i % 50)) "$i" "$i" "$i" "$prefix" "$i"
    done | rcli >/dev/null
    n=$((n + RATE))
    produced=$n
  else
    for _ in $(seq 1 "$RATE"); do
      curl -fs -o /dev/null -H "X-API-KEY: flaky-ingest-key" -H 'Content-Type: application/json' \
        -d "{\"hostname\":\"router$((n % 5))\",\"message\":\"CRITICAL link down flaky $n\",\"timestamp\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"syslog_severity\":2}" \
        "http://127.0.0.1:$IP/api/v2/ingest" || true
      n=$((n + 1))
    done
  fi
  left=$(( 1000000000 - ($(date +%s%N) - tick) ))
  [ "$left" -gt 0 ] && sleep "0.$(printf '%09d' "$left")"
  if [ $(( n % (RATE * 30) )) -eq 0 ]; then
    echo "  t=$(( $(date +%s) - start ))s produced=$n delivered=$(curl -fs "http://127.0.0.1:$MOOG_PORT/stats" | python3 -c 'import sys,json; print(json.load(sys.stdin)["count"])')"
  fi
done
if [ "$SOURCE" = ingest ]; then   # every event accepted by ingest has been through the alerter before counting
  for _ in $(seq 1 120); do [ "$(rcli XLEN "$prefix:ingest_queue")" = 0 ] && break; sleep 0.5; done
  produced=$(metric "$AMP" mutt_alerter_alerts_forwarded_total)
fi
echo "production stopped after $n inputs; draining (at most ${DRAIN_MAX}s) ..."

drain_start=$(date +%s)
while [ $(( $(date +%s) - drain_start )) -lt "$DRAIN_MAX" ]; do
  q=$(rcli XLEN "$stream"); r=$(rcli ZCARD "$prefix:retry:moog"); d=$(rcli LLEN "$prefix:dlq:moog")
  [ "$q" = 0 ] && [ "$r" = 0 ] && [ "$d" = 0 ] && break
  sleep 1
done

stats=$(curl -fs "http://127.0.0.1:$MOOG_PORT/stats")
delivered=$(echo "$stats" | python3 -c 'import sys,json; print(json.load(sys.stdin)["count"])')
faulted=$(echo "$stats" | python3 -c 'import sys,json; print(json.load(sys.stdin)["faulted"])')
distinct=$(echo "$stats" | python3 -c 'import sys,json; print(json.load(sys.stdin)["distinct_external_ids"])')
dead=$(rcli LLEN "$prefix:dlq:dead"); moogdlq=$(rcli LLEN "$prefix:dlq:moog")
queued=$(rcli XLEN "$stream"); retrying=$(rcli ZCARD "$prefix:retry:moog")

cat <<REPORT
=== flaky Moogsoft run ($(date -u +%FT%TZ)) ===
duration ${DURATION}s, rate ${RATE}/s, failure fraction ${FRACTION}, source ${SOURCE}
alerts produced            $produced
delivered (stand-in count) $delivered   distinct external_id: $distinct
injected 500 answers       $faulted
in mutt:dlq:dead           $dead
in mutt:dlq:moog (left)    $moogdlq
still queued / retrying    $queued / $retrying
forwarder requests         success $(metric "$MP" mutt_moog_requests_total 'status="success"')  http-fail $(metric "$MP" mutt_moog_requests_total 'reason="http"')  circuit_open $(metric "$MP" mutt_moog_requests_total 'reason="circuit_open"')  retry_exhausted $(metric "$MP" mutt_moog_requests_total 'reason="retry_exhausted"')
circuit opened             $(metric "$MP" mutt_circuit_breaker_state_changes_total 'to_state="OPEN"') times
remediation                loops $(metric "$RMP" mutt_remediation_loops_total)  replayed $(metric "$RMP" mutt_remediation_replay_success_total)  poison $(metric "$RMP" mutt_remediation_poison_messages_total)
REPORT
settled=0; [ "$queued" = 0 ] && [ "$retrying" = 0 ] && [ "$moogdlq" = 0 ] && settled=1
accounted=$((delivered + dead)); [[ "$distinct" =~ ^[0-9]+$ ]] && accounted=$((distinct + dead))
echo "duplicates at the stand-in  $([[ "$distinct" =~ ^[0-9]+$ ]] && echo $((delivered - distinct)) || echo n/a)"
if [ "$settled" = 1 ] && [ "$accounted" -ge "$produced" ]; then
  echo "RESULT: every produced alert was delivered or dead-lettered ($accounted of $produced)"; exit 0
fi
echo "RESULT: NOT all accounted for: delivered+dead = $accounted of $produced, settled=$settled"; exit 1
