//! One year solved on its own: free (the single-year optimum), or with the first-stage
//! capacities fixed at a plan (a Benders subproblem, or a plan evaluated in a year), with the
//! slopes d cost / d Ĉ of the year's cost in the capacities.

use super::years::YearCase;
use crate::error::{Error, Result};
use crate::inputs::Inputs;
use crate::model::stack::{self, FirstStage};
use crate::model::{self, Model};
use crate::solve::optimality::Residual;
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

/// A plan value within its column's bounds, snapped to a bound within `SNAP` of its range: an
/// interior-point answer sits 1e-9 outside or 1e-7 inside a bound, and a capacity fixed at
/// 1e-7 MW leaves its dispatch rows at noise level, which the optimality check (in the rows'
/// own units) was seen to refuse.
pub fn clamp(m: &Model, k: &FirstStage, v: f64) -> f64 {
    let i = k.col.0 as usize;
    clamp_to(m.lp.lo[i], m.lp.hi[i], v)
}

/// `clamp` within bounds `lo` and `hi`.
pub fn clamp_to(lo: f64, hi: f64, v: f64) -> f64 {
    let tol = SNAP * (hi - lo).clamp(1.0, 1e6);
    if v <= lo + tol {
        lo
    } else if v >= hi - tol {
        hi
    } else {
        v
    }
}

/// How near a bound a plan value is taken as the bound, relative to its range (at least one
/// unit, at most 1e6): 1e-6 MW of a 1,000 MW range (ASSUMPTION: solver noise, far below any
/// capacity a planner reads).
const SNAP: f64 = 1e-6;

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
    let cols = columns(&m, names)?;
    // With a fixed plan the capital cost is a constant: it is left out of the LP and added
    // back after the solve. In the LP it would only cancel against the revenue (a plan that
    // breaks even has an objective near 0, where the optimality check's gap, relative to
    // max(1, |objective|), was seen to refuse a sound answer by 7e-5 CNY).
    let capital: Vec<(f64, usize)> = match (fix.is_some() && with_capital, &cols) {
        (true, cols) => cols
            .iter()
            .map(|k| {
                (
                    k.annuity_cny_per_unit + k.fixed_om_cny_per_unit,
                    k.col.0 as usize,
                )
            })
            .collect(),
        _ => Vec::new(),
    };
    let saved_terms = m.cost_terms.clone();
    if !with_capital || fix.is_some() {
        stack::without_capital_cost(&mut m);
    }
    let fixed = match fix {
        Some(plan) => fix_plan(&mut m, &cols, plan),
        None => Vec::new(),
    };
    let obj = m.lp.obj.clone();
    let lp = std::mem::take(&mut m.lp);
    let build_seconds = start.elapsed().as_secs_f64();
    let solve_start = Instant::now();
    // With a plan fixed, a capacity can be far smaller than the flows it meets (a store of a
    // few kg beside tonnes a day): residuals are checked against each row's family.
    let residual = match fix {
        Some(_) => Residual::Family,
        None => Residual::Row,
    };
    let solved =
        crate::solve::solve_with(&lp, settings.solver(), settings.max_iterations(), residual)?;
    let solve_seconds = solve_start.elapsed().as_secs_f64();
    let x = &solved.values.0;
    let cost_cny = obj.iter().zip(x).map(|(c, v)| c * v).sum::<f64>()
        + m.cost_constants.values().sum::<f64>()
        + capital.iter().map(|(k, i)| k * x[*i]).sum::<f64>();
    if with_capital {
        // The results read the capital cost back from the cost terms.
        m.cost_terms = saved_terms;
    }
    let plan = cols.iter().map(|k| x[k.col.0 as usize]).collect();
    let slopes = match &solved.duals {
        Some(y) => fixed
            .iter()
            .map(|(i, rows)| obj[*i] - rows.iter().map(|&(r, a)| a * y[r]).sum::<f64>())
            .collect(),
        None if fixed.is_empty() => Vec::new(),
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

/// Hold each first-stage column at its plan value (see the comment inside); returns, per fixed
/// column, its index and the (row, coefficient) pairs it appears in, for its reduced cost.
fn fix_plan(m: &mut Model, cols: &[FirstStage], plan: &[f64]) -> Vec<(usize, Vec<(usize, f64)>)> {
    let mut fixed: Vec<(usize, Vec<(usize, f64)>)> = Vec::new();
    // A fixed column is held by its bounds (lo = hi = Ĉ), which the conic form substitutes out
    // exactly; a row `capacity = Ĉ` instead was measured to leave 2e-3 kg of residual on the
    // hydrogen store, failing the optimality check. Its slope is then its reduced cost
    // c_j − Σ_r a_rj y_r (y = d objective / d rhs), read from the rows it appears in.
    for (k, v) in cols.iter().zip(plan) {
        let v = clamp(m, k, *v);
        let i = k.col.0 as usize;
        (m.lp.lo[i], m.lp.hi[i]) = (v, v);
        fixed.push((i, Vec::new()));
    }
    for r in 0..m.lp.n_rows() {
        let (cs, vs) = m.lp.row_terms(r);
        for (&c, &a) in cs.iter().zip(vs) {
            if let Some(f) = fixed.iter_mut().find(|f| f.0 == c as usize) {
                f.1.push((r, a));
            }
        }
    }
    fixed
}
