//! The scenario: what a planner writes in a TOML file under `models/`.
//!
//! Every struct here is the single source of truth for its keys: names carry units,
//! `#[serde(default)]` values are the documented defaults, and unknown keys are errors.
//! Maps are `BTreeMap`s so that every output lists components in one stable order.

pub mod assumptions;
mod load;
mod validate;
mod values;

pub use load::{did_you_mean, load_scenario, LoadedScenario};
pub use validate::validate;
pub use values::{SeriesRef, Tariff};

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
    /// Another scenario file this one overrides (resolved and merged before parsing).
    #[serde(default, skip_serializing)]
    pub extends: Option<String>,
    /// The status-quo scenario this one is read against (relative to the file that names it).
    /// `run` draws its curtailment duration curve beside this one's when its results are in the
    /// sibling output folder `<out>/../<baseline name>/`; nothing is solved for it.
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
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// An Aba district: local demand, generation and options.
    Region,
    /// The wider grid (Sichuan at Chengdu): export sales and imports happen here.
    Outside,
}

/// A node of the network.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub kind: NodeKind,
    /// A readable name for reports (pinyin).
    #[serde(default)]
    pub label: String,
    /// Local demand served at this node, TWh per year (the profile is scaled to it).
    #[serde(default)]
    pub demand_twh_per_year: f64,
    /// Shape of the local demand (mean-normalised or any positive shape).
    #[serde(default)]
    pub demand_profile: Option<SeriesRef>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum GeneratorKind {
    /// Run-of-river hydro: availability profile, no storage.
    Ror,
    /// Reservoir hydro: inflow profile, storage, turbine, spill.
    Reservoir,
    Solar,
    Wind,
}

impl GeneratorKind {
    pub fn name(self) -> &'static str {
        match self {
            GeneratorKind::Ror => "hydro_ror",
            GeneratorKind::Reservoir => "hydro_reservoir",
            GeneratorKind::Solar => "solar",
            GeneratorKind::Wind => "wind",
        }
    }
}

/// A generator (or an aggregate of plants of one kind at one node).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Generator {
    pub node: String,
    pub kind: GeneratorKind,
    /// Installed capacity today, MW.
    pub capacity_mw: f64,
    /// Availability per unit of capacity (ror, solar, wind) or inflow per unit of turbine
    /// capacity (reservoir), 0..1 for availability.
    pub profile: SeriesRef,
    /// Multiplies the profile (hydrology scaling; calibration of a province-wide shape).
    #[serde(default = "one")]
    pub profile_scale: f64,
    /// Reservoir only: usable storage, MWh of electricity.
    #[serde(default)]
    pub storage_mwh: f64,
    /// New capacity the optimiser may add, MW (0 = none).
    #[serde(default)]
    pub new_capacity_max_mw: f64,
    #[serde(default)]
    pub capex_cny_per_kw: f64,
    #[serde(default = "thirty")]
    pub lifetime_years: f64,
    /// Fixed O&M of new capacity, CNY per kW per year.
    #[serde(default)]
    pub fom_cny_per_kw_year: f64,
    #[serde(default)]
    pub vom_cny_per_mwh: f64,
}

fn yes() -> bool {
    true
}
fn one() -> f64 {
    1.0
}
fn thirty() -> f64 {
    30.0
}
fn forty() -> f64 {
    40.0
}
fn twenty() -> f64 {
    20.0
}

/// A transmission corridor between two nodes (may be expanded).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    pub from: String,
    pub to: String,
    /// Existing thermal/stability limit, MW, in each direction.
    pub capacity_mw: f64,
    /// Expansion the optimiser may build, MW.
    #[serde(default)]
    pub new_capacity_max_mw: f64,
    /// Capital cost of expansion per kW of transfer capacity…
    #[serde(default)]
    pub capex_cny_per_kw: Option<f64>,
    /// …or per MW and km, with `length_km`.
    #[serde(default)]
    pub capex_cny_per_mw_km: Option<f64>,
    #[serde(default)]
    pub length_km: Option<f64>,
    #[serde(default = "forty")]
    pub lifetime_years: f64,
    /// Fixed O&M of the expansion as a fraction of its capex per year.
    #[serde(default)]
    pub fom_fraction_per_year: f64,
    /// Share of the sent energy that arrives, (0, 1].
    #[serde(default = "one")]
    pub efficiency: f64,
}

