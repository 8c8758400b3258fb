#!/usr/bin/env bash
# Accuracy of adaptive time segments (`--resolution auto:N`) against the hourly model, by N:
# the table of docs/time-segments.md. Not part of CI (it solves each scenario hourly once per N).
#
#   benches/segments-accuracy.sh [BIN] [N ...]
#
# BIN defaults to target/release/spillway (build it first: cargo build --release); N defaults
# to 100 200 400 800 1600 3200. Scenarios: SCENARIOS="a.toml b.toml" overrides the two below.
# Prints one markdown row per scenario and N: the largest relative differences from
# accuracy.csv, the solve-time ratio (from the same file: both solves' solve_seconds), and
# whether issue 13's goal is met.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/release/spillway}
shift || true
NS=${*:-100 200 400 800 1600 3200}
SCENARIOS=${SCENARIOS:-models/aba-2026.toml models/cases/2026/hydrogen-first.toml}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
echo "command: benches/segments-accuracy.sh $BIN $NS"
echo
echo "| scenario | N | objective % | largest capacity difference (% / MW) | hydro spill % (run, TWh) | export % | solve s (hourly s) | ratio | goal met |"
echo "|---|---:|---:|---|---:|---:|---:|---:|---|"
for s in $SCENARIOS; do
  for n in $NS; do
    d="$OUT/$(basename "$s" .toml)-$n"
    "$BIN" run "$s" --resolution "auto:$n" --check-accuracy --out "$d" -q 2>/dev/null
    awk -F, -v sc="$(basename "$s" .toml)" -v n="$n" '
      function abs(x) { return x < 0 ? -x : x }
      NR == 1 { next }
      { pct = ($6 == "" ? 0 : $6) }
      $1 == "objective_cny" { obj = pct }
      $1 ~ /^capacity_mw\./ || $1 == "storage_energy_mwh" || $1 == "hydrogen_storage_t" {
        if (!seen || abs($5) > abs(wmw)) { seen = 1; wmw = $5; wpct = pct; wkey = $1 }
      }
      $1 == "hydro_spill_twh" { spill = pct; spill_twh = $4 }
      $1 == "export_twh" { expo = pct }
      $1 == "solve_seconds" { run_s = $4; hourly_s = $3 }
      $8 == "no" { met = "no" }
      END {
        printf "| %s | %d | %.3f | %s %.2f %% / %.1f | %.2f (%.4f) | %.3f | %.2f (%.2f) | %.3f | %s |\n",
          sc, n, obj, wkey, wpct, wmw, spill, spill_twh, expo, run_s, hourly_s, run_s / hourly_s,
          (met == "no" ? "no" : "yes")
      }' "$d/accuracy.csv"
  done
done
