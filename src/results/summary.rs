//! `summary.json`: the machine-readable contract for users' scripts.
//!
//! Keys named in the README are stable: `status`, `objective_cny`, `curtailment.annual_twh`,
//! `curtailment.flood_season_twh`, `capacity_built_mw`, `energy_twh.*`, `hydrogen_kt`,
//! `lcoh_cny_per_kg`, `solver`, `solve_seconds`, `build_seconds`, `lp_columns`, `lp_rows`,
//! `resolution` and `steps`.

use super::{Results, Use};
use crate::model::CostPart;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// summary.json's `lumpy`: the exact solve of projects that come whole (`study::lumpy`).
#[derive(Debug, Clone, Serialize)]
pub struct LumpySummary {
    /// `enumerate` (every combination one LP) or `milp` (HiGHS).
    pub method: String,
    /// Combinations of the projects' choices (each one an LP with `enumerate`; one row each
    /// in `lumpy_combinations.csv`).
    pub combinations: usize,
    /// The choice made for each project: its size in MW, or `off`/`on` for a minimum build.
    pub choice: BTreeMap<String, String>,
    /// New capacity of each project, MW.
    pub built_mw: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub scenario: String,
    pub status: crate::status::Status,
    pub objective_cny: f64,
    pub objective_parts_cny: BTreeMap<CostPart, f64>,
    pub curtailment: Curtailment,
    /// New capacity per option (summed over nodes) and per line or generator expanded, MW.
    pub capacity_built_mw: BTreeMap<String, f64>,
    /// Capacity there without a decision, per asset: existing and committed, MW (MW IT for
    /// data centres).
    pub capacity_existing_mw: BTreeMap<String, f64>,
    /// Of it, committed (under construction, sunk), per asset, MW.
    pub capacity_committed_mw: BTreeMap<String, f64>,
    /// Which constraint binds for each key of `capacity_built_mw` ("site limit", "none", …;
    /// filled by `study::binding`, which states the rules).
    pub binding: BTreeMap<String, String>,
    pub hydrogen_storage_built_kg: f64,
    /// New energy capacity of electricity stores, MWh (only when the scenario has one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_energy_built_mwh: Option<f64>,
    pub energy_twh: EnergyTwh,
    pub generation_twh: BTreeMap<String, f64>,
    pub hydrogen_kt: f64,
    /// Hydrogen sold to each demand block, kt over the horizon (only with blocks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hydrogen_by_block_kt: Option<BTreeMap<String, f64>>,
    /// The blocks that took their whole quantity (only with blocks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hydrogen_blocks_full: Option<Vec<String>>,
    pub electrolyser_capacity_factor: Option<f64>,
    /// (annualised capex + O&M + other costs + electricity at the nodal price) / kg made.
    pub lcoh_cny_per_kg: Option<f64>,
    pub mean_price_cny_per_mwh: BTreeMap<String, Option<f64>>,
    pub unserved_energy_mwh: f64,
    /// Unserved energy per node that has any, MWh (where demand could not be met).
    pub unserved_by_node_mwh: BTreeMap<String, f64>,
    pub balance_max_residual_mw: f64,
    pub solver: String,
    /// Wall time of the solve call, including `solver_setup_seconds`.
    pub solve_seconds: f64,
    /// Of `solve_seconds`: handing the LP to the solver backend (good_lp's conversion).
    pub solver_setup_seconds: f64,
    /// Reading and checking inputs, building the LP, and reading results back.
    pub build_seconds: f64,
    /// The longest step, hours: every step's length at a fixed resolution (a final block may
    /// be shorter), the longest segment at `auto:N`.
    pub resolution_hours: usize,
    /// The resolution used, as `3h` or `auto:400` (the scenario's own when none was given).
    pub resolution: String,
    /// Number of time steps (segments at `auto:N`).
    pub steps: usize,
    /// Hours the horizon stands for (Σ w·Δt). "Annual" figures are totals over this horizon:
    /// per year only when it is 8,760.
    pub horizon_hours: f64,
    pub lp_columns: usize,
    pub lp_rows: usize,
    /// Inputs outside their typical range (`crate::plausible`), as `file:line: key: message`;
    /// absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// How projects that come whole were solved (absent without `lumpy = true` projects).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lumpy: Option<LumpySummary>,
    /// Decision metrics (issue 10): net benefit against the status quo, investment and
    /// returns per option; flattened, so their keys are top-level (`results::decision`).
    #[serde(flatten)]
    pub decision: super::decision::Decision,
    /// Version, commit and input files' hashes (`output::provenance`; inputs filled by `study`).
    pub provenance: crate::output::provenance::Provenance,
    /// A stochastic run's years, VSS, EVPI and gap (`study::stochastic`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stochastic: Option<crate::output::stochastic::StochasticSummary>,
}

