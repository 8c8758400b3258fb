#!/usr/bin/env bash
# Check the Snakemake example: fan a sweep out over 3 shards, merge, and compare the merged
# sweep.csv byte for byte with an unsharded run. Needs snakemake on PATH (not part of CI):
#   python3 -m venv /tmp/smk && /tmp/smk/bin/pip install snakemake && PATH=/tmp/smk/bin:$PATH workflows/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v snakemake >/dev/null || { echo "snakemake not found" >&2; exit 1; }
cargo build --release --locked -q
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
sweep=models/sweeps/hydrology-years.toml
snakemake -s workflows/Snakefile --cores 2 --quiet all \
  --config sweep="$sweep" shards=3 out="$out/smk"
target/release/spillway sweep "$sweep" --out "$out/whole" -q
cmp "$out/smk/merged/sweep.csv" "$out/whole/sweep.csv"
echo "snakemake: 3 shards merged = unsharded sweep.csv ($(($(wc -l < "$out/whole/sweep.csv") - 1)) points)"
