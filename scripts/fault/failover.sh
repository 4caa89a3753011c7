#!/usr/bin/env bash
# Shared by sentinel-failover.sh and cluster-failover.sh: runs one failover test class RUNS times with an
# EVENTS-event flood and prints each run's figures and the distribution of the time to write again.
#   usage: failover.sh <TestClass> <test method> <label>
set -euo pipefail

class="$1"; method="$2"; label="$3"
RUNS=${RUNS:-5}
EVENTS=${EVENTS:-40000}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work=$(mktemp -d "${TMPDIR:-/tmp}/mutt-$label.XXXXXX")

for tool in redis-server redis-cli; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (Debian package redis-server)" >&2; exit 2; }
done
mvn_cmd=(mvn); [ -x "$root/mvnw" ] && ! command -v mvn >/dev/null && mvn_cmd=("$root/mvnw")

echo "$label: $RUNS run(s), $EVENTS events each (logs in $work)"
status=0
recover=()
for i in $(seq 1 "$RUNS"); do
  log="$work/run$i.log"
  if ! (cd "$root" && "${mvn_cmd[@]}" -B -q -o -pl verticles -am test -Dtest="$class#$method" \
      -Dsurefire.failIfNoSpecifiedTests=false -Dmutt.flood.events="$EVENTS") >"$log" 2>&1; then
    status=1
  fi
  line=$(grep -m1 '^FIGURES ' "$log" || true)
  if [ -z "$line" ]; then
    echo "run $i: no figures (see $log)"; status=1; continue
  fi
  verdict=passed; grep -q "Tests run:.*Failures: [1-9]\|Tests run:.*Errors: [1-9]\|BUILD FAILURE" "$log" && verdict=FAILED
  echo "run $i: ${line#FIGURES } [$verdict]"
  recover+=("$(sed -n 's/.*writing_again_after_s=\([0-9.-]*\).*/\1/p' <<<"$line")")
done
if [ "${#recover[@]}" -gt 0 ]; then
  printf '%s\n' "${recover[@]}" | sort -n | awk -v label="$label" '
    { v[NR] = $1; s += $1 }
    END { printf "%s: writing again after the kill, over %d runs: min %.2f s, median %.2f s, mean %.2f s, max %.2f s\n",
          label, NR, v[1], v[int((NR + 1) / 2)], s / NR, v[NR] }'
fi
exit "$status"
