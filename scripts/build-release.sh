#!/usr/bin/env bash
# Builds what scripts/demo.sh runs: the browser app in release mode into dist/
# and target/release/portal-server. Also used by measure-first-load.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

# Only what building and running needs (no chromium, postgresql or Playwright).
bash scripts/install-tools.sh --build

# --offline: trunk must use the installed tools, never download them.
trunk build --release --offline --dist dist
cargo build --release -p portal-server
