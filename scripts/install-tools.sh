#!/usr/bin/env bash
# Installs every tool the build and the tests need, skipping what is already there.
#   bash scripts/install-tools.sh          everything (build + tests)
#   bash scripts/install-tools.sh --build  only what building and running the portal needs
# Nothing here downloads a prebuilt binary: Rust tools come from crates.io,
# wasm-opt from the npm package `binaryen`, chromium and postgresql from apt.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0   # npm package; its wasm-opt reports "version_132", as Trunk.toml asks
TERSER_VERSION=5.51.4      # npm package: minifies the app's JS glue in release builds
WASM_SPLIT_VERSION=0.2.4   # crate wasm_split_cli_support: splits the app into lazily loaded modules
AIOSMTPD_VERSION=1.4.6     # PyPI: the SMTP server the mail integration test delivers to
# wasm-bindgen-cli must match the wasm-bindgen crate exactly, so read it from Cargo.lock.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[[ -n "$WASM_BINDGEN_VERSION" ]] || { echo "install-tools: no wasm-bindgen entry in Cargo.lock" >&2; exit 1; }

# trunk --offline refuses a wasm-opt other than the one Trunk.toml names: say so early.
want_opt="$(sed -n 's/^wasm_opt *= *"version_\([0-9]*\)".*/\1/p' Trunk.toml 2>/dev/null || true)"
if [[ -n "$want_opt" && "$want_opt" != "${BINARYEN_VERSION%%.*}" ]]; then
  echo "install-tools: Trunk.toml wants wasm-opt version_$want_opt but BINARYEN_VERSION is $BINARYEN_VERSION" >&2
  exit 1
fi

BUILD_ONLY=0
[[ "${1:-}" == "--build" ]] && BUILD_ONLY=1

say() { echo "install-tools: $*"; }

# Another `cargo install` of the same crate may be running (e.g. a parallel setup);
# wait for it rather than building the same crate twice.
wait_for_cargo_install() {
  while pgrep -f "^[^ ]*cargo install .*$1" >/dev/null; do
    say "waiting for a running 'cargo install $1' to finish..."
    sleep 15
  done
}

# Root runs apt directly; anyone else goes through sudo.
SUDO=""
[[ "$(id -u)" == 0 ]] || SUDO="sudo"
APT_UPDATED=0
apt_install() {
  if [[ $APT_UPDATED == 0 ]]; then
    say "apt-get update"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  say "apt-get install $*"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# 1. wasm target for the Leptos app
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. trunk (builds the app into dist/)
wait_for_cargo_install trunk
if [[ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]]; then
  say "cargo install trunk@$TRUNK_VERSION"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

# 3. wasm-bindgen-cli (no --locked: its own lockfile may not build on this toolchain)
wait_for_cargo_install wasm-bindgen-cli
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
  say "cargo install wasm-bindgen-cli --version $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# 4. wasm-split-cli (scripts/build-app.sh cuts the app into lazily loaded modules with it)
wait_for_cargo_install wasm_split_cli_support
if ! { command -v wasm-split-cli >/dev/null \
  && cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; }; then
  say "cargo install wasm_split_cli_support@$WASM_SPLIT_VERSION --features build-binary"
  cargo install --locked "wasm_split_cli_support@$WASM_SPLIT_VERSION" --features build-binary
fi

# 5. wasm-opt (npm's binaryen) and terser, into the repo-local .tools/ (on PATH via env.sh)
npm_version() { node -p "require('./.tools/node_modules/$1/package.json').version" 2>/dev/null || true; }
if [[ "$(npm_version binaryen)" != "$BINARYEN_VERSION" || "$(npm_version terser)" != "$TERSER_VERSION" ]]; then
  say "npm install --prefix .tools binaryen@$BINARYEN_VERSION terser@$TERSER_VERSION"
  npm install --prefix .tools --no-audit --no-fund --loglevel=error \
    "binaryen@$BINARYEN_VERSION" "terser@$TERSER_VERSION"
fi

say_ready() {
  say "ready: $(trunk --version), $(wasm-bindgen --version), wasm-split-cli $WASM_SPLIT_VERSION, $(wasm-opt --version | cut -d' ' -f1-3), terser $(terser --version | cut -d' ' -f2)"
}
if [[ $BUILD_ONLY == 1 ]]; then say_ready; exit 0; fi

# 6. Chromium for the browser tests (Playwright drives it; it never downloads one)
if [[ ! -x /usr/bin/chromium ]]; then
  apt_install chromium
fi

# 7. PostgreSQL server, for the integration tests' PostgreSQL run
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  apt_install postgresql
fi

# 8. Python's aiosmtpd, for the integration test that really sends mail over SMTP
if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
  command -v python3 >/dev/null || apt_install python3
  python3 -m pip --version >/dev/null 2>&1 || apt_install python3-pip
  say "pip install aiosmtpd==$AIOSMTPD_VERSION"
  pip_install() {
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "$@" \
      "aiosmtpd==$AIOSMTPD_VERSION"
  }
  # A Debian-managed python3 refuses plain pip installs (PEP 668).
  pip_install || pip_install --break-system-packages
  python3 -c 'import aiosmtpd' || { say "aiosmtpd is still not importable by python3" >&2; exit 1; }
fi

# 9. Playwright and axe-core (npm ci; skipped when node_modules matches the lockfile)
cd "$REPO_ROOT/tests/browser"
if [[ -f package-lock.json ]]; then
  want="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [[ "$(cat node_modules/.lock-sha256 2>/dev/null || true)" != "$want" ]]; then
    say "npm ci in tests/browser"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" > node_modules/.lock-sha256
  fi
elif [[ ! -d node_modules ]]; then
  say "npm install in tests/browser (no lockfile)"
  npm install --no-audit --no-fund --loglevel=error
fi
say_ready
