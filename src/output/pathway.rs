//! A pathway folder (`spillway run` on a scenario with `[periods]`): `pathway.json`,
//! `capacity_by_period.csv` and `energy_by_period.csv`. The writer is `study::pathway::outputs`,
//! the reader `report::pathway`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `capacity_by_period.csv`: one row per period and option or line (a key of a period's
/// `capacity_built_mw`, or a committed asset), MW.
pub const CAPACITY_COLUMNS: [&str; 5] = [
    "period",
    "option",
    "existing_committed_mw",
    "new_in_period_mw",
    "total_mw",
];

/// `energy_by_period.csv`: `period`, `weight`, then `<use>_twh` for every energy use of
/// `summary.json`'s `energy_twh` (spill is `curtailed_twh`, of which `hydro_spill_twh` and
/// `solar_wind_curtailed_twh`), then `hydro_spill_flood_season_twh`.
pub const PERIOD: &str = "period";
pub const WEIGHT: &str = "weight";
pub const HYDRO_SPILL_FLOOD_SEASON: &str = "hydro_spill_flood_season_twh";

/// The column of an energy use: `export_twh`.
pub fn energy_column(use_key: &str) -> String {
    format!("{use_key}_twh")
}

/// `pathway.json`. Money is discounted to the first period's year, CNY.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PathwaySummary {
    pub pathway: String,
    pub description: String,
    pub status: String,
    /// `perfect` or `myopic`.
    pub foresight: String,
    pub years: Vec<i32>,
    /// Last year inside the horizon.
    pub end_year: i32,
    pub discount_rate: f64,
    /// Σ_p W_p·operating_p + Σ_q capital of q's builds inside the horizon (money: without the
    /// LP's steering terms).
    pub cost_cny: f64,
    /// The same as the LP counts it (with its steering terms).
    pub objective_cny: f64,
    /// Of `cost_cny`: capex annuities and fixed O&M of the builds, inside the horizon.
    pub capital_cny: f64,
    /// The status-quo pathway (the same periods, no new builds); null with `--no-baseline`.
    pub status_quo_cost_cny: Option<f64>,
    /// status quo − cost: positive = the pathway is better.
    pub net_benefit_cny: Option<f64>,
    /// The first period in which each option or line is built (≥ 0.5 MW), null if never.
    pub enters: BTreeMap<String, Option<i32>>,
    pub periods: Vec<PeriodSummary>,
    pub solver: String,
    pub resolution: String,
    pub solve_seconds: f64,
    pub lp_columns: usize,
    pub lp_rows: usize,
}

/// One period of `pathway.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PeriodSummary {
    pub year: i32,
    pub scenario: String,
    /// The period's scenario file, as the pathway file names it.
    pub file: String,
    /// The years it stands for (first, last).
    pub first_year: i32,
    pub last_year: i32,
    /// W_p: the discounted number of years it stands for.
    pub weight: f64,
    /// Operating cost over its representative year, undiscounted (money), CNY.
    pub operating_cost_cny: f64,
    pub status: String,
}

/// A row of `capacity_by_period.csv` as read back (its fields are `CAPACITY_COLUMNS`).
#[derive(Debug, Clone, Deserialize)]
pub struct CapacityRecord {
    pub period: i32,
    pub option: String,
    pub existing_committed_mw: f64,
    pub new_in_period_mw: f64,
    pub total_mw: f64,
}
