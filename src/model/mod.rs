//! The linear program of `docs/model.md`, built from a scenario and its inputs.
//!
//! Each component (generators, lines, electrolysers, data centres, industry, the outside
//! market, unserved energy) adds its own columns and rows, its terms to the one objective, and
//! its injections into the one nodal balance (GenX's pattern). The balance rows come last:
//!
//! ```text
//! balance[n,t]:  Σ injections(n,t) = demand(n,t)        (dual / (w_t·Δt_t) = price, CNY/MWh)
//! ```

pub mod generators;
pub mod hydrogen;
pub mod lines;
pub mod loads;
pub mod lp;
pub mod market;

use crate::finance::annuity_factor;
use crate::inputs::Inputs;
use crate::scenario::{NodeKind, Scenario};
use crate::series::TimeAxis;
use lp::{Col, Lp, RowFamily, Sense};
use ndarray::Array1;
use std::collections::BTreeMap;

/// Hours in a (non-leap) year: fixed annual costs are scaled by `Σ w·Δt / 8760`.
pub const HOURS_PER_YEAR: f64 = 8760.0;

/// The parts the objective is reported in (CNY over the horizon; per year for a full year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CostPart {
    /// Annualised capital cost of new capacity.
    Capex,
    /// Fixed O&M of new capacity.
    FixedOm,
    /// Variable O&M of generation and other per-unit costs (electrolyser water, …).
    VariableCost,
    ImportCost,
    /// Export sales (negative: a revenue).
    ExportRevenue,
    HydrogenRevenue,
    DataCentreRevenue,
    IndustryMargin,
    UnservedEnergy,
    CurtailmentPenalty,
    /// The tiny flow cost that rules out sending energy both ways on a lossy line.
    FlowTieBreak,
}

/// A node as the model sees it.
#[derive(Debug, Clone)]
pub struct NodeInfo {
    pub name: String,
    pub kind: NodeKind,
    /// Local demand per step, MW.
    pub demand_mw: Array1<f64>,
}

/// The shared state every component builds into.
pub struct Builder<'a> {
    pub lp: Lp,
    pub sc: &'a Scenario,
    pub inputs: &'a Inputs,
    pub nodes: Vec<NodeInfo>,
    pub node_index: BTreeMap<String, usize>,
    /// w·Δt for each step: the hours a step stands for.
    pub wdt: Array1<f64>,
    /// Share of a year the horizon stands for (fixed costs are scaled by it).
    pub year_fraction: f64,
    /// Injections into balance[n][t] as (coefficient, column).
    injections: Vec<Vec<Vec<(f64, Col)>>>,
    /// Every objective term by part: (part, coefficient, column).
    pub cost_terms: Vec<(CostPart, f64, Col)>,
    /// Constant parts of the objective (e.g. the penalty on curtailment of fixed capacity).
    pub cost_constants: BTreeMap<CostPart, f64>,
}

impl<'a> Builder<'a> {
    pub fn steps(&self) -> usize {
        self.wdt.len()
    }

    pub fn node(&self, name: &str) -> usize {
        self.node_index[name]
    }

    /// Add `coef·x` to balance[n, t] (positive = supply into the node).
    pub fn inject(&mut self, node: usize, step: usize, coef: f64, c: Col) {
        self.injections[node][step].push((coef, c));
    }

    /// Add `coef·x` to the objective under `part`.
    pub fn cost(&mut self, part: CostPart, coef: f64, c: Col) {
        if coef != 0.0 {
            self.lp.cost(coef, c);
            self.cost_terms.push((part, coef, c));
        }
    }

    /// Per-MW annual cost of new capacity: capex annuity plus fixed O&M, scaled to the horizon.
    pub fn capacity_cost(
        &mut self,
        c: Col,
        capex_cny_per_mw: f64,
        lifetime_years: f64,
        fom_cny_per_mw_year: f64,
    ) {
        let r = self.sc.finance.discount_rate;
        let yf = self.year_fraction;
        self.cost(
            CostPart::Capex,
            capex_cny_per_mw * annuity_factor(r, lifetime_years) * yf,
            c,
        );
        self.cost(CostPart::FixedOm, fom_cny_per_mw_year * yf, c);
    }

    pub fn cost_constant(&mut self, part: CostPart, value: f64) {
        *self.cost_constants.entry(part).or_default() += value;
    }
}

