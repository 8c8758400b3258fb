//! A run folder's columns, and the part of `summary.json` that is read back (by the run's report
//! and, inside `compare.json`, by the comparison's).

use serde::Deserialize;
use std::collections::BTreeMap;

pub use crate::results::summary::{Curtailment, EnergyTwh};

/// The part of `summary.json` the reports read.
#[derive(Debug, Clone, Deserialize)]
pub struct RunSummary {
    pub scenario: String,
    pub status: String,
    pub objective_cny: f64,
    pub curtailment: Curtailment,
    pub capacity_built_mw: BTreeMap<String, f64>,
    /// Committed assets (sunk, in service in the study year), MW.
    #[serde(default)]
    pub capacity_committed_mw: BTreeMap<String, f64>,
    /// Which constraint binds per key of `capacity_built_mw` (absent in older folders).
    #[serde(default)]
    pub binding: BTreeMap<String, String>,
    /// Decision metrics (issue 10; absent in older folders and null with `--no-baseline`).
    #[serde(default)]
    pub net_benefit_vs_baseline_cny_per_year: Option<f64>,
    #[serde(default)]
    pub changes_vs_baseline: Vec<String>,
    #[serde(default)]
    pub investment_cny: BTreeMap<String, f64>,
    #[serde(default)]
    pub hydrogen_storage_built_kg: f64,
    pub energy_twh: EnergyTwh,
    pub hydrogen_kt: f64,
    /// Only when the scenario has hydrogen demand blocks.
    #[serde(default)]
    pub hydrogen_by_block_kt: Option<BTreeMap<String, f64>>,
    #[serde(default)]
    pub hydrogen_blocks_full: Option<Vec<String>>,
    pub electrolyser_capacity_factor: Option<f64>,
    pub lcoh_cny_per_kg: Option<f64>,
    pub mean_price_cny_per_mwh: BTreeMap<String, Option<f64>>,
    pub solver: String,
    /// The longest step, hours (every step's at a fixed resolution).
    pub resolution_hours: usize,
    /// `3h` or `auto:400` (absent in older folders: read as fixed steps).
    #[serde(default)]
    pub resolution: String,
    pub steps: usize,
    pub horizon_hours: f64,
    /// Inputs outside their typical range (absent: none).
    #[serde(default)]
    pub warnings: Vec<String>,
    /// A stochastic run's years, VSS and EVPI (absent for other runs).
    #[serde(default)]
    pub stochastic: Option<super::stochastic::StochasticSummary>,
}

impl RunSummary {
    /// Whether the steps are adaptive segments of varying length (`auto:N`).
    pub fn is_segmented(&self) -> bool {
        self.resolution.starts_with("auto:")
    }

    /// The steps in words for charts and reports: "3 h steps", "segments of up to 96 h
    /// (auto:400)".
    pub fn step_words(&self) -> String {
        if self.is_segmented() {
            format!(
                "segments of up to {} h ({})",
                self.resolution_hours, self.resolution
            )
        } else {
            format!("{} h steps", self.resolution_hours)
        }
    }
}

/// One row of `capacities.csv` as read back (written from `results::Capacity`).
#[derive(Debug, Clone, Deserialize)]
pub struct Capacity {
    pub component: String,
    pub option: String,
    pub node: String,
    pub unit: String,
    pub existing: f64,
    pub built: f64,
    pub max_new: f64,
}

/// The step columns that open `dispatch.csv`, `curtailment.csv` and `prices.csv`.
pub const STEP: &str = "step";
pub const TIMESTAMP: &str = "timestamp";

/// `dispatch.csv`, long format: one row per step, node and component.
pub const DISPATCH_COLUMNS: [&str; 6] = [STEP, TIMESTAMP, NODE, COMPONENT, USE, MW];
pub const NODE: &str = "node";
pub const COMPONENT: &str = "component";
pub const USE: &str = "use";
pub const MW: &str = "mw";

/// `curtailment.csv` and `prices.csv` are wide: one column `<node>_<what>` per node.
pub const CURTAILED_MW: &str = "curtailed_mw";
pub const PRICE_CNY_PER_MWH: &str = "price_cny_per_mwh";

/// A wide file's column of one node: `se_curtailed_mw`.
pub fn node_column(node: &str, what: &str) -> String {
    format!("{node}_{what}")
}

/// The node a wide file's column belongs to (`se` from `se_price_cny_per_mwh`).
pub fn column_node<'a>(column: &'a str, what: &str) -> &'a str {
    column
        .strip_suffix(what)
        .and_then(|c| c.strip_suffix('_'))
        .unwrap_or(column)
}

/// `curtailment_duration.csv`: rank, hours at or above, MW (a compare folder's starts with
/// [`super::compare::CASE`]).
pub const DURATION_COLUMNS: [&str; 3] = ["rank", "hours_at_or_above", CURTAILED_MW];

/// `energy_by_use_monthly.csv`: `month`, `flood_season` (true/false), then `<use>_twh`.
pub const MONTH: &str = "month";
pub const FLOOD_SEASON: &str = "flood_season";

/// The monthly file's column of an energy use: `hydrogen_twh`, `industry.silicon_twh`.
pub fn monthly_column(use_key: &str) -> String {
    format!("{use_key}_twh")
}

/// The energy use of a monthly column, if it is one.
pub fn monthly_use(column: &str) -> Option<&str> {
    column.strip_suffix("_twh")
}

/// `accuracy.csv` (`run --check-accuracy`): one row per quantity (`objective_cny`,
/// `capacity_mw.<key>`, `storage_energy_mwh`, `hydrogen_storage_t`, `hydro_spill_twh`,
/// `export_twh`, `solve_seconds`), its unit, the hourly model's value and the run's, the
/// difference (run − hourly, in the unit) and in % of the hourly value (empty when that is 0),
/// the goal in words and whether it is met (`yes`/`no`; both empty for a quantity without one).
pub const ACCURACY_COLUMNS: [&str; 8] = [
    "quantity",
    "unit",
    "hourly",
    "run",
    "difference",
    "difference_pct",
    "goal",
    "met",
];
pub const ACCURACY_MET: &str = "yes";
pub const ACCURACY_NOT_MET: &str = "no";

/// `lumpy_combinations.csv`: one row per combination of the lumpy projects' choices,
/// numbered from 1 (`combination`); for each project (by name, e.g. `line.x`,
/// `electrolyser.se`) its choice (`choice.<project>`: the size in MW, or `off`/`on` for a
/// minimum build) and the capacity built (`built_mw.<project>`); then the solve's `status`,
/// `objective_cny`, `net_benefit_cny_per_year` against the status quo (empty without one) and
/// the `rank` by objective among those solved (1 = the answer; empty when not solved).
pub fn lumpy_columns(projects: &[&str]) -> Vec<String> {
    let mut columns = vec![LUMPY_COMBINATION.to_string()];
    columns.extend(projects.iter().map(|p| format!("{LUMPY_CHOICE}{p}")));
    columns.extend(projects.iter().map(|p| format!("{LUMPY_BUILT_MW}{p}")));
    columns.extend(LUMPY_TAIL.iter().map(|c| c.to_string()));
    columns
}
pub const LUMPY_COMBINATION: &str = "combination";
pub const LUMPY_CHOICE: &str = "choice.";
pub const LUMPY_BUILT_MW: &str = "built_mw.";
pub const LUMPY_TAIL: [&str; 4] = [
    "status",
    "objective_cny",
    "net_benefit_cny_per_year",
    "rank",
];