/// Prices and limits of trade with the outside grid and of hydrogen sales.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Market {
    /// The outside node where export is sold and import bought.
    #[serde(default)]
    pub node: Option<String>,
    #[serde(default = "zero_tariff")]
    pub export_price_cny_per_mwh: Tariff,
    #[serde(default = "zero_tariff")]
    pub import_price_cny_per_mwh: Tariff,
    /// Most the outside grid takes, MW (absent = no limit but the lines).
    #[serde(default)]
    pub export_limit_mw: Option<f64>,
    #[serde(default)]
    pub import_limit_mw: Option<f64>,
    /// Hydrogen price at the plant gate, CNY per kg.
    #[serde(default)]
    pub hydrogen_price_cny_per_kg: f64,
}

fn zero_tariff() -> Tariff {
    Tariff::Flat(0.0)
}

impl Default for Market {
    fn default() -> Self {
        Self {
            node: None,
            export_price_cny_per_mwh: zero_tariff(),
            import_price_cny_per_mwh: zero_tariff(),
            export_limit_mw: None,
            import_limit_mw: None,
            hydrogen_price_cny_per_kg: 0.0,
        }
    }
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
}

/// Electrolysis with hydrogen storage and sales.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Electrolyser {
    /// Whether the optimiser may use this option at all (cases switch options off with it).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Most electrolyser capacity (MW electric) the optimiser may build at each node.
    pub sites_max_mw: BTreeMap<String, f64>,
    pub capex_cny_per_kw: f64,
    #[serde(default = "twenty")]
    pub lifetime_years: f64,
    #[serde(default)]
    pub fom_fraction_per_year: f64,
    /// Electricity per kg of hydrogen, kWh/kg (system, ≈ 50).
    pub kwh_per_kg: f64,
    /// Other costs per kg made (water, compression), CNY/kg.
    #[serde(default)]
    pub other_cost_cny_per_kg: f64,
    /// Most hydrogen storage per site, kg (0 = sell as made).
    #[serde(default)]
    pub storage_max_kg: f64,
    #[serde(default)]
    pub storage_capex_cny_per_kg: f64,
    #[serde(default = "twenty")]
    pub storage_lifetime_years: f64,
    /// Most hydrogen sold per hour per site, kg/h (absent = no limit).
    #[serde(default)]
    pub offtake_limit_kg_per_h: Option<f64>,
}

/// Data centres: a firm load served in every step.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DataCentre {
    /// Whether the optimiser may use this option at all (cases switch options off with it).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Most IT capacity (MW) per node.
    pub sites_max_mw: BTreeMap<String, f64>,
    /// Power usage effectiveness: facility draw per unit of IT load.
    pub pue: f64,
    /// Capital cost of the facility (excluding IT equipment), CNY per kW of IT load.
    pub capex_cny_per_kw: f64,
    #[serde(default = "twenty")]
    pub lifetime_years: f64,
    #[serde(default)]
    pub fom_fraction_per_year: f64,
    /// Net revenue per MWh of IT energy (what compute earns beyond non-power costs).
    #[serde(default)]
    pub revenue_cny_per_mwh_it: f64,
    /// Net revenue per MW of IT capacity per year (contracts priced by capacity).
    #[serde(default)]
    pub revenue_cny_per_mw_year: f64,
}

/// An energy-intensive load making a product.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Industry {
    /// Whether the optimiser may use this option at all (cases switch options off with it).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Most new capacity (MW) per node.
    #[serde(default)]
    pub sites_max_mw: BTreeMap<String, f64>,
    /// Capacity already running per node, MW.
    #[serde(default)]
    pub existing_mw: BTreeMap<String, f64>,
    /// Electricity per tonne of product, MWh/t.
    pub mwh_per_tonne: f64,
    /// Product price minus non-electric costs, CNY/t.
    pub margin_cny_per_tonne: f64,
    pub capex_cny_per_kw: f64,
    #[serde(default = "twenty")]
    pub lifetime_years: f64,
    #[serde(default)]
    pub fom_fraction_per_year: f64,
    /// Months in which it may run (absent = all year).
    #[serde(default)]
    pub months: Option<Vec<u32>>,
    /// Minimum energy over the allowed months as a share of capacity × allowed hours.
    #[serde(default)]
    pub min_utilisation: f64,
}

/// Where a scenario came from, for error messages and outputs.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}
