//! What a technology reads back from a solved LP: signed series by use, capacity rows, and the
//! few totals some reports need (available and curtailed energy, hydrogen). Each technology's
//! `Built::read_back` adds to one `Readback`; `results::extract` then closes the balance.

use crate::model::lp::{Col, Values};
use ndarray::Array1;
use std::collections::HashMap;

/// What a series in `dispatch.csv` is. Signs: supply into a node is positive.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Use {
    /// Output of a generator kind (`hydro_ror`, `hydro_reservoir`, `solar`, `wind`).
    Generation(&'static str),
    /// Net injection from lines into the node (losses already taken off).
    LineNet,
    Import,
    Unserved,
    LocalDemand,
    Export,
    Hydrogen,
    DataCentre,
    Industry(String),
    /// Net injection of an electricity store (discharge − charge).
    Storage,
}

impl Use {
    pub fn name(&self) -> String {
        match self {
            Use::Generation(k) => k.to_string(),
            Use::LineNet => "line_net".into(),
            Use::Import => "import".into(),
            Use::Unserved => "unserved".into(),
            Use::LocalDemand => "local_demand".into(),
            Use::Export => "export".into(),
            Use::Hydrogen => "hydrogen".into(),
            Use::DataCentre => "data_centre".into(),
            Use::Industry(p) => format!("industry.{p}"),
            Use::Storage => "storage".into(),
        }
    }
}

/// One signed series at one node (MW per step).
#[derive(Debug, Clone)]
pub struct Series {
    pub node: usize,
    pub component: String,
    pub category: Use,
    pub mw: Array1<f64>,
}

/// One row of `capacities.csv`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CapacityRow {
    pub component: String,
    pub option: String,
    pub node: String,
    pub unit: &'static str,
    pub existing: f64,
    pub built: f64,
    pub max_new: f64,
    /// Annualised capex plus fixed O&M of what was built, CNY (scaled to the horizon).
    pub annual_cost_cny: f64,
}

/// Electrolysis totals over all sites, for hydrogen output and the levelised cost.
#[derive(Debug, Clone, Default)]
pub struct HydrogenTotals {
    pub kg: f64,
    pub mwh: f64,
    pub capacity_mw: f64,
    /// Electricity valued at the nodal price (None without prices).
    pub power_cost_cny: Option<f64>,
    pub fixed_cost_cny: f64,
    /// Water, compression and stack replacement, CNY.
    pub other_cost_cny: f64,
    /// Hydrogen sold to each demand block (none without blocks).
    pub blocks: Vec<BlockSale>,
}

/// What one hydrogen demand block took over the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockSale {
    pub name: String,
    /// Delivered from every site, kg.
    pub kg: f64,
    /// The most it takes over the horizon (its yearly quantity × the horizon's share of a
    /// year), kg.
    pub quantity_kg: f64,
    /// Whether it took its whole quantity (to the solver's tolerance).
    pub full: bool,
}

/// The accumulator every technology reads back into.
pub struct Readback<'a> {
    pub values: &'a Values,
    /// Balance dual / (w·Δt) per node and step, CNY/MWh.
    pub prices: Option<&'a [Array1<f64>]>,
    pub wdt: &'a Array1<f64>,
    /// Δt per step, hours.
    pub duration_h: &'a Array1<f64>,
    pub node_names: &'a [String],
    /// Annualised capex + fixed O&M per unit of each capacity column.
    fixed_cost: HashMap<Col, f64>,
    pub series: Vec<Series>,
    pub capacities: Vec<CapacityRow>,
    /// Curtailment (spill) per node and step, MW.
    pub curtailed_mw: Vec<Array1<f64>>,
    /// Of the curtailment, hydro spill (run-of-river and reservoirs) per node and step, MW.
    pub hydro_spill_mw: Vec<Array1<f64>>,
    /// Available generation per node and step, MW.
    pub available_mw: Vec<Array1<f64>>,
    pub hydrogen: HydrogenTotals,
}

impl<'a> Readback<'a> {
    pub fn new(
        values: &'a Values,
        prices: Option<&'a [Array1<f64>]>,
        wdt: &'a Array1<f64>,
        duration_h: &'a Array1<f64>,
        node_names: &'a [String],
        fixed_cost: HashMap<Col, f64>,
    ) -> Readback<'a> {
        let zeros = vec![Array1::zeros(wdt.len()); node_names.len()];
        Readback {
            values,
            prices,
            wdt,
            duration_h,
            node_names,
            fixed_cost,
            series: Vec::new(),
            capacities: Vec::new(),
            curtailed_mw: zeros.clone(),
            hydro_spill_mw: zeros.clone(),
            available_mw: zeros,
            hydrogen: HydrogenTotals {
                power_cost_cny: Some(0.0),
                ..HydrogenTotals::default()
            },
        }
    }

    pub fn steps(&self) -> usize {
        self.wdt.len()
    }

    pub fn get(&self, c: Col) -> f64 {
        self.values.get(c)
    }

    /// Value of an optional column (absent = fixed at zero).
    pub fn opt(&self, c: Option<Col>) -> f64 {
        self.values.opt(c)
    }

    /// Values of a list of columns.
    pub fn all(&self, cols: &[Col]) -> Array1<f64> {
        cols.iter().map(|c| self.values.get(*c)).collect()
    }

    /// Values of a list of optional columns (absent = 0).
    pub fn all_opt(&self, cols: &[Option<Col>]) -> Array1<f64> {
        cols.iter().map(|c| self.values.opt(*c)).collect()
    }

    pub fn node_name(&self, n: usize) -> String {
        self.node_names[n].clone()
    }

    /// Annualised capex + fixed O&M of what a capacity column built, CNY.
    pub fn cap_cost(&self, c: Option<Col>) -> f64 {
        c.map_or(0.0, |c| {
            self.fixed_cost.get(&c).copied().unwrap_or(0.0) * self.values.get(c)
        })
    }

    pub fn push(&mut self, node: usize, component: String, category: Use, mw: Array1<f64>) {
        self.series.push(Series {
            node,
            component,
            category,
            mw,
        });
    }
}