/// The energy uses of `energy_twh`, in the order every table lists them (summary, monthly CSV,
/// sweep.csv, compare.csv): read from the one table of uses.
pub use super::uses::ENERGY_USES;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Curtailment {
    pub annual_twh: f64,
    pub flood_season_twh: f64,
    pub flood_season_months: Vec<u32>,
    pub by_node_twh: BTreeMap<String, f64>,
    /// Of `annual_twh`: hydro spill (run-of-river and reservoirs), the plan's "spilled hydro".
    #[serde(default)]
    pub hydro_spill_twh: f64,
    /// Hydro spill in the flood-season months.
    #[serde(default)]
    pub hydro_spill_flood_season_twh: f64,
    /// Of `annual_twh`: solar and wind curtailment (the rest).
    #[serde(default)]
    pub solar_wind_twh: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EnergyTwh {
    pub available: f64,
    pub generation: f64,
    pub local_demand: f64,
    pub export: f64,
    pub import: f64,
    pub hydrogen: f64,
    pub data_centre: f64,
    pub industry: f64,
    #[serde(default)]
    pub industry_by_product: BTreeMap<String, f64>,
    pub curtailed: f64,
    pub unserved: f64,
    pub line_losses: f64,
    /// Of `curtailed`: hydro spill.
    #[serde(default)]
    pub hydro_spill: f64,
    /// Of `curtailed`: solar and wind curtailment.
    #[serde(default)]
    pub solar_wind_curtailed: f64,
    /// Charged minus discharged by electricity stores (only when the scenario has one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_losses: Option<f64>,
}

impl EnergyTwh {
    /// A use by its key in the table of uses (`None`: not a use of this summary).
    pub fn get(&self, key: &str) -> Option<f64> {
        Some(match key {
            "available" => self.available,
            "generation" => self.generation,
            "local_demand" => self.local_demand,
            "export" => self.export,
            "import" => self.import,
            "hydrogen" => self.hydrogen,
            "data_centre" => self.data_centre,
            "industry" => self.industry,
            "curtailed" => self.curtailed,
            "unserved" => self.unserved,
            "line_losses" => self.line_losses,
            "hydro_spill" => self.hydro_spill,
            "solar_wind_curtailed" => self.solar_wind_curtailed,
            "storage_losses" => return self.storage_losses,
            _ => return None,
        })
    }
}

/// Timings and settings of the run that are not in `Results`.
pub struct RunInfo {
    pub solver: String,
    pub solve_seconds: f64,
    pub solver_setup_seconds: f64,
    pub build_seconds: f64,
    pub resolution_hours: usize,
    pub resolution: String,
}

/// New capacity per key of `capacity_built_mw`, hydrogen storage (kg) and electricity storage
/// energy (MWh; None without stores).
fn capacity_built(r: &Results) -> (BTreeMap<String, f64>, f64, Option<f64>) {
    let mut capacity_built_mw = BTreeMap::new();
    let mut storage_kg = 0.0;
    let mut storage_mwh = None;
    for c in &r.capacities {
        match c.unit {
            "kg" => {
                storage_kg += c.built;
                continue;
            }
            "MWh" => {
                *storage_mwh.get_or_insert(0.0) += c.built;
                continue;
            }
            _ => {}
        }
        // Options sum over nodes; lines, generators and stores that may expand are listed one
        // by one.
        let single = ["line.", "generator.", "storage."]
            .iter()
            .any(|p| c.component.starts_with(p));
        if single && c.max_new <= 0.0 {
            continue;
        }
        let key = if single {
            c.component.clone()
        } else {
            c.option.clone()
        };
        *capacity_built_mw.entry(key).or_insert(0.0) += c.built;
    }
    (capacity_built_mw, storage_kg, storage_mwh)
}

/// Existing and committed capacity per asset (component), MW; stores of hydrogen and energy
/// apart (their units are kg and MWh).
fn capacity_existing(r: &Results) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    for c in r.capacities.iter().filter(|c| c.existing > 0.0) {
        if matches!(c.unit, "MW" | "MW IT") {
            *out.entry(c.component.clone()).or_insert(0.0) += c.existing;
        }
    }
    out
}

/// Energy by industry product and generation by kind, TWh.
fn by_product(r: &Results) -> (BTreeMap<String, f64>, BTreeMap<String, f64>) {
    let mut industry_by_product = BTreeMap::new();
    let mut generation_twh = BTreeMap::new();
    for s in &r.series {
        match &s.category {
            Use::Industry(p) => {
                *industry_by_product.entry(p.clone()).or_insert(0.0) += r.twh(&s.mw).abs()
            }
            Use::Generation(k) => {
                *generation_twh.entry(k.to_string()).or_insert(0.0) += r.twh(&s.mw)
            }
            _ => {}
        }
    }
    (industry_by_product, generation_twh)
}

/// The weighted mean price of each node over the steps that have one.
fn mean_prices(r: &Results) -> BTreeMap<String, Option<f64>> {
    r.node_names
        .iter()
        .enumerate()
        .map(|(n, name)| {
            let p = r.prices.as_ref().and_then(|p| {
                let ok: Vec<(f64, f64)> = p[n]
                    .iter()
                    .zip(r.wdt.iter())
                    .filter(|(x, _)| x.is_finite())
                    .map(|(x, w)| (*x, *w))
                    .collect();
                let w: f64 = ok.iter().map(|(_, w)| w).sum();
                (w > 0.0).then(|| ok.iter().map(|(x, w)| x * w).sum::<f64>() / w)
            });
            (name.clone(), p)
        })
        .collect()
}

