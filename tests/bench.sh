#!/bin/sh
# Benchmark: extraction throughput and peak memory on a corpus made by repeating the
# bundled example (BENCH_MB megabytes, default 20), with the plain scans that bound us
# (cat, wc -w) measured on the same file in the same run. Prints figures only.
set -eu
BIN=${SG_BIN:-build/stancegraph}
MB=${BENCH_MB:-20}
dir=build/bench
mkdir -p "$dir"
corpus="$dir/corpus.txt"
if [ ! -f "$corpus" ] || [ "$(wc -c <"$corpus")" -lt $((MB * 1000000)) ]; then
    : >"$corpus"
    while [ "$(wc -c <"$corpus")" -lt $((MB * 1000000)) ]; do
        for i in 1 2 3 4 5 6 7 8 9 10; do cat tests/data/karabakh.txt; printf '\n\n'; done >>"$corpus"
    done
fi
bytes=$(wc -c <"$corpus")
measure() { # label command...: prints seconds and peak RSS (KiB)
    label=$1
    shift
    /usr/bin/time -f "%e %M" -o "$dir/time" "$@" >/dev/null
    read -r secs rss <"$dir/time"
    awk -v l="$label" -v s="$secs" -v r="$rss" -v b="$bytes" \
        'BEGIN { mbs = s > 0 ? b / 1e6 / s : 0; printf "%-34s %8.2f s %9.1f MB/s %8d KiB peak RSS\n", l, s, mbs, r }'
}
echo "corpus: $corpus, $bytes bytes"
measure "cat (reference)" cat "$corpus"
measure "wc -w (reference)" wc -w "$corpus"
measure "stancegraph extract" "$BIN" extract "$corpus"
"$BIN" extract "$corpus" >"$dir/events.jsonl"
echo "events: $(wc -l <"$dir/events.jsonl")"
measure "stancegraph centrality (from events)" "$BIN" centrality "$dir/events.jsonl"
measure "stancegraph graph -o svg (from events)" "$BIN" graph "$dir/events.jsonl" -o "$dir/g.svg"
P=${SG_PETRARCH:-../shared/data/petrarch2}
if [ -f "$P/Phoenix.Countries.actors.txt" ]; then
    "$BIN" lexicon import --from petrarch "$P"/Phoenix.*.actors.txt -o "$dir/phoenix.json" 2>/dev/null
    /usr/bin/time -f "%e %M" -o "$dir/time" "$BIN" lexicon stats --actors "$dir/phoenix.json" >"$dir/stats"
    read -r secs rss <"$dir/time"
    echo "load + compile the imported Phoenix actors ($(head -n 1 "$dir/stats")): $secs s, $rss KiB peak RSS"
else
    echo "Phoenix dictionaries absent ($P): lexicon load time not measured"
fi
