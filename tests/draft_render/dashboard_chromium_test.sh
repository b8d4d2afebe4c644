#!/usr/bin/env bash
# dashboard.html in a real headless Chromium: the RoPE workflow on the demo mirror makes the page,
# which must load with no console message, run its script (data-ready="1"), show the tables and
# plots in a screenshot (kept as BUILD_DIR/test-artifacts/dashboard.png), and honour a filter in
# the URL fragment. Exit 77 (skipped) where Debian's chromium is not installed.
#
# usage: dashboard_chromium_test.sh BUILD_DIR SRC_DIR
# QUIRE_DASHBOARD_HTML=page.html checks that page instead of running the workflow.
set -euo pipefail

build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
browser=$(command -v chromium || true)
if [[ -z $browser ]]; then
  echo "SKIP: chromium is not installed (apt-get install chromium)"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

page=${QUIRE_DASHBOARD_HTML:-}
if [[ -z $page ]]; then
  "$build/bin/quire" run "$src/workflows/rope-positional-bias.toml" --run-dir "$tmp/run" \
    --cache "$tmp/cache" --set "fetch.mirror=$src/workflows/demo-mirror" --set 'fetch.ids=[]' \
    --set 'seed.anchors=["2401.90001"]' >"$tmp/run.log" 2>&1 ||
    { cat "$tmp/run.log" >&2; fail "quire run failed"; }
  page=$tmp/run/draft/dashboard.html
fi
[[ -s $page ]] || fail "no dashboard at $page"
url="file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"

# Each run gets its own profile; the flags keep Chromium off the network and the GPU.
chrome() {
  timeout 120 "$browser" --headless=new --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$tmp/profile" --disable-background-networking --disable-component-update \
    --enable-logging=stderr --v=0 "$@"
}

# 1. Loads with no console message, and the screenshot shows a page.
chrome --window-size=1400,4000 --screenshot="$tmp/shot.png" "$url" >"$tmp/shot.out" 2>"$tmp/shot.err" ||
  { cat "$tmp/shot.err" >&2; fail "chromium could not take the screenshot"; }
if grep -n ':CONSOLE' "$tmp/shot.err" >&2; then
  fail "the page wrote to the console (above)"
fi
[[ -f $tmp/shot.png ]] || fail "chromium wrote no screenshot"
[[ $(head -c 8 "$tmp/shot.png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] ||
  fail "the screenshot is not a PNG"
size=$(wc -c <"$tmp/shot.png")
# A blank 1400x4000 page compresses to a few kilobytes; tables and plots take far more.
((size > 100000)) || fail "the screenshot is nearly empty ($size bytes)"
mkdir -p "$build/test-artifacts"
cp "$tmp/shot.png" "$build/test-artifacts/dashboard.png"
echo "screenshot: $build/test-artifacts/dashboard.png ($size bytes)"

# 2. The script ran, and the fragment's filter shows the supported rows only.
chrome --dump-dom "$url#status=supported" >"$tmp/dom.html" 2>"$tmp/dom.err" ||
  { cat "$tmp/dom.err" >&2; fail "chromium could not dump the DOM"; }
if grep -n ':CONSOLE' "$tmp/dom.err" >&2; then
  fail "the filtered page wrote to the console (above)"
fi
grep -q '<body data-ready="1"' "$tmp/dom.html" || fail "the page's script did not finish (no data-ready)"
grep -o '<tr data-status="[^"]*"[^>]*>' "$tmp/dom.html" >"$tmp/rows" || fail "no ledger rows in the DOM"
total=$(wc -l <"$tmp/rows")
shown=$(grep -vc 'hidden' "$tmp/rows" || true)
supported=$(grep -c 'data-status="supported"' "$tmp/rows" || true)
((supported > 0)) || fail "the ledger has no supported row to show"
((shown == supported)) || fail "#status=supported shows $shown rows, the ledger has $supported supported"
if grep -v 'hidden' "$tmp/rows" | grep -v 'data-status="supported"' >&2; then
  fail "rows other than supported ones are visible (above)"
fi
grep -q "showing $shown of $total rows" "$tmp/dom.html" || fail "the row count does not say \"showing $shown of $total rows\""
grep -q '<svg class="heat"' "$tmp/dom.html" || fail "no heat map in the page"
grep -q '<img class="crop"' "$tmp/dom.html" || fail "no quote crop in the page"
echo "ok: no console message, data-ready, $shown of $total rows shown for #status=supported"
