"""The Dadu hydrology record: raw annual volumes, their statistics, and the corrected record.

Called by derive.py (Python 3.11 standard library only, deterministic). inputs/README.md
("hydrology_years.csv") explains every step and docs/sources.md the evidence behind it.

Correction, in this order, keeping the year order:
 1. remove the linear trend (least squares on the year), keeping the mean: the published Luding
    record has no significant trend over 1961-2016 while this uncalibrated series rises by 40 %;
 2. rescale the detrended deviations from the mean so that the coefficient of variation is
    TARGET_CV.
"""

import csv
import math

# ASSUMPTION: the interannual coefficient of variation of the Dadu's annual runoff. No published
# Cv for a Dadu or Min gauge was found (searches listed in docs/sources.md); 0.15 is the middle of
# the 0.1-0.2 range usually quoted for the large rivers of the upper Yangtze in Sichuan.
TARGET_CV = 0.15
RAW_NAME = "hydrology_years_raw.csv"
CORRECTED_NAME = "hydrology_years.csv"
FIRST_PERIOD = (1979, 1995)
LAST_PERIOD = (2001, 2016)


def statistics(years, x):
    """Statistics of the series x (any unit) as a dict; relative figures are ÷ the mean."""
    n = len(x)
    mean = sum(x) / n
    k = [v / mean for v in x]
    ss = sum((v - 1) ** 2 for v in k)
    cv = math.sqrt(ss / (n - 1))
    cs = n * sum((v - 1) ** 3 for v in k) / ((n - 1) * (n - 2) * cv ** 3)
    r1 = sum((k[i] - 1) * (k[i + 1] - 1) for i in range(n - 1)) / ss
    ty = sum(years) / n
    sxx = sum((y - ty) ** 2 for y in years)
    slope = sum((y - ty) * (v - 1) for y, v in zip(years, k)) / sxx
    resid = [v - 1 - slope * (y - ty) for y, v in zip(years, k)]
    t = slope / math.sqrt(sum(e * e for e in resid) / (n - 2) / sxx)
    s = sum((k[j] > k[i]) - (k[j] < k[i]) for i in range(n) for j in range(i + 1, n))
    z = (s - (s > 0) + (s < 0)) / math.sqrt(n * (n - 1) * (2 * n + 5) / 18)

    def period_mean(lo, hi):
        sel = [v for y, v in zip(years, k) if lo <= y <= hi]
        return sum(sel) / len(sel)

    return {
        "mean": mean,
        "cv": cv,
        "cs": cs,
        "r1": r1,
        "slope_per_decade": slope * 10,
        "t": t,
        "mk_z": z,
        "mk_p": math.erfc(abs(z) / math.sqrt(2)),
        "first_mean": period_mean(*FIRST_PERIOD),
        "last_mean": period_mean(*LAST_PERIOD),
        "min": (min(k), years[k.index(min(k))]),
        "max": (max(k), years[k.index(max(k))]),
    }


def corrected(years, x, target_cv=TARGET_CV):
    """The record detrended and rescaled to target_cv, relative to its mean (mean 1)."""
    n = len(x)
    mean = sum(x) / n
    k = [v / mean for v in x]
    ty = sum(years) / n
    slope = sum((y - ty) * (v - 1) for y, v in zip(years, k)) / sum((y - ty) ** 2 for y in years)
    detrended = [v - slope * (y - ty) for y, v in zip(years, k)]
    cv = math.sqrt(sum((v - 1) ** 2 for v in detrended) / (n - 1))
    return [1 + (v - 1) * target_cv / cv for v in detrended]


def write(out_dir, years, volumes, fmt):
    """Write the raw and the corrected record; return (raw path, corrected path, corrected)."""
    mean = sum(volumes) / len(volumes)
    raw_path = out_dir / RAW_NAME
    with open(raw_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["hydrology_year", "dadu_volume_m3", "relative_to_mean"])
        for y, v in zip(years, volumes):
            w.writerow([y, v, fmt(v / mean)])
    rel = corrected(years, volumes)
    path = out_dir / CORRECTED_NAME
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["hydrology_year", "dadu_volume_m3", "relative_to_mean", "raw_relative_to_mean"])
        for y, v, r in zip(years, volumes, rel):
            w.writerow([y, round(r * mean), fmt(r), fmt(v / mean)])
    return raw_path, path, rel


def gamma_cdf(a, x):
    """Regularized lower incomplete gamma P(a, x) (series below a + 1, continued fraction above)."""
    if x <= 0:
        return 0.0
    front = math.exp(-x + a * math.log(x) - math.lgamma(a))
    if x < a + 1:
        term = total = 1 / a
        n = a
        while abs(term) > abs(total) * 1e-16:
            n += 1
            term *= x / n
            total += term
        return total * front
    b, c, d = x + 1 - a, 1e300, 1 / (x + 1 - a)
    h = d
    for i in range(1, 100000):
        an = -i * (i - a)
        b += 2
        d = 1 / (an * d + b)
        c = b + an / c
        h *= d * c
        if abs(d * c - 1) < 1e-16:
            break
    return 1 - front * h


def frequency_factor(p, cs):
    """P-III frequency factor at exceedance p, skew cs > 0 (bisection; a check on the Rust code)."""
    a = 4 / cs ** 2
    lo, hi = 0.0, a + 60 * math.sqrt(a) + 60
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if gamma_cdf(a, mid) < 1 - p else (lo, mid)
    return cs / 2 * lo - 2 / cs


def report(years, volumes, rel):
    """Print the statistics of the raw and corrected record and the P-III design years."""
    raw = statistics(years, volumes)
    cor = statistics(years, rel)
    print(f"\nhydrology record (Pubugou, {years[0]}-{years[-1]}): raw mean {raw['mean'] / 1e9:.3f} bn m3/yr "
          f"({raw['mean'] / (365.25 * 86400):.0f} m3/s)")
    print(f"  {'statistic':<34}{'raw':>10}{'corrected':>11}")
    rows = [
        ("coefficient of variation Cv", "cv", "{:.3f}"),
        ("skew Cs (sample)", "cs", "{:.2f}"),
        ("Cs / Cv", None, "{:.2f}"),
        ("lag-1 autocorrelation", "r1", "{:.2f}"),
        ("linear trend, x mean per decade", "slope_per_decade", "{:+.3f}"),
        ("  t of the trend (36 d.f.)", "t", "{:.2f}"),
        ("Mann-Kendall Z", "mk_z", "{:.2f}"),
        ("  two-sided p", "mk_p", "{:.4f}"),
        (f"mean {FIRST_PERIOD[0]}-{FIRST_PERIOD[1]}, x mean", "first_mean", "{:.3f}"),
        (f"mean {LAST_PERIOD[0]}-{LAST_PERIOD[1]}, x mean", "last_mean", "{:.3f}"),
    ]
    for label, key, f in rows:
        a, b = (raw["cs"] / raw["cv"], cor["cs"] / cor["cv"]) if key is None else (raw[key], cor[key])
        print(f"  {label:<34}{f.format(a):>10}{f.format(b):>11}")
    for key in ("min", "max"):
        print(f"  {key + ', x mean (year)':<34}{raw[key][0]:>6.3f} ({raw[key][1]}){cor[key][0]:>7.3f} ({cor[key][1]})")
    cv = cor["cv"]
    print(f"  P-III design years of the corrected record (Cs = 2 Cv = {2 * cv:.2f}):")
    for p in (0.10, 0.50, 0.75, 0.90):
        print(f"    P{round(p * 100)}: {1 + cv * frequency_factor(p, 2 * cv):.4f} x mean")
