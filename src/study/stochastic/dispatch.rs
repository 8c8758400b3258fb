//! One year solved on its own: free (the single-year optimum), or with the first-stage
//! capacities fixed at a plan through rows `fix[name] : capacity = Ĉ` (a Benders subproblem,
//! or a plan evaluated in a year). The duals of those rows are d cost / d Ĉ (the solver's
//! duals are d objective / d rhs), the slopes of the year's cost in the capacities.

use super::years::YearCase;
use crate::error::{Error, Result};
use crate::inputs::Inputs;
use crate::model::lp::{Index, Sense};
use crate::model::stack::{self, FirstStage};
use crate::model::{self, Model};
use crate::solve::Solved;
use crate::study::RunSettings;
use std::time::Instant;

/// A year's solve with what the stochastic study reads from it.
pub struct YearSolve {
    pub model: Model,
    pub solved: Solved,
    /// The LP's objective at the optimum plus the model's constants, CNY over the horizon
    /// (with or without the capital cost, as asked).
    pub cost_cny: f64,
    /// The first-stage capacities at the optimum, in the order of the names asked for.
    pub plan: Vec<f64>,
    /// With a fixed plan: d cost / d capacity of each first-stage column (CNY per unit).
    pub slopes: Vec<f64>,
    pub build_seconds: f64,
    pub solve_seconds: f64,
}

/// The first-stage columns of a built model in the order of `names`. A name missing from the
/// model is an internal error: every year is built from the same candidates.
pub fn columns(m: &Model, names: &[String]) -> Result<Vec<FirstStage>> {
    let first = stack::first_stage(m);
    names
        .iter()
        .map(|n| {
            first.iter().find(|k| &k.name == n).cloned().ok_or_else(|| {
                Error::Internal(format!(
                    "a hydrology year's model has no first-stage column `{n}`"
                ))
            })
        })
        .collect()
}

/// The first-stage decisions of a model: the names of its new-capacity columns.
pub fn names(m: &Model) -> Vec<String> {
    stack::first_stage(m).into_iter().map(|k| k.name).collect()
}

/// A plan value within its column's bounds (an interior-point answer may sit 1e-9 outside).
pub fn clamp(m: &Model, k: &FirstStage, v: f64) -> f64 {
    let i = k.col.0 as usize;
    v.max(m.lp.lo[i]).min(m.lp.hi[i])
}

/// Solve year `case`: with `fix`, the first-stage columns `names` held at those values; with
/// `with_capital` false, their capex annuity and fixed O&M taken out of the objective.
pub fn solve_year(
    case: &YearCase,
    base: &Inputs,
    names: &[String],
    fix: Option<&[f64]>,
    with_capital: bool,
    settings: &RunSettings,
) -> Result<YearSolve> {
    let start = Instant::now();
    let mut m = model::build(&case.scenario, case.inputs(base));
    if !with_capital {
        stack::without_capital_cost(&mut m);
    }
    let cols = columns(&m, names)?;
    let mut fix_rows = Vec::new();
    if let Some(plan) = fix {
        for (k, v) in cols.iter().zip(plan) {
            let v = clamp(&m, k, *v);
            let f = m.lp.family("fix", &k.name, Index::One);
            fix_rows.push(m.lp.row_in(f, &[(1.0, k.col)], Sense::Eq, v));
        }
    }
    let obj = m.lp.obj.clone();
    let lp = std::mem::take(&mut m.lp);
    let build_seconds = start.elapsed().as_secs_f64();
    let solve_start = Instant::now();
    let solved = crate::solve::solve(lp, settings.solver(), settings.max_iterations())?;
    let solve_seconds = solve_start.elapsed().as_secs_f64();
    let x = &solved.values.0;
    let cost_cny = obj.iter().zip(x).map(|(c, v)| c * v).sum::<f64>()
        + m.cost_constants.values().sum::<f64>();
    let plan = cols.iter().map(|k| x[k.col.0 as usize]).collect();
    let slopes = match &solved.duals {
        Some(d) => fix_rows.iter().map(|&r| d[r]).collect(),
        None if fix_rows.is_empty() => Vec::new(),
        None => {
            return Err(Error::Solver {
                solver: settings.solver().name().into(),
                message: "gave no duals, which Benders needs (use clarabel or highs)".into(),
            })
        }
    };
    Ok(YearSolve {
        model: m,
        solved,
        cost_cny,
        plan,
        slopes,
        build_seconds,
        solve_seconds,
    })
}
