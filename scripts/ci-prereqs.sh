#!/usr/bin/env bash
# Installs the system tools MUTT's test suite needs, only when they are missing:
#   - promtool  (Debian package "prometheus")  used by PrometheusRulesTest
#   - chromium  (Debian package "chromium")    used by the Playwright UI tests
#                                              (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1, /usr/bin/chromium)
#   - logger    (Debian package "bsdutils")      syslog sender of the syslog listener tests
#   - rsyslogd  (Debian packages "rsyslog" and "rsyslog-gnutls")  omfwd forwarding over TCP and TLS
#   - snmptrap / snmpinform (Debian package "snmp")  the SNMP trap listener tests
#   - openssl   (Debian package "openssl")       makes the test certificates for syslog over TLS
#   - redis-server (Debian package "redis-server") Redis processes of their own: one the inform test kills, one
#     started with --tls-port by TlsTest
#   - initdb / pg_ctl (Debian package "postgresql", under /usr/lib/postgresql/N/bin) PostgreSQL clusters of their
#     own (PgCluster): the one PostgresOutageTest stops and starts, the one PostgresTlsTest serves over TLS
#   - podman, runc (Debian packages "podman", "runc") run the image in ImageIT (runc: Debian 12's crun refuses
#     hosts with cgroup controllers on both hierarchies)
#   - umoci       (Debian package "umoci")         assembles the image (scripts/image/build.sh)
# Idempotent: a second run finds everything present and does nothing.
# Runs `apt-get update` at most once, and only when something has to be installed.
# Exits non-zero when an install fails or a tool is still missing afterwards.
set -euo pipefail

log() { printf 'ci-prereqs: %s\n' "$*"; }

# The PostgreSQL server binaries the tests' own clusters run (any installed major version).
pg_server() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ]; then "$d/pg_ctl" --version; return 0; fi
  done
  return 1
}

# package name -> command that proves it is usable
declare -A CHECK=(
  [prometheus]="promtool --version"
  [chromium]="chromium --version"
  [bsdutils]="logger --version"
  [rsyslog]="rsyslogd -v"
  [rsyslog-gnutls]="test -e /usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so -o -e /usr/lib/rsyslog/lmnsd_gtls.so"
  [snmp]="snmptrap -V"
  [openssl]="openssl version"
  [redis-server]="redis-server --version"
  [postgresql]="pg_server"
  [podman]="podman --version"
  [runc]="runc --version"
  [umoci]="umoci --version"
)
ORDER=(prometheus chromium bsdutils rsyslog rsyslog-gnutls snmp openssl redis-server postgresql podman runc umoci)

present() { # $1 = package
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed' \
    && ${CHECK[$1]} >/dev/null 2>&1
}

missing=()
for pkg in "${ORDER[@]}"; do
  if present "$pkg"; then
    log "$pkg already installed ($(${CHECK[$pkg]} 2>/dev/null | head -n1))"
  else
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  log "nothing to do"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    log "need root (or sudo) to install: ${missing[*]}" >&2; exit 1
  fi
fi

# Never let package scripts start daemons (the prometheus package ships a server we do not want
# running on CI): use a temporary policy-rc.d unless the machine already has one.
policy=/usr/sbin/policy-rc.d
temp_policy=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod 0755 "$policy"
  temp_policy="$policy"
fi
cleanup() { if [ -n "$temp_policy" ]; then $SUDO rm -f "$temp_policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
log "missing: ${missing[*]} -> apt-get update"
$SUDO apt-get update -qq
log "apt-get install ${missing[*]}"
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

status=0
for pkg in "${missing[@]}"; do
  if present "$pkg"; then
    log "installed $pkg ($(${CHECK[$pkg]} 2>/dev/null | head -n1))"
  else
    log "FAILED: $pkg is still not usable (${CHECK[$pkg]})" >&2
    status=1
  fi
done
exit "$status"
