#!/usr/bin/env bash
# Fails when the first download of the Log In page is over budget: the gzip
# bytes (gzip -9) of index.html and of every file it makes the browser fetch
# before the app runs (the CSS, init.js, the app's JS and its main wasm; the
# icon is not counted). The lazily loaded modules are not in it: a browser
# test (first-load.spec.ts) proves that Log In and the Summary fetch none.
# Bytes are deterministic, so this is a check, not a timing.
#   bash scripts/check-first-load.sh [DIST]    (default dist/, a release build)
set -euo pipefail

# THE budget: gzip bytes of the first load. Raise it only with a reason in
# the README's "First load" section.
FIRST_LOAD_BUDGET=250000

DIST="${1:-dist}"
INDEX="$DIST/index.html"
[[ -f "$INDEX" ]] || { echo "check-first-load: no $INDEX (build it first)" >&2; exit 1; }

# Every href/src of a stylesheet, script, modulepreload or preload, plus the
# wasm that init.js is told to load (index.html may be minified: parse it).
mapfile -t files < <(python3 - "$INDEX" <<'PY'
import sys
from html.parser import HTMLParser

names = ["index.html"]

class Fetched(HTMLParser):
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") in ("stylesheet", "modulepreload", "preload"):
            names.append(a["href"])
        if tag == "script":
            names.extend(a[k] for k in ("src", "data-portal-js", "data-portal-wasm") if a.get(k))

Fetched().feed(open(sys.argv[1], encoding="utf-8").read())
for name in dict.fromkeys(n.lstrip("/") for n in names):
    print(name)
PY
)

total=0
printf '%10s  %10s  %s\n' "bytes" "gzip -9" "file"
for file in "${files[@]}"; do
  path="$DIST/$file"
  [[ -f "$path" ]] || { echo "check-first-load: index.html names $file, which is not in $DIST" >&2; exit 1; }
  case "$file" in
    split_*|chunk_*) echo "check-first-load: index.html preloads the lazy module $file" >&2; exit 1 ;;
  esac
  gz=$(gzip -9nc "$path" | wc -c)
  total=$((total + gz))
  printf '%10d  %10d  %s\n' "$(stat -c%s "$path")" "$gz" "$file"
done
lazy=$(find "$DIST" -maxdepth 1 \( -name 'split_*.wasm' -o -name 'chunk_*.wasm' \) | wc -l)
printf '%10s  %10d  first load, budget %d (%d%%); %d lazy modules not in it\n' \
  "" "$total" "$FIRST_LOAD_BUDGET" $((100 * total / FIRST_LOAD_BUDGET)) "$lazy"
if ((total > FIRST_LOAD_BUDGET)); then
  echo "check-first-load: the first load is $((total - FIRST_LOAD_BUDGET)) bytes over budget." >&2
  echo "Move what Log In and the Summary do not need into a lazy page (README, \"First load\")." >&2
  exit 1
fi
