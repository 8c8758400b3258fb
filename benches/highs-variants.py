"""Why did good_lp + HiGHS take longer than linopy + HiGHS? HiGHS on one spillway LP (an MPS file
from `spillway run --write-lp`) handed over in the ways the two front ends could differ.

    python benches/highs-variants.py FILE.mps        (run by `VARIANTS=1 benches/highs-mps.sh 3h`)

Each variant is solved from scratch by a new Highs object (dual simplex after presolve, HiGHS's
default, unless the variant says otherwise) and prints: name, HiGHS run seconds, simplex
iterations, objective. good_lp 1.15.3 hands HiGHS the LP in one `Highs_passLp` call, column
bounds as bounds, rows in the order they were built, and sets no option but output_flag: that is
the variant `as written`.
"""
import sys
import time

import highspy
import numpy as np


def coo(lp):
    a = lp.a_matrix_
    start = np.asarray(a.start_)
    cols = np.repeat(np.arange(lp.num_col_), np.diff(start))
    return np.asarray(a.index_), cols, np.asarray(a.value_)


def build(num_col, num_row, cost, clo, chi, rlo, rhi, rows, cols, vals):
    """A HighsLp from arrays, its matrix column-wise."""
    order = np.lexsort((rows, cols))
    rows, cols, vals = rows[order], cols[order], vals[order]
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = int(num_col), int(num_row)
    lp.col_cost_, lp.col_lower_, lp.col_upper_ = cost, clo, chi
    lp.row_lower_, lp.row_upper_ = rlo, rhi
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.concatenate(([0], np.cumsum(np.bincount(cols, minlength=num_col))))
    lp.a_matrix_.index_ = rows
    lp.a_matrix_.value_ = vals
    return lp


def arrays(lp):
    return [np.asarray(x, dtype=float) for x in
            (lp.col_cost_, lp.col_lower_, lp.col_upper_, lp.row_lower_, lp.row_upper_)]


def permuted(lp, seed):
    """Rows and columns in a random order (the same LP)."""
    rng = np.random.default_rng(seed)
    cost, clo, chi, rlo, rhi = arrays(lp)
    rows, cols, vals = coo(lp)
    rp, cp = rng.permutation(lp.num_row_), rng.permutation(lp.num_col_)
    rinv, cinv = np.argsort(rp), np.argsort(cp)
    return build(lp.num_col_, lp.num_row_, cost[cp], clo[cp], chi[cp], rlo[rp], rhi[rp],
                 rinv[rows], cinv[cols], vals)


def bounds_as_rows(lp):
    """Every finite upper bound and non-zero lower bound moved into a row of its own."""
    cost, clo, chi, rlo, rhi = arrays(lp)
    rows, cols, vals = coo(lp)
    moved = np.flatnonzero(np.isfinite(chi) | (np.isfinite(clo) & (clo != 0)))
    new_rows = lp.num_row_ + np.arange(len(moved))
    rlo2 = np.where(clo[moved] != 0, clo[moved], -np.inf)
    rhi2 = chi[moved]
    clo2, chi2 = clo.copy(), chi.copy()
    clo2[moved] = np.where(clo[moved] != 0, -np.inf, 0.0)
    chi2[moved] = np.inf
    return build(lp.num_col_, lp.num_row_ + len(moved), cost, clo2, chi2,
                 np.concatenate((rlo, rlo2)), np.concatenate((rhi, rhi2)),
                 np.concatenate((rows, new_rows)), np.concatenate((cols, moved)),
                 np.concatenate((vals, np.ones(len(moved))))), len(moved)


def solve(name, lp, **options):
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    for k, v in options.items():
        h.setOptionValue(k, v)
    h.passModel(lp)
    t = time.perf_counter()
    h.run()
    seconds = time.perf_counter() - t
    info = h.getInfo()
    print(f"| {name} | {seconds:.2f} | {info.simplex_iteration_count} | {info.ipm_iteration_count} "
          f"| {h.modelStatusToString(h.getModelStatus())} | {info.objective_function_value:.6f} |",
          flush=True)


def main():
    reader = highspy.Highs()
    reader.setOptionValue("output_flag", False)
    reader.readModel(sys.argv[1])
    lp = reader.getLp()
    print(f"{lp.num_col_} columns, {lp.num_row_} rows, {len(lp.a_matrix_.value_)} non-zeros")
    print("| variant | HiGHS run s | simplex iterations | ipm iterations | status | objective |")
    print("|---|---:|---:|---:|---|---:|")
    solve("as written (good_lp's hand-over)", lp)
    solve("presolve off", lp, presolve="off")
    solve("parallel on", lp, parallel="on")
    for seed in (1, 2):
        solve(f"rows and columns shuffled (seed {seed})", permuted(lp, seed))
    rows_lp, n = bounds_as_rows(lp)
    solve(f"bounds as rows (+{n} rows)", rows_lp)


if __name__ == "__main__":
    main()
