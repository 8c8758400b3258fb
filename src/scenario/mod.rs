//! The scenario: what a planner writes in a TOML file under `models/`.
//!
//! Every struct here is the single source of truth for its keys: names carry units,
//! `#[serde(default)]` values are the documented defaults, and unknown keys are errors.
//! Maps are `BTreeMap`s so that every output lists components in one stable order.

pub mod assumptions;
mod load;
pub mod stochastic;
mod validate;
pub mod values;

pub use crate::model::tech::data_centre::DataCentre;
pub use crate::model::tech::electrolyser::Electrolyser;
pub use crate::model::tech::generator::{Generator, GeneratorKind};
pub use crate::model::tech::industry::Industry;
pub use crate::model::tech::line::Line;
pub use crate::model::tech::market::Market;
pub use crate::model::tech::storage::Storage;
pub use load::{did_you_mean, load_scenario, LoadedScenario};
pub use validate::validate;
pub use values::{NodeKind, SeriesRef, Tariff};

use crate::hydrology::prices::HydrologyPrices;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A whole scenario after `extends` has been merged and paths resolved.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Short name; used for the default output folder `outputs/<name>/`.
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The language of report.md and the charts (`en` or `zh`); `--lang` wins over it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<crate::i18n::Lang>,
    /// Another scenario file this one overrides (resolved and merged before parsing).
    #[serde(default, skip_serializing)]
    pub extends: Option<String>,
    /// The status-quo scenario this one is read against (relative to the file that names it),
    /// for people; checked to exist. Its results are not read: `run` solves the scenario's own
    /// status quo (`study::baseline`) and draws that curve beside this one's.
    #[serde(default)]
    pub baseline: Option<PathBuf>,
    pub time: TimeSettings,
    #[serde(default)]
    pub finance: Finance,
    #[serde(default)]
    pub settings: ModelSettings,
    pub nodes: BTreeMap<String, Node>,
    #[serde(default)]
    pub generators: BTreeMap<String, Generator>,
    #[serde(default)]
    pub lines: BTreeMap<String, Line>,
    #[serde(default)]
    pub market: Market,
    #[serde(default)]
    pub options: Options,
    /// The hydrology years of a stochastic scenario (`stochastic.rs`). Not written when absent,
    /// so that the definition hash of sweeps on other scenarios stays what it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hydrology: Option<stochastic::Hydrology>,
    /// `[stochastic]`: one plan for every year of `hydrology` (`stochastic.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stochastic: Option<stochastic::Stochastic>,
    /// How export and import prices move with a hydrology year's water (applied with the year;
    /// `hydrology::prices`, docs/sweeps.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hydrology_prices: Option<HydrologyPrices>,
}

/// The time axis: one CSV of profiles, its resolution and the flood season.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TimeSettings {
    /// CSV with a `timestamp` column (`YYYY-MM-DD HH:MM`, hour-beginning) and one column per
    /// profile; its rows are the hourly steps of the horizon. Relative to the scenario file.
    pub profiles: PathBuf,
    /// Hours per model step: the hourly series are averaged into blocks of this length.
    #[serde(default = "one_hour")]
    pub resolution_hours: usize,
    /// Calendar months counted as the flood (wet) season in reports and `wet` tariffs.
    #[serde(default = "flood_months")]
    pub flood_season_months: Vec<u32>,
    /// Optional column of step weights (how often a representative step recurs). Any weight
    /// other than 1 is refused when the scenario has storage (see docs/model.md).
    #[serde(default)]
    pub weights: Option<SeriesRef>,
    /// The calendar year the scenario stands for: committed assets are in service from their
    /// date in it (the profiles' own year does not matter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub study_year: Option<i32>,
}

fn one_hour() -> usize {
    1
}
fn flood_months() -> Vec<u32> {
    vec![6, 7, 8, 9, 10]
}

/// Finance: how capital costs become annual costs.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Finance {
    /// Social discount rate for annuities (China's appraisal convention: 8%).
    #[serde(default = "eight_percent")]
    pub discount_rate: f64,
}

fn eight_percent() -> f64 {
    0.08
}

impl Default for Finance {
    fn default() -> Self {
        Self {
            discount_rate: eight_percent(),
        }
    }
}

/// Penalties and tie-breakers of the formulation.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModelSettings {
    /// Value of lost load: the cost of each MWh of unserved demand.
    #[serde(default = "voll")]
    pub voll_cny_per_mwh: f64,
    /// Cost on each MWh curtailed (spilled). 0 = curtailment is free, as in the spec.
    #[serde(default)]
    pub curtailment_penalty_cny_per_mwh: f64,
    /// A tiny cost on every MWh sent over a lossy line, so that the optimum never sends energy
    /// both ways at once (which would only burn surplus). Not a tariff.
    #[serde(default = "tie_break")]
    pub flow_tie_break_cny_per_mwh: f64,
    /// A tiny value on every MWh of solar and wind used, so that where energy must be spilled
    /// the hydro spills first and "hydro spill" is unique (interior point would otherwise
    /// split it). A dispatch priority, not a price: 0.01 CNY/MWh is below any real cost.
    #[serde(default = "tie_break")]
    pub solar_wind_priority_cny_per_mwh: f64,
}

fn voll() -> f64 {
    20_000.0
}
fn tie_break() -> f64 {
    0.01
}

impl Default for ModelSettings {
    fn default() -> Self {
        Self {
            voll_cny_per_mwh: voll(),
            curtailment_penalty_cny_per_mwh: 0.0,
            flow_tie_break_cny_per_mwh: tie_break(),
            solar_wind_priority_cny_per_mwh: tie_break(),
        }
    }
}

/// A node of the network.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub kind: NodeKind,
    /// A readable name for reports and charts (English, places in pinyin).
    #[serde(default)]
    pub label: String,
    /// The name in Chinese (`--lang zh`; default: `label`, then the key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_zh: Option<String>,
    /// Local demand served at this node, TWh per year (the profile is scaled to it).
    #[serde(default)]
    pub demand_twh_per_year: f64,
    /// Shape of the local demand (mean-normalised or any positive shape).
    #[serde(default)]
    pub demand_profile: Option<SeriesRef>,
    /// Where the network picture (`charts/network`) draws the node: `[x, y]`, x to the east and
    /// y to the north, in any unit (degrees of longitude and latitude do; it is a schematic, not
    /// a map projection). Absent: placed by a layout computed from the lines. Only drawing reads
    /// it (through `assumptions.csv`); not written when absent, so definition hashes of
    /// scenarios without it stay what they were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<[f64; 2]>,
}

/// The absorption options of the plan.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    #[serde(default)]
    pub electrolyser: Option<Electrolyser>,
    #[serde(default)]
    pub data_centre: Option<DataCentre>,
    /// Energy-intensive loads by product (`silicon`, `aluminium`, …).
    #[serde(default)]
    pub industry: BTreeMap<String, Industry>,
    /// Electricity stores (batteries, pumped storage) by name. Not written when empty, so that
    /// the definition hash of sweeps on scenarios without storage stays what it was.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub storage: BTreeMap<String, Storage>,
}

/// Where a scenario came from, for error messages and outputs.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}
