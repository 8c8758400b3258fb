#!/usr/bin/env python3
"""Derive spillway's time-series inputs for the Aba 2025 scenario.

Reads the numeric extracts in <repo>/../shared/data (see SOURCES.md there) and writes

    inputs/aba-2025/profiles.csv          8760 hourly rows, model year 2025 (UTC+8, hour-beginning)
    inputs/aba-2025/hydrology_years.csv   Dadu (Pubugou) annual inflow 1979-2016, corrected
    inputs/aba-2025/hydrology_years_raw.csv   the same, as in the source

then prints summary statistics. Deterministic; Python 3.11 standard library only.
Usage:  python3 inputs/derive.py [--shared DIR] [--out DIR]
See inputs/README.md for provenance and the meaning of every column.
"""

import argparse
import csv
import hydrology_record
import math
import sys
from decimal import ROUND_HALF_UP, Decimal, getcontext
from datetime import datetime, timedelta
from pathlib import Path

MODEL_YEAR = 2025
HOURS = 8760
DECIMALS = 6
SCALE = 10 ** DECIMALS
FLOOD_MONTHS = (6, 7, 8, 9, 10)  # June-October, as in shared/spec/model.md
TS_FMT = "%Y-%m-%d %H:%M"

COLUMNS = [
    "hydro_ror_pu",
    "hydro_inflow_pu",
    "solar_cf",
    "wind_cf",
    "load_pu",
    "solar_cf_qinghai",
    "wind_cf_qinghai",
]


def fail(msg):
    sys.exit(f"derive.py: ERROR: {msg}")


def model_hours():
    """The 8760 hour-beginning labels of the model year."""
    start = datetime(MODEL_YEAR, 1, 1, 0, 0)
    hours = [start + timedelta(hours=i) for i in range(HOURS)]
    assert hours[-1] == datetime(MODEL_YEAR, 12, 31, 23, 0)
    return hours


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def parse_float(s, where):
    try:
        v = float(s)
    except ValueError:
        fail(f"{where}: not a number: {s!r}")
    if not math.isfinite(v):
        fail(f"{where}: non-finite value {s!r}")
    return v


def by_month_day_hour(path, ts_col, val_col, src_year, drop_feb29):
    """Read an hourly series of src_year into {(month, day, hour): value}.

    Checks that every label is in src_year, unique, and on the hour. Feb 29 is dropped when
    drop_feb29 is set; it is an error if Feb 29 is present and drop_feb29 is not set.
    """
    out = {}
    dropped = 0
    for i, row in enumerate(read_rows(path), start=2):
        ts = datetime.strptime(row[ts_col], TS_FMT)
        if ts.year != src_year or ts.minute != 0:
            fail(f"{path.name} line {i}: unexpected label {row[ts_col]}")
        if (ts.month, ts.day) == (2, 29):
            if not drop_feb29:
                fail(f"{path.name} line {i}: Feb 29 present but not expected")
            dropped += 1
            continue
        key = (ts.month, ts.day, ts.hour)
        if key in out:
            fail(f"{path.name} line {i}: duplicate label {row[ts_col]}")
        out[key] = parse_float(row[val_col], f"{path.name} line {i}")
    return out, dropped


def map_onto(series, hours, name):
    missing = [h for h in hours if (h.month, h.day, h.hour) not in series]
    if missing:
        fail(f"{name}: {len(missing)} model hours have no source value, first {missing[0]}")
    if len(series) != HOURS:
        fail(f"{name}: {len(series)} source hours after mapping, expected {HOURS}")
    return [series[(h.month, h.day, h.hour)] for h in hours]


def fmt(v):
    """Round half away from zero to 6 decimals (on the float's decimal repr) and format."""
    q = round_micro(v)
    return micro_str(q)


def round_micro(v):
    # repr() gives the shortest decimal that round-trips; round that decimal exactly.
    return int((Decimal(repr(v)) * SCALE).to_integral_value(rounding=ROUND_HALF_UP))


