//! The shared state every technology builds into (GenX's pattern): columns and rows go into
//! one `Lp`, every objective term is recorded by `CostPart`, and every injection goes into the
//! one nodal balance `balance[n,t]`, whose rows `model::build` writes last.
//!
//! The builder holds what technologies share — the time axis, the discount rate, the node
//! index and a series lookup — and not the scenario: a technology reads its own section and is
//! handed the few shared numbers it needs in a `Context`.

use super::lp::{Col, Lp};
use crate::finance::annuity_factor;
use crate::inputs::Inputs;
use crate::scenario::{NodeKind, SeriesRef, Tariff};
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
    /// The tiny value on solar and wind output that makes hydro spill first (negative).
    DispatchPriority,
}

/// A node as the model sees it.
#[derive(Debug, Clone)]
pub struct NodeInfo {
    pub name: String,
    pub kind: NodeKind,
    /// Local demand per step, MW.
    pub demand_mw: Array1<f64>,
}

/// The shared state every technology builds into.
pub struct Builder<'a> {
    pub lp: Lp,
    inputs: &'a Inputs,
    pub nodes: Vec<NodeInfo>,
    node_index: BTreeMap<String, usize>,
    /// w·Δt for each step: the hours a step stands for.
    pub wdt: Array1<f64>,
    discount_rate: f64,
    /// Nodes with a firm load (a data centre, an industry held to a minimum utilisation): they
    /// get an unserved-energy column even without local demand, so the LP stays feasible.
    pub firm_load: Vec<bool>,
    /// Injections into balance[n][t] as (coefficient, column).
    injections: Vec<Vec<Vec<(f64, Col)>>>,
    /// Every objective term by part: (part, coefficient, column).
    pub cost_terms: Vec<(CostPart, f64, Col)>,
    /// Constant parts of the objective (e.g. the penalty on curtailment of fixed capacity).
    pub cost_constants: BTreeMap<CostPart, f64>,
    /// Committed capacity by asset (`generator.x`, `line.y`), MW: sunk, reported apart.
    pub committed: Vec<(String, f64)>,
    /// Every column of new capacity with its overnight cost, in build order (investment and
    /// returns per option; the status quo fixes these columns at zero).
    pub capital: Vec<Capital>,
}

/// A column of new capacity and what one unit of it costs up front.
#[derive(Debug, Clone, Copy)]
pub struct Capital {
    pub col: Col,
    /// Overnight capital cost per unit of the column (MW, MWh or kg), CNY.
    pub capex_cny_per_unit: f64,
    pub lifetime_years: f64,
}

impl<'a> Builder<'a> {
    pub fn new(inputs: &'a Inputs, nodes: Vec<NodeInfo>, discount_rate: f64) -> Builder<'a> {
        let wdt = inputs.axis.hours_weighted();
        let node_index = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.name.clone(), i))
            .collect();
        Builder {
            lp: Lp::new(),
            inputs,
            injections: vec![vec![Vec::new(); wdt.len()]; nodes.len()],
            firm_load: vec![false; nodes.len()],
            nodes,
            node_index,
            wdt,
            discount_rate,
            cost_terms: Vec::new(),
            cost_constants: BTreeMap::new(),
            committed: Vec::new(),
            capital: Vec::new(),
        }
    }

    pub fn steps(&self) -> usize {
        self.wdt.len()
    }

    /// Length of step t, hours (its weight apart).
    pub fn duration_h(&self, t: usize) -> f64 {
        self.inputs.axis.duration_h[t]
    }

    /// The model's time axis.
    pub fn axis(&self) -> &crate::series::TimeAxis {
        &self.inputs.axis
    }

    /// Calendar month (1–12) of step t.
    pub fn month(&self, t: usize) -> u32 {
        self.inputs.axis.month[t]
    }

    /// Share of a year the horizon stands for (fixed costs are scaled by it).
    pub fn year_fraction(&self) -> f64 {
        self.wdt.sum() / HOURS_PER_YEAR
    }

    /// A series the scenario names, resampled to the model's steps.
    pub fn series(&self, r: &SeriesRef) -> &Array1<f64> {
        self.inputs.get(r)
    }

    /// A tariff's value in every step.
    pub fn tariff(&self, t: &Tariff, flood_months: &[u32]) -> Array1<f64> {
        self.inputs.tariff(t, flood_months)
    }

    /// Index of a node by name (validation has checked that it exists).
    pub fn node(&self, name: &str) -> usize {
        self.node_index[name]
    }

    /// Add `coef·x` to balance[n, t] (positive = supply into the node).
    pub fn inject(&mut self, node: usize, step: usize, coef: f64, c: Col) {
        self.injections[node][step].push((coef, c));
    }

    /// Hand the injections over to whoever writes the balance rows.
    pub fn take_injections(&mut self) -> Vec<Vec<Vec<(f64, Col)>>> {
        std::mem::take(&mut self.injections)
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
        let yf = self.year_fraction();
        let annuity = annuity_factor(self.discount_rate, lifetime_years);
        self.capital.push(Capital {
            col: c,
            capex_cny_per_unit: capex_cny_per_mw,
            lifetime_years,
        });
        self.cost(CostPart::Capex, capex_cny_per_mw * annuity * yf, c);
        self.cost(CostPart::FixedOm, fom_cny_per_mw_year * yf, c);
    }

    /// Record a committed asset's capacity (sunk: it adds no cost).
    pub fn committed(&mut self, asset: String, capacity_mw: f64) {
        self.committed.push((asset, capacity_mw));
    }

    pub fn cost_constant(&mut self, part: CostPart, value: f64) {
        *self.cost_constants.entry(part).or_default() += value;
    }
}
