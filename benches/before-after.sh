#!/usr/bin/env bash
# Time two spillway binaries on the same run, alternately (A B A B …), so that a drift in the
# machine's speed falls on both; print each run, the medians and the ratio of the medians.
#
#   benches/before-after.sh OLD_BIN NEW_BIN [RESOLUTION=1h] [RUNS=3] [SCENARIO=models/aba-2026.toml]
#
# OLD_BIN is typically a build of an earlier commit:
#   git worktree add /tmp/spillway-old <commit> && (cd /tmp/spillway-old && cargo build --release)
# Wall seconds and peak resident memory come from GNU time (/usr/bin/time). Not part of CI.
set -euo pipefail
old=$1; new=$2; res=${3:-1h}; runs=${4:-3}; scenario=${5:-models/aba-2026.toml}
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: spillway run $scenario --resolution $res -q; $runs runs of each, alternately"
# Time the one solve: since issue 10 `run` also solves the status quo (once; then cached), which
# a binary that knows `--no-baseline` is told to skip.
extra() { if "$1" run --help 2>/dev/null | grep -q -- --no-baseline; then echo --no-baseline; fi; }
once() { # BIN LABEL
  # shellcheck disable=SC2046
  /usr/bin/time -f "%e %M" -o "$out/t" "$1" run "$scenario" --resolution "$res" --out "$out/$2" -q $(extra "$1") >/dev/null
  read -r wall kb < "$out/t"
  solve=$(grep -o '"solve_seconds": [0-9.e+-]*' "$out/$2/summary.json" | cut -d' ' -f2)
  echo "$2 wall_s=$wall peak_MB=$((kb / 1024)) solve_s=$solve" | tee -a "$out/log"
}
for i in $(seq "$runs"); do once "$old" old; once "$new" new; done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for k in old new; do
  w=$(grep "^$k " "$out/log" | sed 's/.*wall_s=\([^ ]*\).*/\1/' | median)
  m=$(grep "^$k " "$out/log" | sed 's/.*peak_MB=\([^ ]*\).*/\1/' | median)
  echo "median $k: wall ${w} s, peak ${m} MB"
  eval "w_$k=$w"
done
echo "speed-up (old / new wall, medians): $(awk "BEGIN {printf \"%.2f\", $w_old / $w_new}")"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
