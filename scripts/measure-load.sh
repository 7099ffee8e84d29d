#!/usr/bin/env bash
# The load script: the release server on a free loopback port with a fresh
# demo database, driven by tests/benches/load.rs, which prints side by side
# in one run (so a busy machine slows both sides of each ratio alike):
#   - an authorized Summary read and GET /api/session, requests/s as shares of
#     GET /api/health;
#   - sign-ins/s as a share of the raw argon2id rate on all cores, and health's
#     p99 alone and while sign-ins keep every core busy.
# A measurement, not a test: it asserts only that every answer was the expected one.
#   bash scripts/measure-load.sh                       SQLite, 3 rounds of 4 s phases
#   bash scripts/measure-load.sh --seconds 2 --rounds 5 --connections 16
#   bash scripts/measure-load.sh --database-url "$PG_URL"   an empty PostgreSQL database
# Bounded in time: about rounds × 5 × seconds plus start-up (a minute by default).
# PORTAL_SERVER_BIN names another server binary (default target/release/portal-server).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

SERVER="${PORTAL_SERVER_BIN:-}"
if [[ -z "$SERVER" ]]; then
  cargo build --release -p portal-server
  SERVER="$REPO_ROOT/target/release/portal-server"
fi
[[ -x "$SERVER" ]] || { echo "measure-load: no $SERVER" >&2; exit 1; }
exec cargo bench -p portal-tests --bench load -- --server "$SERVER" "$@"
