//! The linear program of `docs/model.md`, built from a scenario and its inputs.
//!
//! Each technology (`tech/`) adds its own columns and rows, its terms to the one objective, and
//! its injections into the one nodal balance (GenX's pattern). The nodes add their demand and
//! the unserved energy that keeps every scenario feasible; the balance rows come last:
//!
//! ```text
//! balance[n,t]:  Σ injections(n,t) + z[n,t] = demand(n,t)   (dual / (w_t·Δt_t) = price, CNY/MWh)
//! 0 ≤ z[n,t]  (unserved, at VoLL; only at nodes with demand or a firm load)
//! ```

pub mod builder;
pub mod lp;
pub mod mps;
pub mod stack;
pub mod tech;

pub use builder::{CostPart, NodeInfo, HOURS_PER_YEAR};

use crate::inputs::Inputs;
use crate::scenario::Scenario;
use crate::series::TimeAxis;
use builder::Builder;
use lp::{Col, Lp, Sense};
use ndarray::Array1;
use std::collections::BTreeMap;
use tech::technology::{Built, Context};

/// Everything the LP needs to be read back after a solve.
pub struct Model {
    pub lp: Lp,
    pub axis: TimeAxis,
    pub nodes: Vec<NodeInfo>,
    /// w·Δt per step: the hours a step stands for.
    pub wdt: Array1<f64>,
    /// balance[n][t] → row index (None: an empty row with zero demand, not added).
    pub balance_rows: Vec<Vec<Option<usize>>>,
    /// Each technology's columns, in build order.
    pub built: Vec<Box<dyn Built>>,
    /// Unserved energy per node and step, MW (only at nodes that consume).
    pub unserved: Vec<Vec<Option<Col>>>,
    pub cost_terms: Vec<(CostPart, f64, Col)>,
    pub cost_constants: BTreeMap<CostPart, f64>,
    /// Committed capacity by asset, MW (sunk; reported apart from new builds).
    pub committed: Vec<(String, f64)>,
    /// Every column of new capacity with its overnight cost.
    pub capital: Vec<builder::Capital>,
    /// Which technology entry added which cost terms and capital columns.
    pub owners: Vec<Owner>,
    /// `finance.discount_rate`, for the returns of each option.
    pub discount_rate: f64,
    /// Size of the LP as built (the `Lp` itself is handed to the solver).
    pub lp_columns: usize,
    pub lp_rows: usize,
}

/// The share of the model one technology entry built: the keys it adds to
/// `capacity_built_mw` and the index ranges of its cost terms and capital columns.
#[derive(Debug, Clone)]
pub struct Owner {
    pub keys: Vec<String>,
    pub cost_terms: std::ops::Range<usize>,
    pub capital: std::ops::Range<usize>,
}

/// The status quo of a validated scenario: the same LP with every column of new capacity
/// (each option, line, generator and store expansion: whatever carries a capital cost) fixed
/// at zero, so only existing and committed assets run.
pub fn build_status_quo(sc: &Scenario, inputs: &Inputs) -> Model {
    let mut m = build(sc, inputs);
    for k in &m.capital {
        m.lp.cap_upper(k.col, 0.0);
    }
    m
}

