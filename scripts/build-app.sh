#!/usr/bin/env bash
# Builds the browser app's wasm: run by trunk as its post_build hook
# (Trunk.toml), after trunk has built index.html and the CSS into its staging
# folder. trunk 0.21 cannot split a wasm module, so this does what its Rust
# step would, with the split between cargo and wasm-bindgen:
#   1. cargo builds the app for wasm32 (build.rs keeps the link relocations);
#   2. wasm-split-cli cuts out every #[lazy] function and #[lazy_route] view
#      into its own .wasm (code shared by several goes into a shared chunk),
#      plus __wasm_split.js, which fetches them when first called;
#   3. wasm-bindgen writes the JS glue of the main module;
#   4. in release, wasm-opt -Oz shrinks every .wasm and terser the JS;
#   5. every file is named by its content hash, so the server can let
#      browsers cache it for good (server/src/http/headers.rs);
#   6. the loader replaces the app's <link data-trunk rel="rust" data-trunk-skip>
#      in index.html (init.js, because the CSP allows no inline script).
# The README's "First load" section says why.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

STAGE="${TRUNK_STAGING_DIR:?run by trunk (TRUNK_STAGING_DIR unset)}"
PROFILE="${TRUNK_PROFILE:-debug}"
BASE="${TRUNK_PUBLIC_URL:-/}"
NAME=portal-app
TARGET_DIR="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
OUT="$TARGET_DIR/wasm-split/$PROFILE"

cargo_args=(build --target wasm32-unknown-unknown -p "$NAME" --bin "$NAME")
[[ "$PROFILE" == release ]] && cargo_args+=(--release)
cargo "${cargo_args[@]}"

rm -rf "$OUT"
mkdir -p "$OUT"
wasm-split-cli "$TARGET_DIR/wasm32-unknown-unknown/$PROFILE/$NAME.wasm" "$OUT" \
  --target web --out-name "$NAME"
# The split chunks call into the main module through exports that wasm-bindgen
# would otherwise drop, and find them by their mangled names.
wasm-bindgen --target web --no-typescript --keep-lld-exports --no-demangle \
  --out-dir "$OUT" --out-name "$NAME" "$OUT/$NAME.wasm"
rm "$OUT/$NAME.wasm"
if [[ -d "$OUT/snippets" ]]; then
  echo "build-app: wasm-bindgen wrote JS snippets, which this script does not hash yet" >&2
  exit 1
fi

if [[ "$PROFILE" == release ]]; then
  # One wasm-opt per module, as many at once as there are cores.
  printf '%s\0' "$OUT"/*.wasm | xargs -0 -P "$(nproc)" -I{} \
    sh -c 'wasm-opt -Oz --strip-producers --strip-target-features "$1" -o "$1.opt" && mv "$1.opt" "$1"' wasm-opt {}
fi

# 16 hex digits of the content's SHA-256: the form headers.rs recognizes.
hash() { cat "$@" | sha256sum | cut -c1-16; }
# `stem-HASH.ext`, or `stem-HASH_bg.wasm` for wasm-bindgen's main module.
hashed_name() { # file hash
  local base
  base="$(basename "$1")"
  case "$base" in
    *_bg.wasm) echo "${base%_bg.wasm}-$2_bg.wasm" ;;
    *) echo "${base%.*}-$2.${base##*.}" ;;
  esac
}

MAIN_JS="$OUT/$NAME.js"
SPLIT_JS="$OUT/__wasm_split.js"
# The .wasm files name nothing else: hash them first, and point the two JS
# files at their new names.
declare -A renamed=()
for wasm in "$OUT"/*.wasm; do
  renamed[$(basename "$wasm")]="$(hashed_name "$wasm" "$(hash "$wasm")")"
done
for old in "${!renamed[@]}"; do
  sed -i "s#\"\\./$old\"#\"./${renamed[$old]}\"#g; s#'$old'#'${renamed[$old]}'#g" "$MAIN_JS" "$SPLIT_JS"
  mv "$OUT/$old" "$OUT/${renamed[$old]}"
done
if [[ "$PROFILE" == release ]]; then
  # Exports and the wasm's import names are kept: only local names shrink.
  for js in "$MAIN_JS" "$SPLIT_JS"; do
    terser --module --compress --mangle --output "$js.min" "$js"
    mv "$js.min" "$js"
  done
fi
# The two JS files import each other, so one hash of both names both. The
# import map key inside the main JS stays "./__wasm_split.js": it is the
# module name the wasm imports from, not a URL.
JS_HASH="$(hash "$MAIN_JS" "$SPLIT_JS")"
MAIN_JS_NAME="$NAME-$JS_HASH.js"
SPLIT_JS_NAME="__wasm_split-$JS_HASH.js"
sed -i -E "s#from *\"\./__wasm_split\.js\"#from \"./$SPLIT_JS_NAME\"#g" "$MAIN_JS"
sed -i -E "s#from *\"\./$NAME\.js\"#from \"./$MAIN_JS_NAME\"#" "$SPLIT_JS"
! grep -q '"\./__wasm_split\.js";' "$MAIN_JS" && grep -q "\"./$SPLIT_JS_NAME\"" "$MAIN_JS" || { echo "build-app: the main JS does not import __wasm_split.js as expected" >&2; exit 1; }
grep -q "\"./$MAIN_JS_NAME\"" "$SPLIT_JS" || { echo "build-app: __wasm_split.js does not import the main JS as expected" >&2; exit 1; }
mv "$MAIN_JS" "$OUT/$MAIN_JS_NAME"
mv "$SPLIT_JS" "$OUT/$SPLIT_JS_NAME"

MAIN_WASM_NAME="${renamed[${NAME}_bg.wasm]}"
cp "$OUT"/* "$STAGE"/

# The first download: the main JS, the loader of the lazy parts (the main JS
# imports it) and the main wasm, fetched in parallel with init.js. The lazy
# .wasm files are fetched when first needed.
loader="<link rel=\"modulepreload\" href=\"$BASE$MAIN_JS_NAME\">"
loader+="<link rel=\"modulepreload\" href=\"$BASE$SPLIT_JS_NAME\">"
loader+="<link rel=\"preload\" href=\"$BASE$MAIN_WASM_NAME\" as=\"fetch\" type=\"application/wasm\" crossorigin=\"anonymous\">"
loader+="<script type=\"module\" src=\"${BASE}init.js\" data-portal-js=\"$BASE$MAIN_JS_NAME\" data-portal-wasm=\"$BASE$MAIN_WASM_NAME\"></script>"
APP_LINK='<link [^>]*data-trunk-skip[^>]*>'
grep -q "$APP_LINK" "$STAGE/index.html" \
  || { echo "build-app: index.html has no <link data-trunk rel=\"rust\" data-trunk-skip ...>" >&2; exit 1; }
sed -i "s#$APP_LINK#$loader#" "$STAGE/index.html"
echo "build-app: $PROFILE: $MAIN_JS_NAME, $MAIN_WASM_NAME and $(( $(ls "$OUT"/*.wasm | wc -l) - 1 )) lazy modules"
