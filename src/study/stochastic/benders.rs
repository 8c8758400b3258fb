//! Benders decomposition (the L-shaped method of Van Slyke & Wets, multi-cut) of the
//! stochastic LP, stabilised in-out (docs/model.md, "The stochastic LP").
//!
//! Master (`master.rs`): the shared capacities C ∈ [lo, hi] with their capital cost and one
//! θ_y per year, a lower estimate of year y's operating cost Q_y(C) made of cuts. Each
//! iteration solves the master (its optimum is a lower bound), solves every year's
//! subproblem (`subproblem.rs`: its dispatch with C fixed) in parallel at a point Ĉ, adds one
//! cut per year, θ_y ≥ D_y + g_y · (C − Ĉ), valid for every C (see `subproblem.rs`), and
//! evaluates the objective exactly at Ĉ (an upper bound; the best Ĉ so far is kept).
//!
//! Where the cuts are taken (in-out, Ben-Ameur & Neto 2007): plain Benders takes them at the
//! master's answer C*, which jumps between corners of the box while the cut model is poor
//! (on the shipped design years the lower bound barely moved for 27 iterations). Here they
//! are taken at Ĉ = μ C* + (1 − μ) C°, between C* and a stability centre C°: the best plan so
//! far, which starts at the mean-year plan (the expected-value problem's answer, one LP).
//! When the lower bound has not risen for `STALL` iterations, one iteration takes the cut at
//! C* itself (μ = 1), so the method keeps plain Kelley's finite convergence for an LP.
//!
//! Every subproblem is feasible for every C in the box (unserved energy at VoLL keeps every
//! balance feasible), so no feasibility cuts are needed; the master is bounded from the first
//! iteration because every θ_y has a cut and C lies in a box. It stops when
//! (upper − lower) ÷ max(1, |upper|) ≤ `gap`, and reports both bounds whatever the ending.

use super::dispatch::{clamp_to, solve_year};
use super::master::{Cut, Master};
use super::subproblem::{Evaluation, Subproblem};
use super::years::YearCase;
use super::{Risk, Solution};
use crate::error::Result;
use crate::inputs::Inputs;
use crate::study::RunSettings;
use rayon::prelude::*;
use std::time::Instant;

pub use super::master::FirstStage;

/// Settings of the iteration.
#[derive(Debug, Clone, Copy)]
pub struct Stop {
    pub gap: f64,
    pub max_iterations: usize,
}

/// μ: where between the master's answer and the best plan the cuts are taken (ASSUMPTION:
/// halfway; tuned on the shipped design years, where 0.5 took fewer iterations than 0.2 or
/// 0.8, docs/model.md).
const IN_OUT: f64 = 0.5;

/// Below this relative gap every cut is taken at the master's answer (μ = 1): near the
/// optimum the cut model is good and Kelley's steps close the gap exactly, where in-out
/// points only halve the distance to it (ASSUMPTION: tuned on the shipped design years, where
/// it reached the extensive form's optimum to 1e-9 in 18 iterations).
const END_GAME: f64 = 1e-3;

/// Iterations without a higher lower bound before one cut is taken at the master's answer
/// (ASSUMPTION: as Fischetti, Ljubić & Sinnl 2017 reset their in-out weight after 5).
const STALL: usize = 5;