def micro_str(q):
    sign = "-" if q < 0 else ""
    q = abs(q)
    return f"{sign}{q // SCALE}.{q % SCALE:0{DECIMALS}d}"


def normalise_mean_one(values):
    """Scale to mean 1 and round to 6 decimals so that the ROUNDED values sum to exactly
    len(values) (largest-remainder rounding; ties broken by position). Returns micro-units."""
    getcontext().prec = 40
    vals = [Decimal(repr(v)) for v in values]
    total = sum(vals)
    n = len(vals)
    exact = [v * n * SCALE / total for v in vals]  # micro-units, mean SCALE
    floors = [int(x) for x in exact]  # values are positive, int() == floor
    short = n * SCALE - sum(floors)
    order = sorted(range(n), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:short]:
        floors[i] += 1
    assert sum(floors) == n * SCALE
    return floors


def main():
    repo = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=repo.parent / "shared" / "data",
                    help="directory with the shared data extracts (default: <repo>/../shared/data)")
    ap.add_argument("--out", type=Path, default=repo / "inputs" / "aba-2025",
                    help="output directory (default: <repo>/inputs/aba-2025)")
    ap.add_argument("--solar-wind-shift-hours", type=int, default=0, metavar="N",
                    help="give model hour H the solar/wind value labelled H+N (cyclic over the year). "
                         "Default 0 = labels taken as they are. N=1 would treat the source labels as "
                         "hour-ending; see inputs/README.md, 'Time labels of solar and wind'")
    args = ap.parse_args()
    shared = args.shared
    if not (shared / "SOURCES.md").is_file():
        fail(f"{shared} does not look like shared/data (no SOURCES.md)")

    hours = model_hours()

    # --- hydro: 2020, Feb 29 already missing (8760 rows) ------------------------------------
    hydro, d = by_month_day_hour(shared / "sichuan_hydro_pmaxpu_hourly.csv",
                                 "timestamp_utc8", "sichuan_hydro_p_max_pu", 2020, drop_feb29=False)
    hydro_ror = map_onto(hydro, hours, "hydro")
    # inflow shape: daily mean of the same hourly p_max_pu (removes the dispatch-like diurnal peak)
    day_sum, day_n = {}, {}
    for (m, dd, _h), v in hydro.items():
        day_sum[(m, dd)] = day_sum.get((m, dd), 0.0) + v
        day_n[(m, dd)] = day_n.get((m, dd), 0) + 1
    if any(n != 24 for n in day_n.values()) or len(day_n) != 365:
        fail("hydro: expected 365 complete days")
    hydro_inflow = [day_sum[(h.month, h.day)] / 24.0 for h in hours]

    # --- solar / wind: 2020, 8784 rows, drop Feb 29 ----------------------------------------
    cols = {}
    dropped_report = {}
    for fname, prefix in (("sichuan_solar_cf_hourly.csv", "solar"), ("sichuan_wind_cf_hourly.csv", "wind")):
        for src_col, suffix in (("Sichuan_cf", ""), ("Qinghai_cf", "_qinghai")):
            s, d = by_month_day_hour(shared / fname, "timestamp_utc8", src_col, 2020, drop_feb29=True)
            if d != 24:
                fail(f"{fname}: dropped {d} Feb 29 rows, expected 24")
            dropped_report[f"{prefix}_cf{suffix}"] = d
            mapped = map_onto(s, hours, f"{fname}:{src_col}")
            k = args.solar_wind_shift_hours % HOURS
            cols[f"{prefix}_cf{suffix}"] = mapped[k:] + mapped[:k]

    # --- load: 2018, 8760 rows, by position --------------------------------------------------
    load_rows = read_rows(shared / "sichuan_load_hourly.csv")
    if len(load_rows) != HOURS:
        fail(f"load: {len(load_rows)} rows, expected {HOURS}")
    load_mw = []
    t0 = datetime(2018, 1, 1)
    for i, row in enumerate(load_rows):
        if int(row["hour_of_year"]) != i + 1:
            fail(f"load row {i + 2}: hour_of_year {row['hour_of_year']} != {i + 1}")
        ts = datetime.strptime(row["timestamp_start_utc8"], TS_FMT)
        if ts != t0 + timedelta(hours=i):
            fail(f"load row {i + 2}: label {ts} not consecutive")
        # 2018 and 2025 are both non-leap and position i has the same month/day/hour in both
        if (ts.month, ts.day, ts.hour) != (hours[i].month, hours[i].day, hours[i].hour):
            fail("load: calendar mismatch 2018 vs 2025")
        v = parse_float(row["load_MW"], f"load row {i + 2}")
        if v <= 0:
            fail(f"load row {i + 2}: non-positive load {v}")
        load_mw.append(v)
    load_micro = normalise_mean_one(load_mw)

    # --- assemble (in integer micro-units, so stats are of the written numbers) ---------------
    micro = {
        "hydro_ror_pu": [round_micro(v) for v in hydro_ror],
        "hydro_inflow_pu": [round_micro(v) for v in hydro_inflow],
        "solar_cf": [round_micro(v) for v in cols["solar_cf"]],
        "wind_cf": [round_micro(v) for v in cols["wind_cf"]],
        "load_pu": load_micro,
        "solar_cf_qinghai": [round_micro(v) for v in cols["solar_cf_qinghai"]],
        "wind_cf_qinghai": [round_micro(v) for v in cols["wind_cf_qinghai"]],
    }
    for c in COLUMNS:
        lo = min(micro[c])
        if lo < 0:
            fail(f"{c}: negative value {micro_str(lo)}")
        if c != "load_pu" and max(micro[c]) > SCALE:
            fail(f"{c}: value above 1: {micro_str(max(micro[c]))}")

    args.out.mkdir(parents=True, exist_ok=True)
    prof_path = args.out / "profiles.csv"
    with open(prof_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["timestamp"] + COLUMNS)
        for i, h in enumerate(hours):
            w.writerow([h.strftime(TS_FMT)] + [micro_str(micro[c][i]) for c in COLUMNS])

    # --- hydrology years (Pubugou, main Dadu gauge): raw and corrected (hydrology_record.py) --
    hy_rows = read_rows(shared / "dadu_inflow_annual_volume_m3.csv")
    years = [int(r["hydrology_year"]) for r in hy_rows]
    if years != list(range(1979, 2017)):
        fail(f"hydrology years are {years[0]}..{years[-1]} ({len(years)}), expected 1979..2016")
    vols = [int(r["Pubugou"]) for r in hy_rows]
    if min(vols) <= 0:
        fail("a hydrology year has no positive volume")
    mean_vol = sum(vols) / len(vols)
    hy_raw_path, hy_path, hy_corrected = hydrology_record.write(args.out, years, vols, fmt)

    # --- summary -----------------------------------------------------------------------------
    print(f"wrote {prof_path} ({HOURS} rows + header), {hy_path} and {hy_raw_path} "
          f"({len(years)} rows + header each)")
    print(f"Feb 29 rows dropped from 2020 solar/wind: {dropped_report}")
    print(f"solar/wind shift: {args.solar_wind_shift_hours} h (0 = source labels used as they are)")
    flood = [h.month in FLOOD_MONTHS for h in hours]
    nf = sum(flood)
    print(f"\nflood season = months {FLOOD_MONTHS} = {nf} h; rest = {HOURS - nf} h")
    print(f"{'column':<18}{'mean':>10}{'Jun-Oct':>10}{'rest':>10}{'min':>10}{'max':>10}{'FLH h':>8}")
    for c in COLUMNS:
        v = [q / SCALE for q in micro[c]]
        mean = sum(v) / HOURS
        fm = sum(x for x, fl in zip(v, flood) if fl) / nf
        rm = sum(x for x, fl in zip(v, flood) if not fl) / (HOURS - nf)
        print(f"{c:<18}{mean:>10.4f}{fm:>10.4f}{rm:>10.4f}{min(v):>10.4f}{max(v):>10.4f}{mean * HOURS:>8.0f}")
    print(f"load_pu sum of written values = {micro_str(sum(micro['load_pu']))} (exactly {HOURS} means mean 1)")
    lo, hi = min(load_mw), max(load_mw)
    print(f"load source: mean {sum(load_mw) / HOURS:.1f} MW, total {sum(load_mw) / 1e6:.2f} TWh, "
          f"min {lo:.0f} MW, max {hi:.0f} MW (peak/mean {hi * HOURS / sum(load_mw):.3f})")

    # mean diurnal profile: hour of peak
    print("\nhour (UTC+8, hour-beginning) of the mean diurnal peak:")
    for c in COLUMNS:
        prof = [0.0] * 24
        for i, h in enumerate(hours):
            prof[h.hour] += micro[c][i]
        pk = max(range(24), key=lambda k: prof[k])
        mn = min(range(24), key=lambda k: prof[k])
        ratio = f"{prof[pk] / prof[mn]:.3f}" if prof[mn] else "inf"
        extra = ""
        if c.startswith("solar"):
            # energy-weighted mean time of the diurnal profile, each label taken as the hour's midpoint
            cen = sum((k + 0.5) * prof[k] for k in range(24)) / sum(prof)
            extra = f"  centroid {int(cen):02d}:{round((cen % 1) * 60):02d} (if labels are hour-beginning)"
        print(f"  {c:<18} peak {pk:02d}:00  trough {mn:02d}:00  peak/trough {ratio}{extra}")
    for c in ("solar_cf", "solar_cf_qinghai"):
        for mon in (6, 12):
            nz = [h.hour for i, h in enumerate(hours) if h.month == mon and micro[c][i] > 0]
            print(f"  {c} month {mon}: non-zero in labels {min(nz):02d}:00..{max(nz):02d}:00")

    # Feb 28 -> Mar 1 continuity check (where the 2020 leap day was removed)
    i28 = hours.index(datetime(MODEL_YEAR, 2, 28, 23))
    print("\nFeb 28 23:00 -> Mar 1 00:00 step vs the year's typical 23:00->00:00 step (|delta|):")
    for c in COLUMNS:
        v = micro[c]
        step = abs(v[i28 + 1] - v[i28]) / SCALE
        mids = sorted(abs(v[i + 1] - v[i]) / SCALE for i in range(23, HOURS - 1, 24))
        med = mids[len(mids) // 2]
        p95 = mids[int(0.95 * len(mids))]
        print(f"  {c:<18} {micro_str(v[i28])} -> {micro_str(v[i28 + 1])}  |d|={step:.4f}  "
              f"(midnight steps: median {med:.4f}, p95 {p95:.4f})")

    # monthly means of hydro
    print("\nmonthly mean:")
    print(f"  {'month':<17}" + "".join(f"{m:>7d}" for m in range(1, 13)))
    for c in COLUMNS:
        sums = [0] * 13
        ns = [0] * 13
        for i, h in enumerate(hours):
            sums[h.month] += micro[c][i]
            ns[h.month] += 1
        print(f"  {c[:17]:<17}" + "".join(f"{sums[m] / ns[m] / SCALE:>7.3f}" for m in range(1, 13)))

    rel = [v / mean_vol for v in vols]
    srt = sorted(rel)
    print(f"\nhydrology years (raw): nearest-rank quantiles of relative_to_mean: p10 {srt[3]:.3f}, "
          f"p50 {(srt[18] + srt[19]) / 2:.3f}, p90 {srt[34]:.3f}")
    hydrology_record.report(years, vols, hy_corrected)

if __name__ == "__main__":
    main()
