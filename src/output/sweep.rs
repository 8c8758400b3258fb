//! A sweep folder: `sweep.csv` (one row per point, deterministic: no timings),
//! `sweep_timing.csv` (where the time went) and `sweep.json` ([`SweepMeta`]: what was run).

use crate::output::provenance::Provenance;
use crate::sweep::spec::SweepSpec;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `sweep.json`'s `format`: shards of another format are not merged.
pub const FORMAT: &str = "spillway-sweep/1";

/// `sweep.json`: enough to check that shards belong together and to read `sweep.csv` back.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SweepMeta {
    pub format: String,
    pub sweep_file: String,
    pub base_scenario: String,
    pub design: String,
    /// FNV-1a (64 bit) of the definition: sweep file as parsed, base scenario (without its
    /// folder), every point's values, resolution and solver. Shards must agree on it.
    pub hash: String,
    pub parameters: Vec<String>,
    pub points_total: usize,
    /// The points in this folder's `sweep.csv`.
    pub points: Vec<usize>,
    pub shard: Option<ShardMeta>,
    /// The longest step, hours (every step's at a fixed resolution).
    pub resolution_hours: usize,
    /// `auto:N` when the points were solved on N adaptive segments (absent: fixed steps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    pub solver: String,
    pub status_counts: BTreeMap<String, usize>,
    /// The sweep file as parsed (description, design, parameters, seed), so that the folder's
    /// report can state the definition without the sweep file. Absent in older folders.
    #[serde(default)]
    pub spec: Option<SweepSpec>,
    /// What was run, as summary.json's `provenance`: version, commit, and every input file
    /// (the base scenario's, its series and the sweep file) by SHA-256. Absent in older folders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// The base scenario's `lang` and labels, for the report and charts (absent in older
    /// folders).
    #[serde(flatten)]
    pub names: super::names::FolderNames,
}

/// Which shard of the sweep a folder holds (`--shard K/N`), as `sweep.json` states it. Kept apart
/// from `sweep::run::Shard` (which parses and applies the option) so the contract depends on no
/// solving code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardMeta {
    /// 1-based.
    pub index: usize,
    pub count: usize,
}

// `sweep.csv`'s columns, in order: the point, one column per parameter (its key path), the
// hydrology columns when years are swept (year, relative volume, clipped energy, label,
// probability), the status, the outputs, and the message.
pub const POINT: &str = "point";
pub const HYDROLOGY_YEAR: &str = "hydrology_year";
pub const HYDROLOGY_RELATIVE_TO_MEAN: &str = "hydrology_relative_to_mean";
/// Run-of-river energy no option could use in that year (not curtailment).
pub const HYDRO_CLIPPED_TWH: &str = "hydro_clipped_twh";
/// The year ("1994") or, with `hydrology = "design"`, the design year ("P90").
pub const HYDROLOGY_LABEL: &str = "hydrology_label";
/// The year's weight among the sweep's years (1/n for historical years; they sum to one).
pub const HYDROLOGY_PROBABILITY: &str = "hydrology_probability";
pub const STATUS: &str = "status";
pub const OBJECTIVE_CNY: &str = "objective_cny";
/// `capacity_mw.<key>` per key of `summary.json`'s `capacity_built_mw`.
pub const CAPACITY_PREFIX: &str = "capacity_mw.";
pub const HYDROGEN_STORAGE_T: &str = "hydrogen_storage_t";
/// `energy_twh.<use>` per energy use of `summary.json`'s `energy_twh`.
pub const ENERGY_PREFIX: &str = "energy_twh.";
pub const CURTAILMENT_ANNUAL_TWH: &str = "curtailment_annual_twh";
pub const CURTAILMENT_FLOOD_SEASON_TWH: &str = "curtailment_flood_season_twh";
pub const HYDROGEN_KT: &str = "hydrogen_kt";
pub const LCOH_CNY_PER_KG: &str = "lcoh_cny_per_kg";
/// Why a point has no solution (empty when it has one). Always the last column.
pub const MESSAGE: &str = "message";

/// The column of a capacity key: `capacity_mw.electrolyser`.
pub fn capacity_column(key: &str) -> String {
    format!("{CAPACITY_PREFIX}{key}")
}

/// The column of an energy use: `energy_twh.hydrogen`.
pub fn energy_column(use_key: &str) -> String {
    format!("{ENERGY_PREFIX}{use_key}")
}

/// `sweep_timing.csv`'s header (seconds of wall time per point; not deterministic).
pub const TIMING_HEADER: [&str; 6] = [
    POINT,
    "seconds",
    "solve_seconds",
    "build_seconds",
    "overhead_seconds",
    "overhead_share_of_solve",
];
