#!/bin/sh
# Benchmark: extraction throughput and peak memory on a corpus made by repeating the
# bundled example (BENCH_MB megabytes, default 20), with the plain scans that bound us
# (cat, wc -w) measured on the same file in the same run; then the network analysis on
# a synthetic events file (tools/gen_events.py: BENCH_ACTORS actors, default 10,000,
# BENCH_EVENTS events, default 1,000,000, Zipf popularity, seeded): reading and
# aggregation, each centrality alone, all of them, and the summary. Prints figures only.
# BENCH_FULL=0 skips the two all-pairs metrics (harmonic, betweenness: minutes; all 13
# metrics take about the sum of the lines).
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

# --- network analysis at corpus scale -----------------------------------------------
ACTORS=${BENCH_ACTORS:-10000}
EVENTS=${BENCH_EVENTS:-1000000}
events="$dir/events-$ACTORS-$EVENTS.jsonl"
[ -f "$events" ] || python3 tools/gen_events.py "$ACTORS" "$EVENTS" >"$events"
bytes=$(wc -c <"$events")
pairs=$("$BIN" summary --format csv --metrics degree "$events" | awk -F, '$1 == "network" && $2 == "arcs" { print $6 }')
echo "network: $events, $ACTORS actors, $EVENTS events, $pairs ordered actor pairs, $bytes bytes"
timed() { # label command...: prints seconds and peak RSS (KiB)
    label=$1
    shift
    /usr/bin/time -f "%e %M" -o "$dir/time" "$@" >/dev/null
    read -r secs rss <"$dir/time"
    printf '%-44s %8.2f s %8d KiB peak RSS\n' "$label" "$secs" "$rss"
}
timed "read + aggregate + degree" "$BIN" centrality --metrics degree "$events"
for m in in_strength signed_in pagerank hub eigenvector; do
    timed "  ... + $m" "$BIN" centrality --metrics "degree,$m" "$events"
done
if [ "${BENCH_FULL:-1}" != 0 ]; then
    timed "  ... + harmonic" "$BIN" centrality --metrics degree,harmonic "$events"
    timed "  ... + betweenness" "$BIN" centrality --metrics degree,betweenness "$events"
fi
timed "centrality without harmonic, betweenness" "$BIN" centrality --metrics \
    in_degree,out_degree,degree,in_strength,out_strength,signed_in,signed_out,pagerank,hub,authority,eigenvector "$events"
timed "summary (stats, balance, blocs; degree only)" "$BIN" summary --metrics degree "$events"
