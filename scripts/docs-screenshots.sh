#!/usr/bin/env bash
# Regenerates the dashboard screenshots under docs/images from a running MUTT: the browser test drives the real
# dashboard (Chromium via Playwright) and, with -Dmutt.docs.screenshots=true, writes the pictures the docs show.
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=mvn; command -v mvn >/dev/null 2>&1 || MVN=./mvnw
"$MVN" -B -q -pl verticles -am -Dspotless.skip test -Dtest=DashboardBrowserTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dmutt.docs.screenshots=true
ls -l docs/images/dashboard-*.png
