#!/usr/bin/env bash
# Enumeration of lumpy projects (issue 12): times `spillway run` of the shipped example
# models/cases/lumpy/aba-2026-lumpy.toml (the outbound 500 kV line at 4 sizes × an electrolysis
# plant on/off = 8 combinations, each one LP) at 24 h on 1 and on 2 threads, alternately, and
# prints one markdown row per thread count with the median wall time and the speed-up of 2
# threads over 1. Not part of CI and not run by tests: run it on a quiet machine.
#
#   benches/lumpy.sh [RUNS]            default RUNS = 3 (per thread count)
#
# Environment: SPILLWAY (binary; default target/release/spillway, built here), SCENARIO
# (default the example), RESOLUTION (default 24h). `--no-baseline` keeps the status quo's solve
# out of the time; `-q` keeps the table off the terminal. The issue's goal: 8 combinations at
# 24 h within 30 s on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
scenario=${SCENARIO:-models/cases/lumpy/aba-2026-lumpy.toml}
resolution=${RESOLUTION:-24h}
if [ -z "${SPILLWAY:-}" ]; then
    cargo build --release --quiet
    SPILLWAY=target/release/spillway
fi
work=$(mktemp -d /tmp/spillway-lumpy-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

declare -A times
for ((i = 0; i < runs; i++)); do
    for threads in 1 2; do
        start=$(date +%s.%N)
        "$SPILLWAY" run "$scenario" --resolution "$resolution" --threads "$threads" \
            --no-baseline -q --out "$work/out-$threads" > /dev/null
        end=$(date +%s.%N)
        times[$threads]+="$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}') "
    done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
combos=$(($(wc -l < "$work/out-1/lumpy_combinations.csv") - 1))
load=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')
one=$(echo "${times[1]}" | median)
two=$(echo "${times[2]}" | median)
echo "| date (UTC) | load 1/5/15 | scenario | res. | combinations | threads | median s ($runs runs) | speed-up |"
echo "|---|---|---|---|---:|---:|---:|---:|"
echo "| $(date -u '+%Y-%m-%d %H:%M') | $load | $(basename "$scenario" .toml) | $resolution | $combos | 1 | $one | 1.00 |"
echo "| $(date -u '+%Y-%m-%d %H:%M') | $load | $(basename "$scenario" .toml) | $resolution | $combos | 2 | $two | $(awk -v a="$one" -v b="$two" 'BEGIN {printf "%.2f", a / b}') |"
