#!/usr/bin/env bash
# Runs the whole MUTT test suite the way CI does: installs the few system tools the tests need
# (promtool, chromium, logger, rsyslog, snmptrap, openssl, redis-server, PostgreSQL; see scripts/ci-prereqs.sh), then `mvn verify` on every module.
# Tests find Redis/PostgreSQL through MUTT_TEST_REDIS_URI / MUTT_TEST_PG_URI, Testcontainers, or embedded servers.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ -x scripts/ci-prereqs.sh ]; then
  bash scripts/ci-prereqs.sh
fi
if command -v mvn >/dev/null 2>&1; then MVN=mvn; else MVN=./mvnw; fi
exec "$MVN" -B verify "$@"
