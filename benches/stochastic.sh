#!/usr/bin/env bash
# benches/stochastic.sh — timings of the two-stage stochastic LP (issue 11). Not run by the tests:
# run it on a quiet machine and copy the numbers into README's Performance.
#
#   (a) every record year (`hydrology = "all"`, 38 years) at 24 h, by Benders and by the extensive
#       form: both objectives and their relative difference (the issue asks for 1e-4), the plan's
#       solve time, the whole run's wall time and peak memory;
#   (b) the 4 design years (the shipped models/aba-2026-design-years.toml) at 3 h by the extensive
#       form, the faster method there: time and peak memory (the issue's goal: < 5 min, < 2 GB);
#   (c) Benders as in (a) on --threads 1 and --threads 2: the speed-up of the plan's solve.
#
# Usage: benches/stochastic.sh [RESULTS]   (RESULTS defaults to target/bench-stochastic.txt)
# Environment: SPILLWAY (binary; default target/release/spillway, built here); YEARS (the
# `hydrology` of (a) and (c), default "all"; a list such as "[1980, 1995, 2010]" for a quick
# check of the script); PARTS (default "a b c").
#
# Measures: "plan" is summary.json's `solve_seconds`, the time to solve the plan (by either
# method) before the regret table; "wall" and "peak" are GNU time's elapsed time and maximum
# resident set of the whole `spillway run`. A run also evaluates the regret table (every year's
# own optimum and the mean-year plan in every year: (years + 2) × years LPs), which dominates the
# wall time at 38 years. `[stochastic] regret = false` turns it off (branch stochout): the script
# uses it when the binary accepts it (checked with `spillway check`), and says which it did.
set -euo pipefail
cd "$(dirname "$0")/.."
RESULTS=${1:-target/bench-stochastic.txt}
YEARS=${YEARS:-'"all"'}
PARTS=${PARTS:-a b c}
if [ -z "${SPILLWAY:-}" ]; then
    cargo build --release --quiet
    SPILLWAY=target/release/spillway
fi
TIME=/usr/bin/time
if ! [ -x "$TIME" ]; then
    # GNU time (`time` in Debian and Ubuntu) reports the peak memory; the shell's keyword does not.
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y -q time; else sudo apt-get install -y -q time; fi
fi
OUT=$(mktemp -d /tmp/spillway-stochastic-bench.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
mkdir -p "$(dirname "$RESULTS")"
: > "$RESULTS"
say() { echo "$*" | tee -a "$RESULTS"; }

# Whether the binary knows `[stochastic] regret` (branch stochout): then the table is switched off.
probe="$OUT/probe.toml"
printf 'extends = "%s/models/aba-2026-design-years.toml"\nname = "probe"\n[stochastic]\nregret = false\n' "$PWD" > "$probe"
if "$SPILLWAY" check "$probe" > /dev/null 2>&1; then REGRET=$'\nregret = false'; else REGRET=""; fi

variant() { # NAME BODY: a scenario extending the shipped design-year one; prints its path
    printf 'extends = "%s/models/aba-2026-design-years.toml"\nname = "%s"\n%s\n' "$PWD" "$1" "$2" > "$OUT/$1.toml"
    echo "$OUT/$1.toml"
}
run() { # LABEL SCENARIO ARGS…: one timed run; appends a line to RESULTS; leaves OUT/LABEL
    local label=$1 sc=$2; shift 2
    "$TIME" -f "%e %M" -o "$OUT/$label.time" "$SPILLWAY" run "$sc" --out "$OUT/$label" --no-baseline -q "$@" \
        > /dev/null 2> "$OUT/$label.stderr" || { cat "$OUT/$label.stderr" >&2; say "$label: failed"; return 1; }
    python3 - "$OUT/$label/summary.json" "$label" "$(tail -1 "$OUT/$label.time")" <<'PY' | tee -a "$RESULTS"
import json, sys
s = json.load(open(sys.argv[1]))
st = s["stochastic"]
wall, peak_kb = sys.argv[3].split()
print(f"{sys.argv[2]}: objective {st['objective_cny']:.9e} CNY, method {st['method']}, "
      f"iterations {st['iterations']}, gap {st['gap']:.1e}, plan {s['solve_seconds']:.1f} s, "
      f"wall {float(wall):.1f} s, peak {int(peak_kb) / 1024:.0f} MB")
PY
}
objective() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["stochastic"]["objective_cny"])' "$OUT/$1/summary.json"; }
plan_seconds() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["solve_seconds"])' "$OUT/$1/summary.json"; }

say "# benches/stochastic.sh, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
say "# binary $SPILLWAY ($("$SPILLWAY" --version 2>/dev/null || echo '?')); years $YEARS; regret table $([ -n "$REGRET" ] && echo off || echo 'on (this binary has no [stochastic] regret switch: wall and peak include it)')"
benders=$(variant benders "hydrology = $YEARS"$'\n[stochastic]\nmethod = "benders"'"$REGRET")
extensive=$(variant extensive "hydrology = $YEARS"$'\n[stochastic]\nmethod = "extensive"'"$REGRET")
if [[ " $PARTS " == *" a "* ]]; then
    run "a-benders-24h" "$benders" --resolution 24h
    run "a-extensive-24h" "$extensive" --resolution 24h
    python3 -c 'import sys; b, e = map(float, sys.argv[1:]); print(f"a: relative difference of the objectives {abs(b - e) / abs(e):.1e} (issue: at most 1e-4)")' \
        "$(objective a-benders-24h)" "$(objective a-extensive-24h)" | tee -a "$RESULTS"
fi
if [[ " $PARTS " == *" b "* ]]; then
    design=$(variant design-3h $'[stochastic]\nmethod = "extensive"'"$REGRET")
    run "b-design-years-extensive-3h" "$design" --resolution 3h
fi
if [[ " $PARTS " == *" c "* ]]; then
    run "c-benders-24h-1-thread" "$benders" --resolution 24h --threads 1
    run "c-benders-24h-2-threads" "$benders" --resolution 24h --threads 2
    python3 -c 'import sys; one, two = map(float, sys.argv[1:]); print(f"c: speed-up of the plan on 2 threads over 1: {one / two:.2f}x")' \
        "$(plan_seconds c-benders-24h-1-thread)" "$(plan_seconds c-benders-24h-2-threads)" | tee -a "$RESULTS"
fi
echo "results in $RESULTS"
