//! The stochastic plan alone: the years, one LP per year built, and the first-stage
//! capacities solved by the scenario's method, with neither the regret table nor any
//! read-back. `stochastic::solve` goes on from here; tests and benchmarks that compare the
//! methods call `solve_plan` and skip the ~(years + 2) × years evaluations of the table.

use super::benders;
use super::dispatch;
use super::extensive;
use super::years::{self, Year, YearCase};
use super::{Risk, Solution};
use crate::error::{Error, InputProblem, Result};
use crate::inputs::Inputs;
use crate::scenario::stochastic::Method;
use crate::scenario::LoadedScenario;
use crate::study::RunSettings;

/// The plan and what it was solved from.
pub struct Planned {
    pub years: Vec<Year>,
    pub cases: Vec<YearCase>,
    /// The mean year (the expected-value problem's year).
    pub mean: YearCase,
    /// The first-stage decisions' systematic names (`capacity[electrolyser,se]`).
    pub names: Vec<String>,
    pub solution: Solution,
}

/// Solve the plan of a validated stochastic scenario by its method, in a pool of
/// `settings.threads` (or in the caller's pool, as `stochastic::solve`).
pub fn solve_plan(
    loaded: &LoadedScenario,
    inputs: &Inputs,
    settings: &RunSettings,
) -> Result<Planned> {
    match rayon::current_thread_index() {
        Some(_) => solve(loaded, inputs, settings),
        None => settings.pool()?.install(|| solve(loaded, inputs, settings)),
    }
}

/// `solve_plan` in the current pool.
pub fn solve(loaded: &LoadedScenario, inputs: &Inputs, settings: &RunSettings) -> Result<Planned> {
    let sc = &loaded.scenario;
    let st = sc.stochastic.clone().unwrap_or_default();
    let years = years::years(loaded)?;
    if years.is_empty() {
        return Err(Error::input(
            loaded.problem("hydrology", "the hydrology record has no years"),
        ));
    }
    let cases: Vec<YearCase> = years
        .iter()
        .map(|y| YearCase::new(sc, inputs, y.clone()))
        .collect();
    let mean = YearCase::new(sc, inputs, years::mean_year(&years));
    let first_model = crate::model::build(&cases[0].scenario, cases[0].inputs(inputs));
    let names = dispatch::names(&first_model);
    let risk = Risk {
        alpha: st.cvar_alpha,
        weight: st.cvar_weight,
    };
    let solution = match st.method {
        Method::Extensive => extensive::solve(&cases, inputs, &names, risk, settings)?,
        Method::Benders => {
            let first = first_stage(loaded, &first_model, &names)?;
            let stop = benders::Stop {
                gap: st.gap,
                max_iterations: st.max_iterations,
            };
            benders::solve(&cases, &mean, inputs, &names, &first, risk, stop, settings)?
        }
    };
    Ok(Planned {
        years,
        cases,
        mean,
        names,
        solution,
    })
}

/// The master's view of the first stage; Benders needs a finite upper bound on every decision.
fn first_stage(
    loaded: &LoadedScenario,
    m: &crate::model::Model,
    names: &[String],
) -> Result<benders::FirstStage> {
    let cols = dispatch::columns(m, names)?;
    let mut first = benders::FirstStage {
        cost_cny_per_unit: Vec::new(),
        lo: Vec::new(),
        hi: Vec::new(),
    };
    for k in &cols {
        let i = k.col.0 as usize;
        if !m.lp.hi[i].is_finite() {
            let p: InputProblem = loaded.problem(
                "stochastic.method",
                format!(
                    "benders needs a maximum on every new capacity, and `{}` has none: give it one or use method = \"extensive\"",
                    k.name
                ),
            );
            return Err(Error::input(p));
        }
        first
            .cost_cny_per_unit
            .push(k.annuity_cny_per_unit + k.fixed_om_cny_per_unit);
        first.lo.push(m.lp.lo[i]);
        first.hi.push(m.lp.hi[i]);
    }
    Ok(first)
}
