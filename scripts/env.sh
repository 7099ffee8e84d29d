# shellcheck shell=bash
# Sourced by the other scripts (and usable by hand: `source scripts/env.sh`).
# Puts the repo's tools on PATH: cargo-installed binaries (trunk, wasm-bindgen)
# and the npm-installed wasm-opt in .tools/ (Debian's binaryen is too old).
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT
case ":$PATH:" in
  *":$REPO_ROOT/.tools/node_modules/.bin:"*) ;;
  *) export PATH="$HOME/.cargo/bin:$REPO_ROOT/.tools/node_modules/.bin:$PATH" ;;
esac
# Playwright must never fetch a browser: the tests use Debian's /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
