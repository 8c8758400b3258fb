#!/usr/bin/env bash
# HiGHS on spillway's own LP: `spillway run --write-lp` writes the LP it solves as free MPS, and
# HiGHS (PyPI's highspy, in a throwaway virtual environment under /tmp) solves that file. Prints
# one markdown table row per resolution and HiGHS solver, for README.md and
# docs/solver-measurements.md. Not part of CI (it needs the network for `pip install`).
#
#   benches/highs-mps.sh [RESOLUTION ...]       default: 24h 3h (run 1h only on a quiet machine)
#
# Environment: SCENARIO (default models/aba-2026.toml), HIGHSPY (pip requirement, default
# `highspy`), SPILLWAY (binary; default: target/release/spillway, built here), VARIANTS=1 (then
# also benches/highs-variants.py on the last resolution's file: the good_lp question of
# docs/solver-measurements.md).
#
# Columns: date (UTC) and load average (1/5/15 min) when the row was measured; the LP's size;
# HiGHS's solver (`simplex` = HiGHS's default, dual simplex after presolve; `ipm` = its interior
# point); HiGHS's run time (h.run(), the file read apart) and read time; spillway's
# solve_seconds (Clarabel) and its whole `run`; the relative difference of the objectives, HiGHS
# (plus the objective constant the MPS file states) against summary.json's objective_cny.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${SCENARIO:-models/aba-2026.toml}
resolutions=("$@")
[ ${#resolutions[@]} -gt 0 ] || resolutions=(24h 3h)

work=$(mktemp -d /tmp/spillway-highs-mps.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "${HIGHSPY:-highspy}"
if [ -z "${SPILLWAY:-}" ]; then
    cargo build --release --quiet
    SPILLWAY=target/release/spillway
fi

cat > "$work/solve.py" <<'EOF'
import json, re, sys, time
import highspy

mps, summary_path, solver, res, run_s, load = sys.argv[1:7]
summary = json.load(open(summary_path))
with open(mps) as f:
    header = "".join(line for line, _ in zip(f, range(5)))
constant = float(re.search(r"^\* objective constant (\S+) CNY", header, re.M).group(1))
h = highspy.Highs()
h.setOptionValue("output_flag", False)
h.setOptionValue("solver", solver)
t0 = time.perf_counter()
h.readModel(mps)
t1 = time.perf_counter()
h.run()
t2 = time.perf_counter()
status = h.modelStatusToString(h.getModelStatus())
objective = h.getInfo().objective_function_value + constant
reference = summary["objective_cny"]
rel = (objective - reference) / abs(reference)
lp = h.getLp()
print(f"| {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} | {load} | {res} "
      f"| {lp.num_col_:,} × {lp.num_row_:,} | highs {h.version()} {solver} ({status}) "
      f"| {t2 - t1:.2f} | {t1 - t0:.2f} | {summary['solve_seconds']:.2f} | {float(run_s):.2f} "
      f"| {rel:.1e} |")
EOF

echo "| date (UTC) | load 1/5/15 | res. | columns × rows | HiGHS | HiGHS run s | HiGHS read s | spillway solve s | spillway run s | objective rel. diff |"
echo "|---|---|---|---|---|---:|---:|---:|---:|---:|"
for res in "${resolutions[@]}"; do
    load=$(uptime | sed 's/.*load average: //; s/, /\//g')
    start=$(date +%s.%N)
    "$SPILLWAY" run "$scenario" --resolution "$res" --out "$work/out-$res" \
        --write-lp "$work/lp-$res.mps" --quiet --force
    run_s=$(awk "BEGIN { print $(date +%s.%N) - $start }")
    for solver in simplex ipm; do
        "$work/venv/bin/python" "$work/solve.py" "$work/lp-$res.mps" \
            "$work/out-$res/summary.json" "$solver" "$res" "$run_s" "$load" | grep '^|'
    done
done
if [ "${VARIANTS:-0}" = 1 ]; then
    echo
    echo "variants at ${resolutions[-1]}, load $(uptime | sed 's/.*load average: //')"
    "$work/venv/bin/python" benches/highs-variants.py "$work/lp-${resolutions[-1]}.mps" | grep -v '^Running\|^Includes'
fi
