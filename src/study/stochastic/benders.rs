//! Benders decomposition (the L-shaped method, multi-cut) of the stochastic LP
//! (docs/model.md, "The stochastic LP").
//!
//! Master: the shared capacities C ∈ [lo, hi] with their capital cost K·C, one θ_y per year (a
//! lower estimate of year y's operating cost Q_y(C)), and with CVaR η and u_y ≥ θ_y + K·C − η;
//! it minimises the same objective as the extensive form with Q_y replaced by θ_y. Each
//! iteration solves every year's subproblem (its dispatch with C fixed at the master's Ĉ
//! through rows `capacity = Ĉ`) in parallel, and adds the cut
//!
//! ```text
//! θ_y ≥ Q_y(Ĉ) + g_y · (C − Ĉ),   g_y = the duals of the fixing rows = dQ_y/dĈ
//! ```
//!
//! Why the cuts are valid: Q_y is the optimal value of an LP minimisation as a function of the
//! right-hand side Ĉ, hence convex, and g_y is a subgradient of it at Ĉ, so the cut lies below
//! Q_y everywhere. Every subproblem is feasible for every C in the box (unserved energy at VoLL
//! keeps every balance feasible), so no feasibility cuts are needed. Why the master is bounded
//! from the first iteration: C lies in a finite box (the candidates' maxima), and before the
//! first master the subproblems are solved at C = lo and C = hi, so every θ_y has a cut, and a
//! linear function is bounded on a box; η is bounded because the objective grows as η → ±∞.
//!
//! Bounds: the master's optimum is a lower bound on the stochastic optimum (its cuts
//! under-estimate every Q_y); the objective evaluated exactly at any Ĉ is an upper bound; the
//! best Ĉ so far is kept. It stops when (upper − lower) ÷ max(1, |upper|) ≤ `gap`.

use super::dispatch::solve_year;
use super::years::YearCase;
use super::{Risk, Solution};
use crate::error::{Error, Result};
use crate::inputs::Inputs;
use crate::model::lp::{Col, Index, Lp, Sense};
use crate::solve::SolverChoice;
use crate::study::RunSettings;
use rayon::prelude::*;

/// What the master knows of the first stage: per decision its capital cost and bounds.
#[derive(Debug, Clone)]
pub struct FirstStage {
    pub cost_cny_per_unit: Vec<f64>,
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
}

/// One cut θ_y ≥ q + g · (C − Ĉ).
struct Cut {
    year: usize,
    q: f64,
    g: Vec<f64>,
    at: Vec<f64>,
}

/// Settings of the iteration.
#[derive(Debug, Clone, Copy)]
pub struct Stop {
    pub gap: f64,
    pub max_iterations: usize,
}

/// Solve the stochastic LP by Benders decomposition.
pub fn solve(
    cases: &[YearCase],
    base: &Inputs,
    names: &[String],
    first: &FirstStage,
    risk: Risk,
    stop: Stop,
    settings: &RunSettings,
) -> Result<Solution> {
    let p: Vec<f64> = cases.iter().map(|c| c.year.probability).collect();
    if settings.verbose() {
        for (k, n) in names.iter().enumerate() {
            eprintln!(
                "benders first stage {n}: [{}, {}], {} CNY per unit",
                first.lo[k], first.hi[k], first.cost_cny_per_unit[k]
            );
        }
    }
    let mut cuts = Vec::new();
    let mut best: Option<(f64, Vec<f64>)> = None;
    for start in [&first.lo, &first.hi] {
        let q = subproblems(cases, base, names, start, settings)?;
        let upper = exact_objective(first, &p, start, &q, risk);
        keep_best(&mut best, upper, start);
        add_cuts(&mut cuts, start, q);
    }
    let (mut lower, mut iterations) = (f64::NEG_INFINITY, 0);
    while iterations < stop.max_iterations {
        iterations += 1;
        let (plan, master_objective) = master(first, &p, &cuts, risk, settings)?;
        lower = lower.max(master_objective);
        let q = subproblems(cases, base, names, &plan, settings)?;
        let upper = exact_objective(first, &p, &plan, &q, risk);
        keep_best(&mut best, upper, &plan);
        add_cuts(&mut cuts, &plan, q);
        let upper = best.as_ref().map_or(f64::INFINITY, |b| b.0);
        let gap = relative_gap(lower, upper);
        if settings.verbose() {
            eprintln!(
                "benders {iterations}: lower {lower:.2} CNY, upper {upper:.2} CNY, gap {gap:.2e}"
            );
        }
        if gap <= stop.gap {
            break;
        }
    }
    let (upper, plan) = best.ok_or_else(|| Error::Internal("benders without a plan".into()))?;
    let gap = relative_gap(lower, upper);
    if gap > stop.gap {
        eprintln!(
            "warning: benders stopped after {iterations} iterations at a relative gap of {gap:.2e} (stochastic.gap = {:e}); raise stochastic.max_iterations or use method = \"extensive\"",
            stop.gap
        );
    }
    Ok(Solution {
        plan,
        objective_cny: upper,
        lower_cny: lower,
        upper_cny: upper,
        iterations,
        gap,
    })
}

/// (upper − lower) ÷ max(1, |upper|).
pub fn relative_gap(lower: f64, upper: f64) -> f64 {
    ((upper - lower) / upper.abs().max(1.0)).max(0.0)
}

fn keep_best(best: &mut Option<(f64, Vec<f64>)>, upper: f64, plan: &[f64]) {
    if best.as_ref().is_none_or(|b| upper < b.0) {
        *best = Some((upper, plan.to_vec()));
    }
}

