//! A pathway: several investment periods (2026, 2028, 2030), each its own scenario, linked by
//! what is built in one period and stands in the later ones (issue 12, docs/model.md §11).
//!
//! - `spec.rs`: the pathway file (`[periods]`) and its checks;
//! - `periods.rs`: each period's scenario prepared, checked against the others, and built;
//! - `discount.rs`: what a year, a period and a build are worth at the first period's year;
//! - `perfect.rs`: every period in one LP (`model::stack`), builds linked by vintage rows;
//! - `myopic.rs`: period by period, each seeing only its own year;
//! - `outputs.rs`: the run folder (`capacity_by_period.csv`, `energy_by_period.csv`,
//!   `pathway.json`, the chart and report.md).
//!
//! A pathway is solved twice: as asked, and as the status quo (the same periods with every
//! build at zero) that its net benefit is read against.

pub mod discount;
pub mod myopic;
pub mod outputs;
pub mod perfect;
pub mod periods;
pub mod spec;

use crate::error::Result;
use crate::results::{Results, Summary};
use crate::study::RunSettings;
use std::collections::BTreeMap;
use std::path::Path;

pub use spec::{is_pathway_file, Foresight, Pathway};

/// One period after the solve.
pub struct PeriodOutcome {
    pub year: i32,
    /// The period scenario's name and file.
    pub scenario: String,
    pub file: std::path::PathBuf,
    /// Discounted years the period stands for (its block's weight).
    pub weight: f64,
    /// Years it stands for (from its year to the next period's, or to the end year).
    pub years: Vec<i32>,
    pub results: Results,
    pub summary: Summary,
    /// New capacity built in this period per key of `capacity_built_mw`, MW (`summary` has
    /// the capacity in service: what was built in this and earlier periods and still stands).
    pub new_mw: BTreeMap<String, f64>,
    /// The period's operating cost without capital and without the LP's steering terms, CNY
    /// over its representative year (undiscounted).
    pub operating_money_cny: f64,
    /// Its operating cost as in the LP (with the steering terms), CNY.
    pub operating_lp_cny: f64,
}

/// A solved pathway.
pub struct Outcome {
    pub pathway: Pathway,
    pub discount_rate: f64,
    pub periods: Vec<PeriodOutcome>,
    /// Σ_q b_q·(discounted capex annuities and fixed O&M inside the horizon), CNY.
    pub capital_cny: f64,
    /// Σ_p weight_p·operating_p (money) + capital, discounted to the first period's year, CNY.
    pub cost_cny: f64,
    /// The same with the LP's steering terms: the LP's optimum for perfect foresight.
    pub objective_cny: f64,
    /// The status-quo pathway's discounted cost (money), CNY (None with `--no-baseline`).
    pub status_quo_cost_cny: Option<f64>,
    pub status_quo_objective_cny: Option<f64>,
    /// Wall time of the solves, s.
    pub solve_seconds: f64,
    pub lp_columns: usize,
    pub lp_rows: usize,
}

impl Outcome {
    /// Discounted net benefit against the status-quo pathway, CNY (positive = better).
    pub fn net_benefit_cny(&self) -> Option<f64> {
        self.status_quo_cost_cny.map(|sq| sq - self.cost_cny)
    }
}

/// Read, check and solve a pathway file (and, with `status_quo`, its status-quo pathway).
pub fn run(path: &Path, settings: &RunSettings, status_quo: bool) -> Result<Outcome> {
    let pathway = spec::read(path)?;
    let prepared = periods::prepare(&pathway, settings.resolution())?;
    let (mut outcome, sq) = match pathway.foresight {
        Foresight::Perfect => perfect::solve(&pathway, &prepared, settings, status_quo)?,
        Foresight::Myopic => myopic::solve(&pathway, &prepared, settings, status_quo)?,
    };
    if let Some((cost, objective)) = sq {
        outcome.status_quo_cost_cny = Some(cost);
        outcome.status_quo_objective_cny = Some(objective);
    }
    Ok(outcome)
}

/// Check a pathway file and every period scenario without solving (`spillway check`).
pub fn check(path: &Path) -> Result<String> {
    let pathway = spec::read(path)?;
    let prepared = periods::prepare(&pathway, None)?;
    let built = periods::build(&prepared, true);
    periods::check_candidates(&prepared, &built)?;
    let years: Vec<String> = pathway.periods.iter().map(|p| p.0.to_string()).collect();
    Ok(format!(
        "{} periods ({}), {} foresight, {} candidate(s)",
        prepared.len(),
        years.join(", "),
        pathway.foresight.name(),
        periods::candidate_names(&built).len()
    ))
}

/// The pathway's totals from its periods (both foresight modes cost their decisions alike).
fn assemble(
    pw: &Pathway,
    t: &discount::Timing,
    periods: Vec<PeriodOutcome>,
    capital_cny: f64,
    solve_seconds: f64,
    lp_columns: usize,
    lp_rows: usize,
) -> Outcome {
    let money: f64 = periods
        .iter()
        .map(|p| p.weight * p.operating_money_cny)
        .sum();
    let lp: f64 = periods.iter().map(|p| p.weight * p.operating_lp_cny).sum();
    Outcome {
        pathway: pw.clone(),
        discount_rate: t.rate,
        periods,
        capital_cny,
        cost_cny: money + capital_cny,
        objective_cny: lp + capital_cny,
        status_quo_cost_cny: None,
        status_quo_objective_cny: None,
        solve_seconds,
        lp_columns,
        lp_rows,
    }
}
