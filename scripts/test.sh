#!/usr/bin/env bash
# Runs every test layer and exits non-zero if any of them fails:
#   1. cargo tests (wire + server unit tests, integration tests on SQLite)
#   2. the integration tests again on a throwaway PostgreSQL on loopback
#   3. the first download's byte budget (scripts/check-first-load.sh) and the
#      browser tests (Playwright + axe-core on Debian's chromium), both on the
#      app as scripts/demo.sh builds it (release), with the debug server and a
#      fresh demo database
# A failing layer does not stop the later ones (if they can still run), so one
# run shows everything that is broken; the summary at the end has the counts.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

bash scripts/install-tools.sh

source scripts/pg.sh
WORK="$(mktemp -d /tmp/portal-test.XXXXXX)"
cleanup() { pg_stop; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM   # make Ctrl-C / kill go through the EXIT trap too

banner() { printf '\n==== %s ====\n' "$*"; }

# ---- per-layer results, for the summary -------------------------------------
LAYERS=() PASSED=() FAILED=() NOTES=()
record() { # name passed failed exit-status
  local failed=$3 note=""
  # A layer that exited non-zero without a failed test (build error, crash)
  # still counts as one failure so the totals never look green.
  if [[ $4 != 0 && $failed == 0 ]]; then failed=1; note=" (exit status $4, see above)"; fi
  LAYERS+=("$1") PASSED+=("$2") FAILED+=("$failed") NOTES+=("$note")
}
# Sums the "test result: ok. N passed; M failed" lines of cargo test output.
record_cargo() { # name log status
  local counts
  counts="$(awk '/^test result:/ { p += $4; f += $6 } END { print p+0, f+0 }' "$2")"
  record "$1" "${counts% *}" "${counts#* }" "$3"
}

# ---- 1. cargo tests on SQLite -----------------------------------------------
banner "cargo test --workspace --exclude portal-app (SQLite)"
status=0
env -u PORTAL_TEST_POSTGRES_URL cargo test --no-fail-fast --workspace --exclude portal-app 2>&1 | tee "$WORK/sqlite.log" || status=$?
record_cargo rust-sqlite "$WORK/sqlite.log" "$status"

# ---- 2. integration tests on PostgreSQL -------------------------------------
banner "cargo test -p portal-tests (PostgreSQL)"
pg_start
status=0
PORTAL_TEST_POSTGRES_URL="$PG_URL" \
  cargo test --no-fail-fast -p portal-tests --test api 2>&1 | tee "$WORK/postgres.log" || status=$?
record_cargo rust-postgres "$WORK/postgres.log" "$status"
pg_stop

# ---- 3. browser tests ---------------------------------------------------------
banner "trunk build --release --offline, cargo build -p portal-server"
status=0
# The release build, as users get it: the budget is about its bytes, and the
# browser tests then run the very modules that ship (README, "First load").
{ trunk build --release --offline --dist dist && cargo build -p portal-server; } || status=$?
if [[ $status == 0 ]]; then
  banner "first-load budget"
  budget=0
  bash scripts/check-first-load.sh dist || budget=$?
  record first-load-budget $((budget == 0)) $((budget != 0)) 0
fi
if [[ $status == 0 ]]; then
  banner "playwright test (chromium)"
  # playwright.config.ts starts target/debug/portal-server itself (webServer),
  # on this port and with this fresh data directory.
  PORTAL_TEST_PORT="$(free_port 18080)"
  export PORTAL_TEST_PORT
  export PORTAL_TEST_DATA_DIR="$WORK/browser-data"
  mkdir -p "$PORTAL_TEST_DATA_DIR"
  rm -f tests/browser/playwright-report/results.json
  (cd tests/browser && npx playwright test) || status=$?
  counts="$(node -e '
    try {
      const s = require(process.argv[1]).stats;
      console.log(s.expected + s.flaky, s.unexpected);
    } catch { console.log(0, 0); }' "$REPO_ROOT/tests/browser/playwright-report/results.json")"
  record browser "${counts% *}" "${counts#* }" "$status"
else
  echo "build failed: browser tests not run" >&2
  record browser 0 0 "$status"
fi

# ---- summary ------------------------------------------------------------------
banner "summary"
total_passed=0 total_failed=0
for i in "${!LAYERS[@]}"; do
  printf '%s: %d passed, %d failed%s\n' "${LAYERS[$i]}" "${PASSED[$i]}" "${FAILED[$i]}" "${NOTES[$i]}"
  total_passed=$((total_passed + PASSED[i])) total_failed=$((total_failed + FAILED[i]))
done
printf 'total: %d passed, %d failed\n' "$total_passed" "$total_failed"
[[ $total_failed == 0 ]]
