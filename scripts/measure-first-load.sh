#!/usr/bin/env bash
# Measures the first load of the Log In page as a new visitor on a slow phone
# gets it: headless chromium on a slow 4G profile (150 ms round trip,
# 1.6 Mbit/s, CPU slowed 4 times), three runs with an empty cache; prints the
# bytes over the wire and the time until the Username field is visible, and
# their median. A measurement, not a test: it asserts nothing.
#   bash scripts/measure-first-load.sh             build as demo.sh does, measure dist/
#   bash scripts/measure-first-load.sh --dist DIR  measure an app already built in DIR
#   RUNS=5 bash scripts/measure-first-load.sh      more runs
# The server is target/release/portal-server (PORTAL_SERVER_BIN to change it),
# on a free port of 127.0.0.1 with a fresh demo database, stopped afterwards.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
source scripts/pg.sh # free_port

DIST=""
if [[ "${1:-}" == "--dist" ]]; then
  DIST="$(cd "${2:?--dist needs a folder}" && pwd)"
fi
if [[ -z "$DIST" ]]; then
  bash scripts/build-release.sh
  DIST="$REPO_ROOT/dist"
fi
SERVER="${PORTAL_SERVER_BIN:-$REPO_ROOT/target/release/portal-server}"
[[ -x "$SERVER" ]] || { echo "measure-first-load: no $SERVER (bash scripts/build-release.sh builds it)" >&2; exit 1; }
[[ -d tests/browser/node_modules/playwright-core ]] || bash scripts/install-tools.sh

WORK="$(mktemp -d /tmp/portal-measure.XXXXXX)"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT="$(free_port 18480)"
RUST_LOG=warn "$SERVER" --demo --data-dir "$WORK/data" --static-dir "$DIST" \
  --bind "127.0.0.1:$PORT" --insecure-localhost-cookies >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 240); do
  curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.5
done

echo "measuring $DIST"
node tests/browser/measure-first-load.js "http://127.0.0.1:$PORT" "${RUNS:-3}"
