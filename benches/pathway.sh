#!/usr/bin/env bash
# Time the shipped pathway (models/pathway-2026-2030.toml: three periods, 2026, 2028 and 2030, in one
# perfect-foresight LP) at 3 h, and the same periods with myopic foresight (three single solves).
# Issue 12's target: three periods at 3 h solved within 3 minutes on 2 cores.
#
#   benches/pathway.sh [BIN=target/release/spillway] [RESOLUTION=3h] [RUNS=3]
#
# Each run is `spillway run PATHWAY --resolution R --no-baseline -q` (the status-quo pathway is a
# second solve of the same size: left out so the time is the pathway's own); wall seconds and
# peak resident memory from GNU time (/usr/bin/time), the solve's own seconds from pathway.json
# (`solve_seconds`). Prints one markdown row per run and the median. Not part of CI: the lead
# runs it on a quiet machine and puts the table in the README.
set -euo pipefail
bin=${1:-target/release/spillway}; res=${2:-3h}; runs=${3:-3}
cd "$(dirname "$0")/.."
bin=$(realpath "$bin")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
myopic="$out/pathway-myopic.toml"
sed -e 's/^foresight = "perfect"/foresight = "myopic"/' \
    -e 's|scenarios = { 2026 = "|scenarios = { 2026 = "'"$PWD"'/models/|' \
    -e 's|, 2028 = "|, 2028 = "'"$PWD"'/models/|' -e 's|, 2030 = "|, 2030 = "'"$PWD"'/models/|' \
    models/pathway-2026-2030.toml > "$myopic"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
echo
echo "| foresight | res. | run | wall s | peak MB | solve s | LP columns × rows |"
echo "|---|---|---:|---:|---:|---:|---|"
for foresight in perfect myopic; do
  file=models/pathway-2026-2030.toml
  [ "$foresight" = myopic ] && file=$myopic
  walls=()
  for i in $(seq 1 "$runs"); do
    dir="$out/$foresight-$i"
    /usr/bin/time -f '%e %M' -o "$out/time" "$bin" run "$file" --resolution "$res" --no-baseline -q --out "$dir"
    read -r wall kb < "$out/time"
    walls+=("$wall")
    json="$dir/pathway.json"
    solve=$(grep -o '"solve_seconds": [0-9.e+-]*' "$json" | cut -d' ' -f2)
    cols=$(grep -o '"lp_columns": [0-9]*' "$json" | cut -d' ' -f2)
    rows=$(grep -o '"lp_rows": [0-9]*' "$json" | cut -d' ' -f2)
    printf '| %s | %s | %d | %.2f | %d | %.2f | %s × %s |\n' "$foresight" "$res" "$i" "$wall" $((kb / 1024)) "$solve" "$cols" "$rows"
  done
  median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "| $foresight | $res | median | $median | | | |"
done
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