fn add_cuts(cuts: &mut Vec<Cut>, at: &[f64], q: Vec<(f64, Vec<f64>)>) {
    for (year, (q, g)) in q.into_iter().enumerate() {
        cuts.push(Cut {
            year,
            q,
            g,
            at: at.to_vec(),
        });
    }
}

/// Every year's operating cost at `plan` and its slopes, solved in parallel (in the pool the
/// caller installed: `--threads`).
fn subproblems(
    cases: &[YearCase],
    base: &Inputs,
    names: &[String],
    plan: &[f64],
    settings: &RunSettings,
) -> Result<Vec<(f64, Vec<f64>)>> {
    cases
        .par_iter()
        .map(|c| {
            solve_year(c, base, names, Some(plan), false, settings).map(|s| (s.cost_cny, s.slopes))
        })
        .collect()
}

/// The objective at a plan from its years' operating costs `q`:
/// (1 − λ)(K·C + Σ p_y q_y) + λ CVaR_α(K·C + q_y).
pub fn exact_objective(
    first: &FirstStage,
    p: &[f64],
    plan: &[f64],
    q: &[(f64, Vec<f64>)],
    risk: Risk,
) -> f64 {
    let capital: f64 = first
        .cost_cny_per_unit
        .iter()
        .zip(plan)
        .map(|(k, c)| k * c)
        .sum();
    let costs: Vec<f64> = q.iter().map(|(q, _)| capital + q).collect();
    let expected: f64 = p.iter().zip(&costs).map(|(p, c)| p * c).sum();
    if risk.weight == 0.0 {
        return expected;
    }
    (1.0 - risk.weight) * expected + risk.weight * cvar(p, &costs, risk.alpha)
}

/// CVaR_α of a discrete distribution: min over η of η + Σ p_y (c_y − η)⁺ ÷ (1 − α). The
/// function of η is convex and piecewise linear with kinks at the c_y, so its minimum is at
/// one of them.
pub fn cvar(p: &[f64], costs: &[f64], alpha: f64) -> f64 {
    costs
        .iter()
        .map(|&eta| {
            eta + p
                .iter()
                .zip(costs)
                .map(|(p, c)| p * (c - eta).max(0.0))
                .sum::<f64>()
                / (1.0 - alpha)
        })
        .fold(f64::INFINITY, f64::min)
}

/// Solve the master: the plan and the master's optimum (a lower bound).
fn master(
    first: &FirstStage,
    p: &[f64],
    cuts: &[Cut],
    risk: Risk,
    settings: &RunSettings,
) -> Result<(Vec<f64>, f64)> {
    let lambda = risk.weight;
    let mut lp = Lp::new();
    let f = lp.family("plan", "", Index::Ord);
    let c: Vec<Col> = (0..first.lo.len())
        .map(|k| {
            let col = lp.col_in(f, first.lo[k], first.hi[k]);
            lp.cost((1.0 - lambda) * first.cost_cny_per_unit[k], col);
            col
        })
        .collect();
    let f = lp.family("theta", "", Index::Ord);
    let theta: Vec<Col> = p
        .iter()
        .map(|p| {
            let col = lp.col_in(f, f64::NEG_INFINITY, f64::INFINITY);
            lp.cost((1.0 - lambda) * p, col);
            col
        })
        .collect();
    let f = lp.family("cut", "", Index::Ord);
    for cut in cuts {
        let mut row = vec![(1.0, theta[cut.year])];
        row.extend(cut.g.iter().zip(&c).map(|(g, &col)| (-g, col)));
        let rhs = cut.q - cut.g.iter().zip(&cut.at).map(|(g, a)| g * a).sum::<f64>();
        lp.row_in(f, &row, Sense::Ge, rhs);
    }
    if lambda > 0.0 {
        let f = lp.family("cvar_eta", "", Index::One);
        let eta = lp.col_in(f, f64::NEG_INFINITY, f64::INFINITY);
        lp.cost(lambda, eta);
        let (fu, fr) = (
            lp.family("cvar_excess", "", Index::Ord),
            lp.family("cvar", "", Index::Ord),
        );
        for (y, p) in p.iter().enumerate() {
            let u = lp.col_in(fu, 0.0, f64::INFINITY);
            lp.cost(lambda * p / (1.0 - risk.alpha), u);
            let mut row = vec![(1.0, u), (-1.0, theta[y]), (1.0, eta)];
            row.extend(
                first
                    .cost_cny_per_unit
                    .iter()
                    .zip(&c)
                    .map(|(k, &col)| (-k, col)),
            );
            lp.row_in(fr, &row, Sense::Ge, 0.0);
        }
    }
    let obj = lp.obj.clone();
    // The master is tiny (decisions + years + cuts) but its coefficients span 1e-3 to 1e10:
    // a simplex (microlp, always built) solves it exactly where an interior point has been
    // seen to claim unboundedness it could not confirm.
    let solver = match settings.solver() {
        SolverChoice::Clarabel => SolverChoice::Microlp,
        other => other,
    };
    let solved = crate::solve::solve(lp, solver, settings.max_iterations())?;
    let x = &solved.values.0;
    let objective = obj.iter().zip(x).map(|(o, v)| o * v).sum();
    let plan = c
        .iter()
        .enumerate()
        .map(|(k, col)| x[col.0 as usize].clamp(first.lo[k], first.hi[k]))
        .collect();
    Ok((plan, objective))
}
