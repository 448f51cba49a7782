#!/bin/sh
# Benchmark: extraction throughput and peak memory on a seeded synthetic news-like JSON
# Lines corpus (tools/gen_corpus.py, BENCH_MB megabytes, default 100) with the Phoenix
# actor lexicon, beside the plain scans that bound us measured on the same file in the
# same run (cat, wc -w, literal alias search with grep); then the network analysis on
# a synthetic events file (tools/gen_events.py: BENCH_ACTORS actors, default 10,000,
# BENCH_EVENTS events, default 1,000,000, Zipf popularity, seeded): reading and
# aggregation, each centrality alone, all of them, and the summary. Prints figures only.
# BENCH_FULL=0 skips the two all-pairs metrics (harmonic, betweenness: minutes; all 13
# metrics take about the sum of the lines).
set -eu
BIN=${SG_BIN:-build/stancegraph}
MB=${BENCH_MB:-100}
dir=build/bench
mkdir -p "$dir"

# --- extraction at corpus scale ---------------------------------------------------
# The lexicon: the Phoenix actor dictionaries imported from ../shared/data/petrarch2 when
# present (about 3,200 actors, 34,000 aliases), else the built-in actors.json.
P=${SG_PETRARCH:-../shared/data/petrarch2}
if [ -f "$P/Phoenix.Countries.actors.txt" ]; then
    /usr/bin/time -f "%e %M" -o "$dir/time" "$BIN" lexicon import --from petrarch \
        "$P"/Phoenix.*.actors.txt -o "$dir/phoenix.json" 2>/dev/null
    read -r secs rss <"$dir/time"
    echo "import the Phoenix actor dictionaries: $secs s, $rss KiB peak RSS"
    actors="$dir/phoenix.json"
else
    echo "Phoenix dictionaries absent ($P): the built-in actors.json instead"
    actors=lexicons/actors.json
fi
/usr/bin/time -f "%e %M" -o "$dir/time" "$BIN" lexicon stats --actors "$actors" >"$dir/stats"
read -r secs rss <"$dir/time"
echo "load + compile the lexicon ($(head -n 1 "$dir/stats")): $secs s, $rss KiB peak RSS"
corpus="$dir/corpus-$MB.jsonl"
[ -f "$corpus" ] || python3 tools/gen_corpus.py "$actors" lexicons/relations.json "$MB" \
    "$corpus" "$dir/aliases.txt"
python3 tools/gen_corpus.py "$actors" lexicons/relations.json 0 /dev/null "$dir/aliases.txt"
bytes=$(wc -c <"$corpus")
echo "corpus: $corpus, $bytes bytes, $(wc -l <"$corpus") documents (tools/gen_corpus.py, seeded)"
ref_secs=
measure() { # label command...: prints seconds, MB/s, peak RSS and the ratio to extract
    label=$1
    shift
    /usr/bin/time -f "%e %M" -o "$dir/time" sh -c "$*" >/dev/null 2>"$dir/stderr"
    read -r secs rss <"$dir/time"
    awk -v l="$label" -v s="$secs" -v r="$rss" -v b="$bytes" -v x="$ref_secs" \
        'BEGIN { mbs = s > 0 ? b / 1e6 / s : 0; printf "%-46s %7.2f s %8.1f MB/s %8d KiB peak RSS", l, s, mbs, r;
                 if (x != "" && s > 0) printf "   %6.2fx extract", x / s; printf "\n" }'
}
measure "stancegraph extract, 1 thread" "$BIN" extract -j 1 --stats --actors "$actors" "$corpus"
ref_secs=$secs
stats=$(cat "$dir/stderr")
sentences=$(echo "$stats" | sed -n 's/.*bytes, \([0-9]*\) sentences.*/\1/p')
events=$(echo "$stats" | sed -n 's/.*; \([0-9]*\) events found.*/\1/p')
awk -v s="$secs" -v n="$sentences" -v e="$events" \
    'BEGIN { printf "  %d sentences, %d events: %.0f sentences/s, %.0f events/s\n", n, e, n / s, e / s }'
cores=$(nproc)
measure "stancegraph extract, -j $cores threads" "$BIN" extract -j "$cores" --actors "$actors" "$corpus"
measure "$cores x stancegraph extract -j 1 at once (hardware)" \
    "for i in \$(seq $cores); do $BIN extract -j 1 --actors $actors $corpus >/dev/null & done; wait"
measure "cat (reference)" cat "$corpus"
measure "wc -w (reference)" wc -w "$corpus"
measure "grep -c -F -f aliases (reference)" grep -c -F -f "$dir/aliases.txt" "$corpus"
measure "LC_ALL=C grep -o -w -i -F -f aliases | wc -l" \
    "LC_ALL=C grep -o -w -i -F -f $dir/aliases.txt $corpus | wc -l"
echo "(ratios: extract's 1-thread time over the line's; the 'at once' line processes the corpus"
echo " $cores times, so $cores x its ratio is what the machine gives to $cores parallel extractions)"

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
