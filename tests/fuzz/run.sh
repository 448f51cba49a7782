#!/bin/sh
# One libFuzzer campaign (make fuzz): run.sh TARGET BINARY WORKDIR SECONDS [ARGS...]
# Starts from tests/fuzz/corpus/TARGET, writes new inputs to WORKDIR/TARGET (never to the
# repository) and crashes to WORKDIR/TARGET-crash-*, logs to WORKDIR/TARGET.log, and
# prints libFuzzer's final figures (executions, exec/s, coverage).
set -eu
t=$1 bin=$2 work=$3 secs=$4
shift 4
mkdir -p "$work/$t"
echo "== fuzz $t for $secs s (log: $work/$t.log)"
if ! "$bin" "$@" -max_total_time="$secs" -print_final_stats=1 -artifact_prefix="$work/$t-" \
    "$work/$t" "tests/fuzz/corpus/$t" >"$work/$t.log" 2>&1; then
    tail -n 60 "$work/$t.log"
    echo "fuzz $t: failed; the input is in $work/$t-*"
    exit 1
fi
grep -E '^#[0-9]+[[:space:]]+DONE|^stat::' "$work/$t.log"
echo "new corpus entries in $work/$t: $(ls "$work/$t" | wc -l)"
