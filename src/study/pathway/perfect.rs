//! Perfect foresight: every period in one LP (docs/model.md §11).
//!
//! ```text
//! min  Σ_p W_p·operating_p  +  Σ_q Σ_k b_{q,k} · c_{q,k} · K_{q,L_k}
//! s.t. every period's own rows (its block, built from its scenario without capital costs)
//!      vintage[y_p,k]:  capacity_{p,k} − Σ_{q ≤ p, y_p < y_q + L_k} b_{q,k} = 0
//!      b_{q,k} ≥ 0     (build[y_q,k]; fixed at 0 in the status-quo pathway)
//! ```
//!
//! `c_{q,k}` is candidate k's capex annuity plus fixed O&M per unit and year in period q's
//! scenario, and `K` its discounted years inside the horizon (`discount.rs`). The block's
//! capacity column keeps its bounds, so a site limit bounds what stands in each period.

use super::discount::Timing;
use super::periods::{self, BuiltPeriod, Prepared};
use super::spec::Pathway;
use super::Outcome;
use crate::error::Result;
use crate::model::lp::{Col, Index, Sense};
use crate::model::stack::Stack;
use crate::results::summary_info::RunInfo;
use crate::study::RunSettings;
use std::time::Instant;

/// The stacked LP and the build column of each period's each candidate.
pub struct Linked {
    pub stack: Stack,
    /// builds[q][i]: the build column of period q's i-th column of new capacity.
    pub builds: Vec<Vec<Col>>,
}

/// Stack the periods' blocks and link their capacities by vintage rows.
pub fn link(t: &Timing, built: &[BuiltPeriod], status_quo: bool) -> Linked {
    let mut stack = Stack::new();
    for (p, b) in built.iter().enumerate() {
        stack.push(&b.model.lp, &t.starts[p].to_string(), t.weight(p));
    }
    let mut builds = Vec::new();
    for (q, b) in built.iter().enumerate() {
        let hi = if status_quo { 0.0 } else { f64::INFINITY };
        let cols: Vec<Col> = (b.first.iter())
            .map(|k| {
                let f =
                    (stack.lp).family("build", &format!("{},{}", t.starts[q], k.name), Index::One);
                let col = stack.lp.col_in(f, 0.0, hi);
                let per_year = (k.annuity_cny_per_unit + k.fixed_om_cny_per_unit) / b.year_fraction;
                stack
                    .lp
                    .cost(per_year * t.capital_factor(q, k.lifetime_years), col);
                col
            })
            .collect();
        builds.push(cols);
    }
    for (p, b) in built.iter().enumerate() {
        for k in &b.first {
            let mut terms = vec![(1.0, stack.col(p, k.col))];
            for (q, bq) in built.iter().enumerate().take(p + 1) {
                let earlier = bq.first.iter().position(|x| x.name == k.name);
                if let Some(j) = earlier.filter(|&j| t.alive(q, p, bq.first[j].lifetime_years)) {
                    terms.push((-1.0, builds[q][j]));
                }
            }
            let f = (stack.lp).family(
                "vintage",
                &format!("{},{}", t.starts[p], k.name),
                Index::One,
            );
            stack.lp.row_in(f, &terms, Sense::Eq, 0.0);
        }
    }
    Linked { stack, builds }
}

/// Solve a pathway with perfect foresight; with `status_quo`, also its status-quo pathway,
/// returned as its discounted (money, LP) cost.
pub fn solve(
    pw: &Pathway,
    prepared: &[Prepared],
    settings: &RunSettings,
    status_quo: bool,
) -> Result<(Outcome, Option<(f64, f64)>)> {
    let built = periods::build(prepared, false);
    periods::check_candidates(prepared, &built)?;
    let t = periods::timing(pw, prepared, &built);
    let start = Instant::now();
    let Linked { mut stack, builds } = link(&t, &built, false);
    let lp = std::mem::take(&mut stack.lp);
    let (lp_columns, lp_rows) = (lp.n_cols(), lp.n_rows());
    let lp_obj = lp.obj.clone();
    if settings.verbose() {
        crate::solve::describe(&lp)
            .iter()
            .for_each(|l| eprintln!("{l}"));
    }
    let solved = crate::solve::solve(lp, settings.solver(), settings.max_iterations())?;
    let solve_seconds = start.elapsed().as_secs_f64();
    let blocks = stack.split(&solved);
    let info = RunInfo {
        solver: settings.solver().name().into(),
        solve_seconds,
        solver_setup_seconds: solved.setup_seconds,
        build_seconds: 0.0,
        resolution_hours: prepared[0].inputs.axis.longest_step_h(),
        resolution: prepared[0].inputs.axis.resolution.to_string(),
    };
    let mut capital_cny = 0.0;
    let mut out = Vec::new();
    for (p, b) in built.iter().enumerate() {
        let new_units: Vec<f64> = builds[p].iter().map(|c| solved.values.get(*c)).collect();
        for c in &builds[p] {
            capital_cny += lp_obj[c.0 as usize] * solved.values.get(*c);
        }
        out.push(periods::read(
            &t,
            p,
            &prepared[p],
            b,
            &blocks[p],
            &new_units,
            &info,
        ));
    }
    let sq = if status_quo {
        Some(solve_status_quo(&t, &built, settings)?)
    } else {
        None
    };
    Ok((
        super::assemble(
            pw,
            &t,
            out,
            capital_cny,
            start.elapsed().as_secs_f64(),
            lp_columns,
            lp_rows,
        ),
        sq,
    ))
}

/// The status-quo pathway: the same blocks with every build at zero. Its periods are not
/// linked by anything then, so this is the weighted sum of each period's status quo.
pub fn solve_status_quo(
    t: &Timing,
    built: &[BuiltPeriod],
    settings: &RunSettings,
) -> Result<(f64, f64)> {
    let Linked { mut stack, .. } = link(t, built, true);
    let lp = std::mem::take(&mut stack.lp);
    let solved = crate::solve::solve(lp, settings.solver(), settings.max_iterations())?;
    let blocks = stack.split(&solved);
    let (mut money, mut lp_cost) = (0.0, 0.0);
    for (p, b) in built.iter().enumerate() {
        let (l, m) = periods::operating_cny(&b.model, &blocks[p].values);
        money += t.weight(p) * m;
        lp_cost += t.weight(p) * l;
    }
    Ok((money, lp_cost))
}
