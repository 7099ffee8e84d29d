#!/usr/bin/env bash
# NATURAL HEALTH LLC's Summary on the current server and on an older build,
# side by side in one run (tests/benches/summary.rs): both on fresh demo
# databases, taking turns for several rounds; prints p50/p99 of each and
# the ratios new / old (issue 11: the p99 with the ledger within 20 % of
# the p99 before it).
#   bash scripts/measure-summary.sh OLD_BINARY [--rounds N] [--samples N]
# OLD_BINARY is a portal-server built from another commit, e.g. the last
# main before the ledger (see the README's Benchmarks), built with the same
# profile as this one. Both are built with the bench profile (opt-level 3,
# what the benches measure the server code with); PORTAL_SERVER_BIN names
# another current binary. Bounded: about rounds × 2 × samples reads.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

OLD="${1:?usage: measure-summary.sh OLD_BINARY [--rounds N] [--samples N]}"
shift
[[ -x "$OLD" ]] || { echo "measure-summary: no $OLD" >&2; exit 1; }
NEW="${PORTAL_SERVER_BIN:-}"
if [[ -z "$NEW" ]]; then
  cargo build --profile bench -p portal-server --bin portal-server
  NEW="$REPO_ROOT/target/release/portal-server"
fi
exec cargo bench -p portal-tests --bench summary -- --new "$NEW" --old "$OLD" "$@"