/// `energy_twh`: every use of the table of uses.
fn energy_twh(r: &Results, industry_by_product: BTreeMap<String, f64>) -> EnergyTwh {
    let e = |key: &str| r.use_twh(key, None).unwrap_or(0.0);
    EnergyTwh {
        available: e("available"),
        generation: e("generation"),
        local_demand: e("local_demand"),
        export: e("export"),
        import: e("import"),
        hydrogen: e("hydrogen"),
        data_centre: e("data_centre"),
        industry: e("industry"),
        industry_by_product,
        curtailed: e("curtailed"),
        unserved: e("unserved"),
        line_losses: e("line_losses"),
        hydro_spill: e("hydro_spill"),
        solar_wind_curtailed: e("solar_wind_curtailed"),
        storage_losses: r.use_twh("storage_losses", None),
    }
}

/// (annualised capex + O&M + other costs + electricity at the nodal price) / kg made.
fn lcoh(r: &Results) -> Option<f64> {
    match r.electrolyser_power_cost_cny {
        // Interior-point solutions leave traces (grams, watts) where nothing is built; an LCOH
        // of those would be noise, so it needs at least a kW and a kg.
        Some(power) if r.hydrogen_kg > 1.0 && r.electrolyser_capacity_mw > 1e-3 => Some(
            (r.electrolyser_fixed_cost_cny + r.electrolyser_other_cost_cny + power) / r.hydrogen_kg,
        ),
        _ => None,
    }
}

impl Summary {
    pub fn new(r: &Results, info: &RunInfo) -> Summary {
        let (capacity_built_mw, storage_kg, storage_mwh) = capacity_built(r);
        let (industry_by_product, generation_twh) = by_product(r);
        let hours = r.wdt.sum();
        let by_node_twh = (r.curtailed_mw.iter().enumerate())
            .map(|(n, c)| (r.node_names[n].clone(), r.twh(c)))
            .collect();
        Summary {
            scenario: r.scenario.clone(),
            status: r.status,
            objective_cny: r.objective_cny(),
            objective_parts_cny: r.costs.clone(),
            curtailment: Curtailment {
                annual_twh: r.curtailed_twh(None),
                flood_season_twh: r.curtailed_twh(Some(&r.flood_months)),
                flood_season_months: r.flood_months.clone(),
                by_node_twh,
                hydro_spill_twh: r.hydro_spill_twh(None),
                hydro_spill_flood_season_twh: r.hydro_spill_twh(Some(&r.flood_months)),
                solar_wind_twh: (r.curtailed_twh(None) - r.hydro_spill_twh(None)).max(0.0),
            },
            capacity_built_mw,
            capacity_existing_mw: capacity_existing(r),
            capacity_committed_mw: r.committed.iter().cloned().collect(),
            binding: BTreeMap::new(),
            hydrogen_storage_built_kg: storage_kg,
            storage_energy_built_mwh: storage_mwh,
            energy_twh: energy_twh(r, industry_by_product),
            generation_twh,
            hydrogen_kt: r.hydrogen_kg / 1e6,
            hydrogen_by_block_kt: (!r.hydrogen_blocks.is_empty()).then(|| {
                (r.hydrogen_blocks.iter())
                    .map(|b| (b.name.clone(), b.kg / 1e6))
                    .collect()
            }),
            hydrogen_blocks_full: (!r.hydrogen_blocks.is_empty()).then(|| {
                (r.hydrogen_blocks.iter())
                    .filter(|b| b.full)
                    .map(|b| b.name.clone())
                    .collect()
            }),
            electrolyser_capacity_factor: (r.electrolyser_capacity_mw > 1e-6)
                .then(|| r.electrolyser_mwh / (r.electrolyser_capacity_mw * hours)),
            lcoh_cny_per_kg: lcoh(r),
            mean_price_cny_per_mwh: mean_prices(r),
            unserved_energy_mwh: r.energy_twh(|u| *u == Use::Unserved) * 1e6,
            unserved_by_node_mwh: r
                .series
                .iter()
                .filter(|s| s.category == Use::Unserved && r.twh(&s.mw) > 1e-12)
                .map(|s| (r.node_names[s.node].clone(), r.twh(&s.mw) * 1e6))
                .collect(),
            balance_max_residual_mw: r.balance_max_residual_mw,
            solver: info.solver.clone(),
            solve_seconds: info.solve_seconds,
            solver_setup_seconds: info.solver_setup_seconds,
            build_seconds: info.build_seconds,
            resolution_hours: info.resolution_hours,
            resolution: info.resolution.clone(),
            steps: r.labels.len(),
            horizon_hours: hours,
            lp_columns: r.lp_columns,
            lp_rows: r.lp_rows,
            warnings: Vec::new(),
            lumpy: None,
            decision: Default::default(),
            provenance: crate::output::provenance::Provenance::of_this_build(),
            stochastic: None,
        }
    }
}