/// Build the LP of a validated scenario.
pub fn build(sc: &Scenario, inputs: &Inputs) -> Model {
    let nodes = node_demand(sc, inputs);
    let mut b = Builder::new(inputs, nodes, sc.finance.discount_rate);
    let ctx = Context {
        curtailment_penalty_cny_per_mwh: sc.settings.curtailment_penalty_cny_per_mwh,
        flow_tie_break_cny_per_mwh: sc.settings.flow_tie_break_cny_per_mwh,
        solar_wind_priority_cny_per_mwh: sc.settings.solar_wind_priority_cny_per_mwh,
        hydrogen_price_cny_per_kg: sc.market.hydrogen_price_cny_per_kg,
        hydrogen_blocks: sc.market.hydrogen_blocks.clone(),
        hydrogen_transport: sc.market.hydrogen_transport.clone(),
        flood_season_months: sc.time.flood_season_months.clone(),
        study_year: sc.time.study_year,
    };
    let mut owners = Vec::new();
    let mut built: Vec<Box<dyn Built>> = Vec::new();
    for i in tech::instances(sc) {
        let (costs_from, capital_from) = (b.cost_terms.len(), b.capital.len());
        built.extend(i.tech.build(i.name, &mut b, &ctx));
        owners.push(Owner {
            keys: i.tech.capacity_keys(i.name),
            cost_terms: costs_from..b.cost_terms.len(),
            capital: capital_from..b.capital.len(),
        });
    }
    let unserved = build_unserved(&mut b, sc.settings.voll_cny_per_mwh);
    let balance_rows = build_balance(&mut b);
    Model {
        lp_columns: b.lp.n_cols(),
        lp_rows: b.lp.n_rows(),
        axis: inputs.axis.clone(),
        lp: b.lp,
        nodes: b.nodes,
        wdt: b.wdt,
        balance_rows,
        built,
        unserved,
        cost_terms: b.cost_terms,
        cost_constants: b.cost_constants,
        committed: b.committed,
        capital: b.capital,
        owners,
        discount_rate: sc.finance.discount_rate,
    }
}

/// Each node's local demand per step, MW.
fn node_demand(sc: &Scenario, inputs: &Inputs) -> Vec<NodeInfo> {
    let wdt = inputs.axis.hours_weighted();
    let t_len = wdt.len();
    sc.nodes
        .iter()
        .map(|(name, node)| {
            let demand_mw = match &node.demand_profile {
                Some(r) if node.demand_twh_per_year > 0.0 => {
                    // Scale the shape so that a full year holds `demand_twh_per_year`.
                    let shape = inputs.get(r);
                    let mean = (shape * &wdt).sum() / wdt.sum();
                    shape * (node.demand_twh_per_year * 1e6 / HOURS_PER_YEAR / mean)
                }
                _ => Array1::from_elem(t_len, node.demand_twh_per_year * 1e6 / HOURS_PER_YEAR),
            };
            NodeInfo {
                name: name.clone(),
                kind: node.kind,
                demand_mw,
            }
        })
        .collect()
}

/// Unserved energy `z[n,t] ≥ 0` at every node that has demand or a firm load, at VoLL.
/// It keeps every scenario feasible and is reported loudly when non-zero.
fn build_unserved(b: &mut Builder, voll: f64) -> Vec<Vec<Option<Col>>> {
    let consumes: Vec<bool> = (0..b.nodes.len())
        .map(|n| b.nodes[n].demand_mw.iter().any(|d| *d > 0.0) || b.firm_load[n])
        .collect();
    let mut unserved = Vec::with_capacity(b.nodes.len());
    for (n, consumes) in consumes.into_iter().enumerate() {
        let mut cols = vec![None; b.steps()];
        if consumes {
            let f =
                b.lp.family("unserved", &b.nodes[n].name.clone(), lp::Index::Time);
            for (t, slot) in cols.iter_mut().enumerate() {
                let z = b.lp.col_in(f, 0.0, f64::INFINITY);
                b.inject(n, t, 1.0, z);
                let coef = voll * b.wdt[t];
                b.cost(CostPart::UnservedEnergy, coef, z);
                *slot = Some(z);
            }
        }
        unserved.push(cols);
    }
    unserved
}

/// The balance rows, written as equalities (see the guide: duals of `>=` rows are fragile).
fn build_balance(b: &mut Builder) -> Vec<Vec<Option<usize>>> {
    let mut balance_rows = vec![vec![None; b.steps()]; b.nodes.len()];
    for (n, per_step) in b.take_injections().into_iter().enumerate() {
        let f =
            b.lp.family("balance", &b.nodes[n].name.clone(), lp::Index::Time);
        for (t, terms) in per_step.into_iter().enumerate() {
            let demand = b.nodes[n].demand_mw[t];
            if terms.is_empty() && demand == 0.0 {
                continue;
            }
            balance_rows[n][t] = Some(b.lp.row_in(f, &terms, Sense::Eq, demand));
        }
    }
    balance_rows
}