/// Everything the LP needs to be read back after a solve.
pub struct Model {
    pub lp: Lp,
    pub axis: TimeAxis,
    pub nodes: Vec<NodeInfo>,
    pub wdt: Array1<f64>,
    pub year_fraction: f64,
    /// balance[n][t] → row index (None: an empty row with zero demand, not added).
    pub balance_rows: Vec<Vec<Option<usize>>>,
    pub generators: Vec<generators::GeneratorVars>,
    pub lines: Vec<lines::LineVars>,
    pub electrolysers: Vec<hydrogen::ElectrolyserVars>,
    pub data_centres: Vec<loads::DataCentreVars>,
    pub industry: Vec<loads::IndustryVars>,
    pub market: Option<market::MarketVars>,
    /// Unserved energy per node and step, MW (only at nodes that consume).
    pub unserved: Vec<Vec<Option<Col>>>,
    pub cost_terms: Vec<(CostPart, f64, Col)>,
    pub cost_constants: BTreeMap<CostPart, f64>,
    pub hydrogen_kwh_per_kg: f64,
    /// Size of the LP as built (the `Lp` itself is handed to the solver).
    pub lp_columns: usize,
    pub lp_rows: usize,
}

/// Build the LP of a validated scenario.
pub fn build(sc: &Scenario, inputs: &Inputs) -> Model {
    let axis = inputs.axis.clone();
    let t_len = axis.len();
    let wdt = axis.hours_weighted();
    let year_fraction = wdt.sum() / HOURS_PER_YEAR;
    let mut nodes = Vec::new();
    let mut node_index = BTreeMap::new();
    for (name, node) in &sc.nodes {
        let demand_mw = match &node.demand_profile {
            Some(r) if node.demand_twh_per_year > 0.0 => {
                // Scale the shape so that a full year holds `demand_twh_per_year`.
                let shape = inputs.get(r);
                let mean = (shape * &wdt).sum() / wdt.sum();
                shape * (node.demand_twh_per_year * 1e6 / HOURS_PER_YEAR / mean)
            }
            _ => Array1::from_elem(t_len, node.demand_twh_per_year * 1e6 / HOURS_PER_YEAR),
        };
        node_index.insert(name.clone(), nodes.len());
        nodes.push(NodeInfo {
            name: name.clone(),
            kind: node.kind,
            demand_mw,
        });
    }
    let mut b = Builder {
        lp: Lp::new(),
        sc,
        inputs,
        injections: vec![vec![Vec::new(); t_len]; nodes.len()],
        nodes,
        node_index,
        wdt,
        year_fraction,
        cost_terms: Vec::new(),
        cost_constants: BTreeMap::new(),
    };
    let generators = generators::build(&mut b);
    let lines = lines::build(&mut b);
    let electrolysers = hydrogen::build(&mut b);
    let (data_centres, industry) = loads::build(&mut b);
    let market = market::build(&mut b);
    let unserved = build_unserved(&mut b, &data_centres, &industry);

    // The balance rows, written as equalities (see the guide: duals of `>=` rows are fragile).
    let mut balance_rows = vec![vec![None; t_len]; b.nodes.len()];
    let injections = std::mem::take(&mut b.injections);
    for (n, per_step) in injections.into_iter().enumerate() {
        for (t, terms) in per_step.into_iter().enumerate() {
            let demand = b.nodes[n].demand_mw[t];
            if terms.is_empty() && demand == 0.0 {
                continue;
            }
            let family = RowFamily::Balance {
                node: n as u32,
                step: t as u32,
            };
            balance_rows[n][t] = Some(b.lp.row_in(&terms, Sense::Eq, demand, family));
        }
    }
    Model {
        lp_columns: b.lp.n_cols(),
        lp_rows: b.lp.rows.len(),
        lp: b.lp,
        axis,
        nodes: b.nodes,
        wdt: b.wdt,
        year_fraction,
        balance_rows,
        generators,
        lines,
        electrolysers,
        data_centres,
        industry,
        market,
        unserved,
        cost_terms: b.cost_terms,
        cost_constants: b.cost_constants,
        hydrogen_kwh_per_kg: sc
            .options
            .electrolyser
            .as_ref()
            .map_or(0.0, |e| e.kwh_per_kg),
    }
}

/// Unserved energy `z[n,t] ≥ 0` at every node that has demand or a firm load, at VoLL.
/// It keeps every scenario feasible and is reported loudly when non-zero.
fn build_unserved(
    b: &mut Builder,
    data_centres: &[loads::DataCentreVars],
    industry: &[loads::IndustryVars],
) -> Vec<Vec<Option<Col>>> {
    let voll = b.sc.settings.voll_cny_per_mwh;
    let consumes: Vec<bool> = (0..b.nodes.len())
        .map(|n| {
            b.nodes[n].demand_mw.iter().any(|d| *d > 0.0)
                || data_centres.iter().any(|d| d.node == n)
                || industry
                    .iter()
                    .any(|i| i.node == n && i.min_utilisation > 0.0)
        })
        .collect();
    let mut unserved = Vec::with_capacity(b.nodes.len());
    for (n, consumes) in consumes.into_iter().enumerate() {
        let mut cols = vec![None; b.steps()];
        if consumes {
            for (t, slot) in cols.iter_mut().enumerate() {
                let z = b.lp.nonneg();
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
