//! Myopic foresight: the periods solved one after another, each seeing only its own year
//! (docs/model.md §11).
//!
//! Period p is solved as a single run of its scenario (its capital cost a one-year annualised
//! decision, as `spillway run` charges it), with each candidate's capacity column held at or
//! above what earlier periods built and still stands: `capacity_{p,k} ≥ Σ_{q < p, alive}
//! new_{q,k}`. What it builds is `new_{p,k} = capacity_{p,k} − carried`. The decisions are then
//! costed with the pathway's own formula (discounted operation plus annuities inside the
//! horizon), so a myopic and a perfect-foresight pathway compare on the same scale: perfect
//! foresight can never cost more.

use super::periods::{self, Prepared};
use super::spec::Pathway;
use super::Outcome;
use crate::error::Result;
use crate::results::summary_info::RunInfo;
use crate::study::RunSettings;
use std::time::Instant;

/// Solve a pathway period by period; with `status_quo`, also its status-quo pathway.
pub fn solve(
    pw: &Pathway,
    prepared: &[Prepared],
    settings: &RunSettings,
    status_quo: bool,
) -> Result<(Outcome, Option<(f64, f64)>)> {
    let built = periods::build(prepared, true);
    periods::check_candidates(prepared, &built)?;
    let t = periods::timing(pw, prepared, &built);
    let start = Instant::now();
    let (mut lp_columns, mut lp_rows, mut capital_cny) = (0, 0, 0.0);
    // new_units[q][i]: what period q built of its i-th column of new capacity.
    let mut new_units: Vec<Vec<f64>> = Vec::new();
    let mut out = Vec::new();
    for (p, b) in built.iter().enumerate() {
        let mut lp = b.model.lp.clone();
        let mut carried = Vec::new();
        for k in &b.first {
            let stands: f64 = (0..p)
                .filter_map(|q| {
                    let j = built[q].first.iter().position(|x| x.name == k.name)?;
                    let alive = t.alive(q, p, built[q].first[j].lifetime_years);
                    alive.then(|| new_units[q][j])
                })
                .sum();
            let i = k.col.0 as usize;
            // What stands at (or within solver noise of) its site limit fixes the column at
            // the limit: a gap of 1e-7 MW between the bounds leaves the interior-point solver no
            // room and its answer fails verification (seen at 3 h on the shipped pathway).
            let hi = lp.hi[i];
            let stands = if hi - stands <= 1e-6 * hi.abs().max(1.0) {
                hi.max(stands)
            } else {
                stands
            };
            lp.lo[i] = stands;
            lp.hi[i] = hi.max(stands);
            carried.push(stands);
        }
        lp_columns += lp.n_cols();
        lp_rows += lp.n_rows();
        let solve_start = Instant::now();
        let solved = crate::solve::solve(lp, settings.solver(), settings.max_iterations())?;
        let info = RunInfo {
            solver: settings.solver().name().into(),
            solve_seconds: solve_start.elapsed().as_secs_f64(),
            solver_setup_seconds: solved.setup_seconds,
            build_seconds: 0.0,
            resolution_hours: prepared[p].inputs.axis.longest_step_h(),
            resolution: prepared[p].inputs.axis.resolution.to_string(),
        };
        let new: Vec<f64> = (b.first.iter().zip(&carried))
            .map(|(k, c)| (solved.values.get(k.col) - c).max(0.0))
            .collect();
        for (k, n) in b.first.iter().zip(&new) {
            let per_year = (k.annuity_cny_per_unit + k.fixed_om_cny_per_unit) / b.year_fraction;
            capital_cny += n * per_year * t.capital_factor(p, k.lifetime_years);
        }
        out.push(periods::read(&t, p, &prepared[p], b, &solved, &new, &info));
        new_units.push(new);
    }
    let sq = if status_quo {
        Some(super::perfect::solve_status_quo(&t, &built, settings)?)
    } else {
        None
    };
    let seconds = start.elapsed().as_secs_f64();
    let outcome = super::assemble(pw, &t, out, capital_cny, seconds, lp_columns, lp_rows);
    Ok((outcome, sq))
}
