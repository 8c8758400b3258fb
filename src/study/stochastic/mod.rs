//! One plan for every hydrology year: the two-stage stochastic LP of issue 11 (docs/model.md,
//! "The stochastic LP"). The capacities are decided once; each year's dispatch adapts to its
//! water; the objective is the capital cost plus the probability-weighted operating cost
//! (optionally with CVaR over the years).
//!
//! - `years`: which years, their probabilities, each year's scenario;
//! - `dispatch`: one year solved alone, free or with the capacities fixed (slopes from duals);
//! - `extensive`: the whole LP at once; `benders`: the L-shaped method, years in parallel;
//! - `regret`: every candidate plan evaluated in every year, VSS and EVPI.
//!
//! A stochastic run's files show the plan: `summary.json` and the dispatch files are the plan's
//! results in the representative year (relative volume nearest the mean), with
//! `stochastic` added; `years.csv` and `regret.csv` (written by `results::write_stochastic`)
//! give every year.

pub mod benders;
pub mod dispatch;
pub mod expected;
pub mod extensive;
pub mod master;
pub mod plan;
pub mod regret;
pub mod rows;
pub mod subproblem;
pub mod years;

use crate::error::Result;
use crate::inputs::Inputs;
use crate::output::stochastic::StochasticSummary;
use crate::results::{Results, Summary};
use crate::scenario::LoadedScenario;
use crate::study::RunSettings;
use std::time::Instant;
use years::{Year, YearCase};

/// CVaR level α and weight λ.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Risk {
    pub alpha: f64,
    pub weight: f64,
}

/// The stochastic LP's answer, by either method.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// The first-stage capacities, in the order of the decisions' names.
    pub plan: Vec<f64>,
    pub objective_cny: f64,
    pub lower_cny: f64,
    pub upper_cny: f64,
    pub iterations: usize,
    pub gap: f64,
}

/// A stochastic run besides its representative year's results.
pub struct Report {
    pub years: Vec<Year>,
    /// The first-stage decisions' systematic names (`capacity[electrolyser,se]`).
    pub names: Vec<String>,
    pub solution: Solution,
    /// The plan's summary in each year (as a run's).
    pub by_year: Vec<Summary>,
    pub table: regret::Table,
    /// `capacity_built_mw` of each plan of the table, in its order.
    pub plan_capacities: Vec<std::collections::BTreeMap<String, f64>>,
}

/// Solve a validated stochastic scenario: (the plan's results in the representative year, its
/// summary with `stochastic`, the report for `years.csv` and `regret.csv`).
pub fn solve(
    loaded: &LoadedScenario,
    inputs: &Inputs,
    settings: &RunSettings,
) -> Result<(Results, Summary, Report)> {
    // A sweep or compare already solves in a pool: nest in it rather than start another.
    match rayon::current_thread_index() {
        Some(_) => solve_in_pool(loaded, inputs, settings),
        None => settings
            .pool()?
            .install(|| solve_in_pool(loaded, inputs, settings)),
    }
}

fn solve_in_pool(
    loaded: &LoadedScenario,
    inputs: &Inputs,
    settings: &RunSettings,
) -> Result<(Results, Summary, Report)> {
    let start = Instant::now();
    let st = loaded.scenario.stochastic.clone().unwrap_or_default();
    let plan::Planned {
        years,
        cases,
        mean,
        names,
        solution,
    } = plan::solve(loaded, inputs, settings)?;
    let solve_seconds = start.elapsed().as_secs_f64();
    let (table, solves) = regret::evaluate(
        &cases,
        &mean,
        inputs,
        &names,
        &solution.plan,
        st.regret,
        settings,
    )?;
    let mut by: Vec<(Results, Summary)> = solves
        .iter()
        .zip(&cases)
        .map(|(s, c)| {
            let secs = (s.build_seconds, s.solve_seconds);
            super::read_back(
                &c.scenario,
                c.inputs(inputs),
                settings,
                &s.model,
                &s.solved,
                secs,
            )
        })
        .collect();
    let plan_capacities = plan_capacities(&table, &cases, inputs, &names, settings)?;
    let rep = representative(&years);
    let summary_stochastic = summarise(&st, &years, &solution, &table, rep);
    let by_year: Vec<Summary> = by.iter().map(|(_, s)| s.clone()).collect();
    let (results, mut summary) = by.swap_remove(rep);
    summary.solve_seconds = solve_seconds;
    summary.stochastic = Some(summary_stochastic);
    Ok((
        results,
        summary,
        Report {
            years,
            names,
            solution,
            by_year,
            table,
            plan_capacities,
        },
    ))
}

/// The year whose volume is nearest the probability-weighted mean (the first on a tie).
pub fn representative(years: &[Year]) -> usize {
    let mean = years::mean_year(years).relative_to_mean;
    (0..years.len())
        .min_by(|&a, &b| {
            let d = |i: usize| (years[i].relative_to_mean - mean).abs();
            d(a).total_cmp(&d(b))
        })
        .unwrap_or(0)
}

/// Each plan's `capacity_built_mw`, read from the plan fixed in the first year (the keys sum
/// the decisions by option, as a run's summary does).
fn plan_capacities(
    table: &regret::Table,
    cases: &[YearCase],
    inputs: &Inputs,
    names: &[String],
    settings: &RunSettings,
) -> Result<Vec<std::collections::BTreeMap<String, f64>>> {
    use rayon::prelude::*;
    let c = &cases[0];
    table
        .plans
        .par_iter()
        .map(|p| {
            let s = dispatch::solve_year(c, inputs, names, Some(&p.capacities), true, settings)?;
            let secs = (s.build_seconds, s.solve_seconds);
            let (_, summary) = super::read_back(
                &c.scenario,
                c.inputs(inputs),
                settings,
                &s.model,
                &s.solved,
                secs,
            );
            Ok(summary.capacity_built_mw)
        })
        .collect()
}

/// summary.json's `stochastic`.
fn summarise(
    st: &crate::scenario::stochastic::Stochastic,
    years: &[Year],
    solution: &Solution,
    table: &regret::Table,
    rep: usize,
) -> StochasticSummary {
    let p: Vec<f64> = years.iter().map(|y| y.probability).collect();
    let stochastic_plan = table
        .plans
        .last()
        .expect("the stochastic plan is evaluated");
    StochasticSummary {
        years: years.iter().map(|y| y.label.clone()).collect(),
        probabilities: p.clone(),
        relative_to_mean: years.iter().map(|y| y.relative_to_mean).collect(),
        vss_cny: table.vss_cny(&p),
        evpi_cny: table.evpi_cny(&p),
        gap: solution.gap,
        method: st.method.name().into(),
        iterations: solution.iterations,
        objective_cny: solution.objective_cny,
        lower_bound_cny: solution.lower_cny,
        upper_bound_cny: solution.upper_cny,
        expected_cost_cny: table.expected(stochastic_plan, &p),
        cvar_alpha: st.cvar_alpha,
        cvar_weight: st.cvar_weight,
        representative_year: years[rep].label.clone(),
    }
}
