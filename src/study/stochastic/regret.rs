//! The regret table: each plan that a planner might pick — the optimum of each single year,
//! the mean-year plan (the expected-value problem: the year of relative volume Σ p_y r_y), the
//! stochastic plan — evaluated in every year by fixing its capacities and solving the
//! dispatch; plus the status quo (nothing new built), for each year's net benefit. From it,
//! with RP = E[cost of the stochastic plan], WS = Σ p_y (year y's own optimum) and
//! EEV = E[cost of the mean-year plan] (Birge & Louveaux, ch. 4): VSS = EEV − RP ≥ 0 and
//! EVPI = RP − WS ≥ 0 (risk neutral; with CVaR the stochastic plan does not minimise the
//! expectation, and VSS may be negative).

use super::dispatch::{solve_year, YearSolve};
use super::years::YearCase;
use crate::error::Result;
use crate::inputs::Inputs;
use crate::study::RunSettings;
use rayon::prelude::*;

/// What kind of plan a row of the table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    SingleYear,
    MeanYear,
    Stochastic,
}

/// One plan and its cost in every year (CNY over the horizon, capital included).
#[derive(Debug, Clone)]
pub struct Plan {
    pub name: String,
    pub kind: Kind,
    pub capacities: Vec<f64>,
    pub cost_by_year_cny: Vec<f64>,
}

/// The plans evaluated, each year's own optimum (always solved now: `evaluate`), and the status
/// quo's cost in each year.
pub struct Table {
    pub plans: Vec<Plan>,
    pub best_by_year_cny: Option<Vec<f64>>,
    pub status_quo_by_year_cny: Vec<f64>,
}

impl Table {
    /// Σ_y p_y · cost of a plan.
    pub fn expected(&self, plan: &Plan, p: &[f64]) -> f64 {
        p.iter()
            .zip(&plan.cost_by_year_cny)
            .map(|(p, c)| p * c)
            .sum()
    }

    /// Whether every plan was evaluated in every year (`[stochastic] regret = true`): only
    /// then is the table written (`regret.csv`) and drawn.
    pub fn complete(&self) -> bool {
        self.plans.iter().any(|p| p.kind == Kind::SingleYear)
    }

    fn of(&self, kind: Kind) -> Option<&Plan> {
        self.plans.iter().find(|p| p.kind == kind)
    }

    /// VSS = EEV − RP (None without the table).
    pub fn vss_cny(&self, p: &[f64]) -> Option<f64> {
        let (mean, st) = (self.of(Kind::MeanYear)?, self.of(Kind::Stochastic)?);
        Some(self.expected(mean, p) - self.expected(st, p))
    }

    /// EVPI = RP − WS (None without the table).
    pub fn evpi_cny(&self, p: &[f64]) -> Option<f64> {
        let best = self.best_by_year_cny.as_ref()?;
        let ws: f64 = p.iter().zip(best).map(|(p, b)| p * b).sum();
        Some(self.expected(self.of(Kind::Stochastic)?, p) - ws)
    }
}

/// Evaluate the plans. `stochastic` is the stochastic plan, whose solves in each year are
/// returned too (the run's results are read from them). Each year's optimum and the mean-year
/// plan in every year are always solved (WS and EEV, for EVPI and VSS: 2N + 1 solves); only
/// `with_regret` adds the single-year plans in the other years (N(N − 1) more solves).
pub fn evaluate(
    cases: &[YearCase],
    mean: &YearCase,
    base: &Inputs,
    names: &[String],
    stochastic: &[f64],
    with_regret: bool,
    settings: &RunSettings,
) -> Result<(Table, Vec<YearSolve>)> {
    let free = |c: &YearCase| solve_year(c, base, names, None, true, settings);
    let fixed = |c: &YearCase, plan: &[f64]| solve_year(c, base, names, Some(plan), true, settings);
    let optima: Vec<YearSolve> = cases.par_iter().map(free).collect::<Result<_>>()?;
    let mut plans: Vec<Plan> = match with_regret {
        true => (optima.iter().zip(cases))
            .map(|(s, c)| plan(&c.year.label, Kind::SingleYear, s.plan.clone()))
            .collect(),
        false => Vec::new(),
    };
    let m = free(mean)?;
    plans.push(plan("mean_year", Kind::MeanYear, m.plan));
    let zero = vec![0.0; names.len()];
    // Every (plan, year) but a single-year plan in its own year (its optimum, solved above).
    let pairs: Vec<(usize, usize)> = (0..plans.len())
        .flat_map(|i| (0..cases.len()).map(move |y| (i, y)))
        .filter(|&(i, y)| !(plans[i].kind == Kind::SingleYear && i == y))
        .collect();
    let costs: Vec<f64> = pairs
        .par_iter()
        .map(|&(i, y)| fixed(&cases[y], &plans[i].capacities).map(|s| s.cost_cny))
        .collect::<Result<_>>()?;
    for p in plans.iter_mut() {
        p.cost_by_year_cny = vec![f64::NAN; cases.len()];
    }
    for (&(i, y), c) in pairs.iter().zip(costs) {
        plans[i].cost_by_year_cny[y] = c;
    }
    for (y, s) in optima.iter().enumerate().filter(|_| with_regret) {
        plans[y].cost_by_year_cny[y] = s.cost_cny;
    }
    let status_quo_by_year_cny = cases
        .par_iter()
        .map(|c| fixed(c, &zero).map(|s| s.cost_cny))
        .collect::<Result<_>>()?;
    let solves: Vec<YearSolve> = cases
        .par_iter()
        .map(|c| fixed(c, stochastic))
        .collect::<Result<_>>()?;
    let mut st = plan("stochastic", Kind::Stochastic, stochastic.to_vec());
    st.cost_by_year_cny = solves.iter().map(|s| s.cost_cny).collect();
    plans.push(st);
    let best_by_year_cny = Some(optima.iter().map(|s| s.cost_cny).collect());
    Ok((
        Table {
            plans,
            best_by_year_cny,
            status_quo_by_year_cny,
        },
        solves,
    ))
}

fn plan(name: &str, kind: Kind, capacities: Vec<f64>) -> Plan {
    Plan {
        name: name.to_string(),
        kind,
        capacities,
        cost_by_year_cny: Vec::new(),
    }
}
