#!/bin/sh
# Map/reduce equivalence: 'extract' is the map (documents -> events), 'graph',
# 'centrality' and 'summary' the reduce (events -> graph). A corpus split into 4 shards
# by GNU parallel, each shard extracted on its own, and the shards' events reduced in
# any order must give the same bytes as one process over the whole corpus.
# Usage: sh tests/e2e/shards.sh [BIN]; exit 0 when identical, 1 when not, 77 without
# GNU parallel. The corpus is built from the regression cases' sentences (tests/corpus),
# one JSON Lines document each, with ids and dates.
BIN=${1:-build/stancegraph}
command -v parallel >/dev/null 2>&1 || { echo "shards: GNU parallel not installed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
python3 - "$T/corpus.jsonl" tests/corpus/*.txt <<'PY' || exit 1
import json, sys
out = open(sys.argv[1], "w", encoding="utf-8")
n = 0
for path in sys.argv[2:]:
    for line in open(path, encoding="utf-8"):
        if line.startswith("## "):
            n += 1
            doc = {"id": "case-%04d" % n, "date": "2023-%02d-%02d" % (n % 12 + 1, n % 28 + 1),
                   "text": line[3:].strip()}
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
PY
docs=$(wc -l <"$T/corpus.jsonl")
fail=0
# the map: 4 shards, round robin, in parallel; actor lines keep actors without events
parallel --pipe --round-robin -j4 --block 16k \
    "$BIN extract --actors-too - > $T/part{#}.jsonl" <"$T/corpus.jsonl" || exit 1
parts=$(ls "$T"/part*.jsonl | wc -l)
for cmd in "graph --format json" "graph --format graphml" "centrality --format csv --digits 17" \
    "summary --format json"; do
    # shellcheck disable=SC2086
    $BIN $cmd "$T/corpus.jsonl" >"$T/single" || exit 1
    # the reduce over the shards, in two orders, and from standard input
    # shellcheck disable=SC2086
    $BIN $cmd "$T"/part*.jsonl >"$T/merged" || exit 1
    # shellcheck disable=SC2086
    ls "$T"/part*.jsonl | sort -r | xargs $BIN $cmd >"$T/reversed" || exit 1
    # shellcheck disable=SC2086
    cat $(ls "$T"/part*.jsonl | sort -r) | $BIN $cmd >"$T/piped" || exit 1
    for m in merged reversed piped; do
        if ! cmp -s "$T/single" "$T/$m"; then
            echo "shards: '$cmd' differs between one process and the $m shards"
            fail=1
        fi
    done
done
# threads: the same events in the same order for any -j, small batches included
$BIN extract -j 1 "$T/corpus.jsonl" >"$T/j1" || exit 1
for j in 2 3 8; do
    $BIN extract -j $j "$T/corpus.jsonl" >"$T/j$j" || exit 1
    if ! cmp -s "$T/j1" "$T/j$j"; then
        echo "shards: extract -j $j differs from -j 1"
        fail=1
    fi
done
# text files too: a directory of one-sentence documents, -j 1 against -j 3
mkdir -p "$T/texts"
python3 - "$T/corpus.jsonl" "$T/texts" <<'PY' || exit 1
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    doc = json.loads(line)
    open("%s/%s.txt" % (sys.argv[2], doc["id"]), "w", encoding="utf-8").write(doc["text"] + "\n")
PY
$BIN extract -j 1 "$T/texts" >"$T/t1" 2>/dev/null || exit 1
$BIN extract -j 3 "$T/texts" >"$T/t3" 2>/dev/null || exit 1
if [ ! -s "$T/t1" ] || ! cmp -s "$T/t1" "$T/t3"; then
    echo "shards: extract -j 3 on a directory of text files differs from -j 1"
    fail=1
fi
[ "$fail" = 0 ] || exit 1
echo "shards: $docs documents in $parts shards by GNU parallel; graph JSON, GraphML, centrality and summary byte-identical to one process, in any order; extract -j 1, 2, 3, 8 identical, on a directory of text files too"
