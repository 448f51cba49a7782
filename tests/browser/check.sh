#!/bin/sh
# The HTML report of the worked example in a real browser (Debian's chromium, headless):
#  1. the page loads and its script runs to the end without a JavaScript error;
#  2. harness.html drives it in a frame: sorting, every drawn edge and node, "Show all";
#     1 and 2 again on a report of hostile.jsonl (ids that are no Graphviz names, "->"
#     inside an id, names and sentences that try to close the script);
#  3. a 1200x900 screenshot shows a drawing: ink and the edges' colours in its box
#     (the PNG is read with Python's zlib by tests/browser/check.py).
# Run from the repository root by `make browser-test` (SG_BIN names the binary).
# chromium runs as root here, hence --no-sandbox; each run has a time limit and a
# throw-away HOME and profile.
set -u
BIN=${SG_BIN:-build/stancegraph}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
started=$(date +%s)

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); }

# browser ARGS...: headless chromium with a throw-away profile; stderr to $T/chromium.log
browser() {
    HOME="$T/home" timeout 60 chromium --headless --no-sandbox --disable-gpu \
        --no-first-run --no-default-browser-check --disable-extensions --disable-sync \
        --user-data-dir="$T/profile" --hide-scrollbars "$@" 2>>"$T/chromium.log"
}

if ! command -v chromium >/dev/null 2>&1; then
    echo "FAIL  chromium is not installed (make browser-test installs it)"
    echo "browser: 0 passed, 1 failed"
    exit 1
fi
mkdir -p "$T/home"
if ! $BIN graph tests/data/karabakh.txt -o "$T/report.html" ||
    ! $BIN graph tests/browser/hostile.jsonl -o "$T/hostile.html"; then
    echo "FAIL  cannot write the report"
    echo "browser: 0 passed, 1 failed"
    exit 1
fi
cp tests/browser/harness.html "$T/harness.html"
echo "report of tests/data/karabakh.txt: $(wc -c <"$T/report.html") bytes"

# 1. load, 2. interaction, through the harness
drawing=""
for report in report.html hostile.html; do
    echo "== $report"
    if browser --dump-dom "file://$T/$report" >"$T/dom.html" &&
        python3 tests/browser/check.py ready "$T/dom.html"; then
        ok
    else
        bad
        tail -n 20 "$T/chromium.log"
    fi
    if browser --allow-file-access-from-files --virtual-time-budget=20000 \
        --dump-dom "file://$T/harness.html?report=$report" >"$T/harness-dom.html" &&
        python3 tests/browser/check.py harness "$T/harness-dom.html" >"$T/harness.out"; then
        ok
        if [ "$report" = report.html ]; then
            drawing=$(sed -n 's/^drawing //p' "$T/harness.out")
        fi
        grep -v '^drawing ' "$T/harness.out"
    else
        bad
        cat "$T/harness.out"
        tail -n 20 "$T/chromium.log"
    fi
done

# 3. screenshot of the worked example, read by a PNG reader tested first on images of every kind
if python3 tests/browser/check.py selftest; then ok; else bad; fi
if [ -n "$drawing" ] && browser --screenshot="$T/shot.png" --window-size=1200,900 \
    "file://$T/report.html" >/dev/null &&
    # shellcheck disable=SC2086
    python3 tests/browser/check.py png "$T/shot.png" $drawing; then
    ok
    if [ -n "${SG_BROWSER_SHOT:-}" ]; then
        cp "$T/shot.png" "$SG_BROWSER_SHOT"
    fi
else
    bad
    [ -n "$drawing" ] || echo "FAIL  no drawing box from the harness: screenshot not checked"
    tail -n 20 "$T/chromium.log"
fi

echo "browser: chromium $(chromium --version 2>/dev/null | sed -n 's/^Chromium \([0-9.]*\).*/\1/p'), $(($(date +%s) - started)) s"
echo "browser: $pass passed, $fail failed"
[ "$fail" = 0 ]
