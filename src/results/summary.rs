//! `summary.json`: the machine-readable contract for users' scripts.
//!
//! Keys named in the README are stable: `status`, `objective_cny`, `curtailment.annual_twh`,
//! `curtailment.flood_season_twh`, `capacity_built_mw`, `energy_twh.*`, `hydrogen_kt`,
//! `lcoh_cny_per_kg`, `solver`, `solve_seconds`, `build_seconds`.

use super::{Results, Use};
use crate::model::CostPart;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub scenario: String,
    pub status: String,
    pub objective_cny: f64,
    pub objective_parts_cny: BTreeMap<CostPart, f64>,
    pub curtailment: Curtailment,
    /// New capacity per option (summed over nodes) and per line or generator expanded, MW.
    pub capacity_built_mw: BTreeMap<String, f64>,
    pub hydrogen_storage_built_kg: f64,
    pub energy_twh: EnergyTwh,
    pub generation_twh: BTreeMap<String, f64>,
    pub hydrogen_kt: f64,
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
    pub resolution_hours: usize,
    pub steps: usize,
    /// Hours the horizon stands for (Σ w·Δt). "Annual" figures are totals over this horizon:
    /// per year only when it is 8,760.
    pub horizon_hours: f64,
    pub lp_columns: usize,
    pub lp_rows: usize,
}

/// The energy uses of `energy_twh`, in the order every table lists them (summary, monthly CSV,
/// sweep.csv, compare.csv).
pub const ENERGY_USES: [&str; 11] = [
    "available",
    "generation",
    "local_demand",
    "export",
    "import",
    "hydrogen",
    "data_centre",
    "industry",
    "curtailed",
    "unserved",
    "line_losses",
];

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Curtailment {
    pub annual_twh: f64,
    pub flood_season_twh: f64,
    pub flood_season_months: Vec<u32>,
    pub by_node_twh: BTreeMap<String, f64>,
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
}

/// Timings and settings of the run that are not in `Results`.
pub struct RunInfo {
    pub solver: String,
    pub solve_seconds: f64,
    pub solver_setup_seconds: f64,
    pub build_seconds: f64,
    pub resolution_hours: usize,
}

impl Summary {
    pub fn new(r: &Results, info: &RunInfo) -> Summary {
        let mut capacity_built_mw = BTreeMap::new();
        let mut storage_kg = 0.0;
        for c in &r.capacities {
            if c.unit == "kg" {
                storage_kg += c.built;
                continue;
            }
            // Options sum over nodes; lines and generators that may expand are listed one by one.
            let single = c.component.starts_with("line.") || c.component.starts_with("generator.");
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
        let mut industry_by_product = BTreeMap::new();
        let mut generation_twh = BTreeMap::new();
        for s in &r.series {
            match &s.category {
                Use::Industry(p) => {
                    *industry_by_product.entry(p.clone()).or_insert(0.0) += r.twh(&s.mw).abs()
                }
                Use::Generation(k) => {
                    *generation_twh.entry(k.name().to_string()).or_insert(0.0) += r.twh(&s.mw)
                }
                _ => {}
            }
        }
        let line_losses = -r.energy_twh_signed(|u| *u == Use::LineNet);
        let available: f64 = r.available_mw.iter().map(|a| r.twh(a)).sum();
        let hydrogen_twh = r.electrolyser_mwh / 1e6;
        let hours = r.wdt.sum();
        let mut by_node_twh = BTreeMap::new();
        for (n, c) in r.curtailed_mw.iter().enumerate() {
            by_node_twh.insert(r.node_names[n].clone(), r.twh(c));
        }
        let mean_price = r
            .node_names
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
            .collect();
        Summary {
            scenario: r.scenario.clone(),
            status: r.status.to_string(),
            objective_cny: r.objective_cny(),
            objective_parts_cny: r.costs.clone(),
            curtailment: Curtailment {
                annual_twh: r.curtailed_twh(None),
                flood_season_twh: r.curtailed_twh(Some(&r.flood_months)),
                flood_season_months: r.flood_months.clone(),
                by_node_twh,
            },
            capacity_built_mw,
            hydrogen_storage_built_kg: storage_kg,
            energy_twh: EnergyTwh {
                available,
                generation: r.energy_twh(|u| matches!(u, Use::Generation(_))),
                local_demand: r.energy_twh(|u| *u == Use::LocalDemand),
                export: r.energy_twh(|u| *u == Use::Export),
                import: r.energy_twh(|u| *u == Use::Import),
                hydrogen: hydrogen_twh,
                data_centre: r.energy_twh(|u| *u == Use::DataCentre),
                industry: r.energy_twh(|u| matches!(u, Use::Industry(_))),
                industry_by_product,
                curtailed: r.curtailed_twh(None),
                unserved: r.energy_twh(|u| *u == Use::Unserved),
                line_losses,
            },
            generation_twh,
            hydrogen_kt: r.hydrogen_kg / 1e6,
            electrolyser_capacity_factor: (r.electrolyser_capacity_mw > 1e-6)
                .then(|| r.electrolyser_mwh / (r.electrolyser_capacity_mw * hours)),
            lcoh_cny_per_kg: match r.electrolyser_power_cost_cny {
                // Interior-point solutions leave traces (grams, watts) where nothing is built; an
                // LCOH of those would be noise, so it needs at least a kW and a kg.
                Some(power) if r.hydrogen_kg > 1.0 && r.electrolyser_capacity_mw > 1e-3 => Some(
                    (r.electrolyser_fixed_cost_cny + r.electrolyser_other_cost_cny + power)
                        / r.hydrogen_kg,
                ),
                _ => None,
            },
            mean_price_cny_per_mwh: mean_price,
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
            steps: r.labels.len(),
            horizon_hours: hours,
            lp_columns: r.lp_columns,
            lp_rows: r.lp_rows,
        }
    }
}
