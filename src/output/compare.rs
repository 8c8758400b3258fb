//! A compare folder: `compare.csv` (one row per metric: every case, then every later case minus
//! the first), `compare.json` (every case's summary) and `curtailment_duration.csv` (every
//! case's duration curve, long format).

use super::run::RunSummary;
use serde::Deserialize;

/// `compare.csv`'s first two columns; the cases' names follow, then the differences.
pub const METRIC: &str = "metric";
pub const UNIT: &str = "unit";
/// The row (in the metric column) that holds each case's solver status.
pub const STATUS_ROW: &str = "status";

/// The column of a later case's difference from the first: `hydrogen_minus_export`.
pub fn difference_column(case: &str, first: &str) -> String {
    format!("{case}_minus_{first}")
}

// Metrics (rows), in the order the table lists them.
pub const OBJECTIVE: &str = "objective";
/// The status quo's money objective minus the case's, per year (summary.json's
/// `net_benefit_vs_baseline_cny_per_year`, in M CNY); empty when the status quo was not solved.
pub const NET_BENEFIT: &str = "net_benefit_vs_baseline";
/// `investment.<key>` per key of summary.json's `investment_cny`, then `investment.total`, M CNY.
pub const INVESTMENT_PREFIX: &str = "investment.";
/// The key of the sum over options in summary.json's `investment_cny`.
pub const INVESTMENT_TOTAL: &str = "total";
/// `capacity.<key>` per key of `summary.json`'s `capacity_built_mw`, in MW.
pub const CAPACITY_PREFIX: &str = "capacity.";
pub const HYDROGEN_STORAGE: &str = "capacity.hydrogen_storage";
/// `energy.<use>` per energy use of `summary.json`'s `energy_twh`.
pub const ENERGY_PREFIX: &str = "energy.";
pub const CURTAILMENT_ANNUAL: &str = "curtailment.annual";
pub const CURTAILMENT_FLOOD_SEASON: &str = "curtailment.flood_season";
pub const HYDROGEN: &str = "hydrogen";
pub const LCOH: &str = "lcoh";
pub const EXPORT_REVENUE: &str = "export_revenue";

/// The metric of a capacity key: `capacity.electrolyser`.
pub fn capacity_metric(key: &str) -> String {
    format!("{CAPACITY_PREFIX}{key}")
}

/// The metric of an option's investment: `investment.electrolyser`.
pub fn investment_metric(key: &str) -> String {
    format!("{INVESTMENT_PREFIX}{key}")
}

/// The metric of a committed asset (sunk, in service in the study year): `committed.line.x`.
pub fn committed_metric(key: &str) -> String {
    format!("committed.{key}")
}

/// The metric of an energy use: `energy.export`.
pub fn energy_metric(use_key: &str) -> String {
    format!("{ENERGY_PREFIX}{use_key}")
}

// Units (the unit column).
pub const M_CNY_PER_YEAR: &str = "M CNY/yr";
pub const M_CNY: &str = "M CNY";
pub const MW: &str = "MW";
pub const TONNE: &str = "t";
pub const TWH_PER_YEAR: &str = "TWh/yr";
pub const KT_PER_YEAR: &str = "kt/yr";
pub const CNY_PER_KG: &str = "CNY/kg";

/// Decimals a unit is shown with when read by people (the printed table, the report).
pub fn digits(unit: &str) -> usize {
    match unit {
        TWH_PER_YEAR => 3,
        CNY_PER_KG => 2,
        _ => 1,
    }
}

/// `curtailment_duration.csv` of a compare folder: this column, then a run's duration columns.
pub const CASE: &str = "case";

/// What `compare.json` holds per case that `compare.csv` does not.
#[derive(Debug, Clone, Deserialize)]
pub struct CaseInfo {
    pub file: String,
    #[serde(default)]
    pub description: String,
    pub summary: RunSummary,
}

/// `compare.json` as read back: the cases' summaries and the first case's status quo.
#[derive(Debug, Clone, Deserialize)]
pub struct CompareJson {
    pub summaries: Vec<CaseInfo>,
    /// Absent in folders written before the status quo was solved for compare.
    #[serde(default)]
    pub status_quo: Option<StatusQuoInfo>,
    /// The first case's `lang` and the cases' labels (absent in older folders).
    #[serde(flatten)]
    pub names: super::names::FolderNames,
}

/// `compare.json`'s `status_quo`: the first case's scenario with no new capacity.
#[derive(Debug, Clone, Deserialize)]
pub struct StatusQuoInfo {
    pub case: String,
    pub summary: RunSummary,
}
