#!/usr/bin/env bash
# benches/stochastic.sh — timings of the two-stage stochastic LP (issue 11). Not run by the tests:
# the lead runs it on a quiet machine and copies the numbers into README's Performance.
#
#   1. 38 record years at 24 h, by Benders and by the extensive form (the two must agree to 1e-4);
#   2. the 4 design years at 3 h, extensive form, with peak memory (GNU time's "Maximum resident");
#   3. Benders on the design years at 24 h with 1 and with 2 threads (the speed-up).
#
# Usage: benches/stochastic.sh [BIN]   (BIN defaults to target/release/spillway; build it first)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/release/spillway}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "needs GNU time at $TIME (apt-get install time)"; exit 1; }

variant() { # NAME BODY: a scenario extending the shipped design-year one
  printf 'extends = "%s/models/aba-2026-design-years.toml"\nname = "%s"\n%s\n' "$PWD" "$1" "$2" > "$OUT/$1.toml"
  echo "$OUT/$1.toml"
}
run() { # LABEL SCENARIO ARGS…
  local label=$1 sc=$2; shift 2
  $TIME -f "$label: %e s wall, %M KB peak" "$BIN" run "$sc" --out "$OUT/$label" --no-baseline -q "$@" \
    2> >(grep -E "s wall|warning|error" >&2) > /dev/null
  python3 - "$OUT/$label/summary.json" "$label" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["stochastic"]
print(f"{sys.argv[2]}: objective {s['objective_cny']:.6e} CNY, gap {s['gap']:.1e}, iterations {s['iterations']}")
PY
}

all_b=$(variant all-benders $'hydrology = "all"\n[stochastic]\nmethod = "benders"')
all_e=$(variant all-extensive $'hydrology = "all"\n[stochastic]\nmethod = "extensive"')
run "38 years 24h benders" "$all_b" --resolution 24h
run "38 years 24h extensive" "$all_e" --resolution 24h
run "4 design years 3h extensive" models/aba-2026-design-years.toml --resolution 3h
dy_b=$(variant dy-benders $'[stochastic]\nmethod = "benders"')
run "4 design years 24h benders 1 thread" "$dy_b" --resolution 24h --threads 1
run "4 design years 24h benders 2 threads" "$dy_b" --resolution 24h --threads 2