/// Solve the stochastic LP by Benders decomposition. `mean` is the mean year, whose own
/// optimum is the first stability centre.
#[allow(clippy::too_many_arguments)]
pub fn solve(
    cases: &[YearCase],
    mean: &YearCase,
    base: &Inputs,
    names: &[String],
    first: &FirstStage,
    risk: Risk,
    stop: Stop,
    settings: &RunSettings,
) -> Result<Solution> {
    let p: Vec<f64> = cases.iter().map(|c| c.year.probability).collect();
    let mut subs: Vec<Subproblem> = cases
        .par_iter()
        .map(|c| Subproblem::new(c, base, names))
        .collect::<Result<_>>()?;
    let start: Vec<f64> = solve_year(mean, base, names, None, true, settings)?.plan;
    let start = snapped(first, &start);
    let e = evaluate(&mut subs, &start, settings)?;
    let scale_cny = e.iter().map(|e| e.cost_cny.abs()).fold(1.0, f64::max);
    let mut master = Master {
        first: first.clone(),
        p: p.clone(),
        risk,
        scale_cny,
        cuts: Vec::new(),
    };
    let mut best = (exact_objective(first, &p, &start, &e, risk), start.clone());
    add_cuts(&mut master.cuts, &start, &e);
    let (mut lower, mut iterations, mut stalled) = (f64::NEG_INFINITY, 0, 0);
    while iterations < stop.max_iterations {
        iterations += 1;
        let clock = Instant::now();
        let (answer, bound) = master.solve(settings)?;
        let master_seconds = clock.elapsed().as_secs_f64();
        stalled = if bound > lower + 1e-9 * bound.abs() {
            0
        } else {
            stalled + 1
        };
        lower = lower.max(bound);
        let gap = relative_gap(lower, best.0);
        if gap <= stop.gap {
            report(
                settings,
                iterations,
                (lower, best.0),
                0.0,
                (master_seconds, 0.0),
            );
            break;
        }
        let mu;
        (mu, stalled) = weight(stalled, gap);
        let at: Vec<f64> = answer
            .iter()
            .zip(&best.1)
            .map(|(a, c)| mu * a + (1.0 - mu) * c)
            .collect();
        let at = snapped(first, &at);
        let clock = Instant::now();
        let e = evaluate(&mut subs, &at, settings)?;
        let years_seconds = clock.elapsed().as_secs_f64();
        let upper = exact_objective(first, &p, &at, &e, risk);
        if upper < best.0 {
            best = (upper, at.clone());
        }
        add_cuts(&mut master.cuts, &at, &e);
        let seconds = (master_seconds, years_seconds);
        report(settings, iterations, (lower, best.0), mu, seconds);
    }
    if settings.verbose() {
        for (n, v) in names.iter().zip(&best.1) {
            eprintln!("benders plan {n} = {v}");
        }
    }
    finish(lower, best, iterations, stop)
}

/// This iteration's in-out weight μ and the stall count after it: Kelley's step (μ = 1) in the
/// end game or once after `STALL` iterations without a higher lower bound (the count then
/// starts again), else `IN_OUT`.
fn weight(stalled: usize, gap: f64) -> (f64, usize) {
    if stalled >= STALL {
        (1.0, 0)
    } else if gap < END_GAME {
        (1.0, stalled)
    } else {
        (IN_OUT, stalled)
    }
}

/// A plan within its bounds and snapped to them as the subproblems fix it
/// (`dispatch::clamp_to`), so a cut's point is the point its LP was solved at.
fn snapped(first: &FirstStage, plan: &[f64]) -> Vec<f64> {
    (0..plan.len())
        .map(|k| clamp_to(first.lo[k], first.hi[k], plan[k]))
        .collect()
}

/// With `-v`: one line per iteration, its bounds, where its cuts were taken (μ; 0 when it
/// stopped after the master) and the seconds of the master and of the years' solves.
fn report(settings: &RunSettings, it: usize, bounds: (f64, f64), mu: f64, seconds: (f64, f64)) {
    if settings.verbose() {
        let (lower, upper) = bounds;
        let gap = relative_gap(lower, upper);
        eprintln!(
            "benders {it}: lower {lower:.2} CNY, upper {upper:.2} CNY, gap {gap:.2e}; master {:.2} s{}",
            seconds.0,
            if mu > 0.0 {
                format!(", years at μ = {mu} {:.2} s", seconds.1)
            } else {
                String::new()
            }
        );
    }
}

/// The solution at the best plan, with a warning when the gap was not reached.
fn finish(lower: f64, best: (f64, Vec<f64>), iterations: usize, stop: Stop) -> Result<Solution> {
    let (upper, plan) = best;
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

fn add_cuts(cuts: &mut Vec<Cut>, at: &[f64], e: &[Evaluation]) {
    cuts.extend(e.iter().enumerate().map(|(y, e)| Cut::new(y, at, e)));
}

/// Every year's subproblem at `plan`, solved in parallel (in the pool the caller installed:
/// `--threads`).
fn evaluate(
    subs: &mut [Subproblem],
    plan: &[f64],
    settings: &RunSettings,
) -> Result<Vec<Evaluation>> {
    subs.par_iter_mut()
        .map(|s| s.solve(plan, settings))
        .collect()
}

/// The objective at a plan from its years' operating costs:
/// (1 − λ)(K·C + Σ p_y Q_y) + λ CVaR_α(K·C + Q_y).
pub fn exact_objective(
    first: &FirstStage,
    p: &[f64],
    plan: &[f64],
    e: &[Evaluation],
    risk: Risk,
) -> f64 {
    let capital: f64 = first
        .cost_cny_per_unit
        .iter()
        .zip(plan)
        .map(|(k, c)| k * c)
        .sum();
    let costs: Vec<f64> = e.iter().map(|e| capital + e.cost_cny).collect();
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
