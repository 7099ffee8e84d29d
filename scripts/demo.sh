#!/usr/bin/env bash
# README command 1: build the browser app (release) and the server, then run
# the portal with demo data on http://127.0.0.1:8080 (override: PORTAL_BIND).
# The SQLite database is created, migrated and seeded in data/ on the first
# run and kept afterwards; delete data/ to start over.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

bash scripts/build-release.sh

echo
echo "Demo sign-in: JaneSmith (business) or LedgerlineAdmin (preparer firm),"
echo "password for both: Maple Avenue 800 Hartford"
echo
# Plain http on localhost, so cookies go without Secure (--insecure-localhost-cookies).
exec target/release/portal-server \
  --demo \
  --data-dir data \
  --static-dir dist \
  --bind "${PORTAL_BIND:-127.0.0.1:8080}" \
  --insecure-localhost-cookies
