//! Reading a solved model back into planner's quantities: dispatch by use, curtailment,
//! capacities, prices, hydrogen, the objective by part, and the balance check.

pub mod decision;
pub mod readback;
pub mod returns;
pub mod summary;
pub mod uses;
pub use summary as summary_info;
pub mod write;

pub use readback::{CapacityRow, Series, Use};
pub use summary::Summary;

use crate::model::lp::Col;
use crate::model::{CostPart, Model};
use crate::scenario::NodeKind;
use crate::solve::Solved;
use crate::status::Status;
use ndarray::Array1;
use readback::Readback;
use std::collections::{BTreeMap, HashMap};

/// Everything written and printed after a run.
pub struct Results {
    pub scenario: String,
    pub status: Status,
    pub node_names: Vec<String>,
    pub node_kinds: Vec<NodeKind>,
    pub labels: Vec<String>,
    pub months: Vec<u32>,
    pub flood_months: Vec<u32>,
    pub wdt: Array1<f64>,
    pub series: Vec<Series>,
    /// Curtailment (spill) per node and step, MW.
    pub curtailed_mw: Vec<Array1<f64>>,
    /// Of it, hydro spill per node and step, MW (the rest is solar and wind curtailment).
    pub hydro_spill_mw: Vec<Array1<f64>>,
    /// Committed capacity by asset, MW.
    pub committed: Vec<(String, f64)>,
    /// Available generation per node and step, MW.
    pub available_mw: Vec<Array1<f64>>,
    /// Balance dual / (w·Δt) per node and step, CNY/MWh (NaN where the row is absent).
    pub prices: Option<Vec<Array1<f64>>>,
    pub capacities: Vec<CapacityRow>,
    pub costs: BTreeMap<CostPart, f64>,
    pub hydrogen_kg: f64,
    pub electrolyser_mwh: f64,
    pub electrolyser_capacity_mw: f64,
    /// Electricity valued at the nodal price, for the levelised cost of hydrogen.
    pub electrolyser_power_cost_cny: Option<f64>,
    pub electrolyser_fixed_cost_cny: f64,
    pub electrolyser_other_cost_cny: f64,
    /// Hydrogen sold to each demand block (empty without blocks).
    pub hydrogen_blocks: Vec<readback::BlockSale>,
    /// Largest |Σ injections − demand| over all balance rows, MW.
    pub balance_max_residual_mw: f64,
    pub lp_columns: usize,
    pub lp_rows: usize,
    /// Each option's investment and yearly cash flows, per key of `capacity_built_mw`.
    pub options: BTreeMap<String, returns::CashFlows>,
    /// `finance.discount_rate`, for the options' NPV.
    pub discount_rate: f64,
}

impl Results {
    /// Σ w·Δt·mw in TWh.
    pub fn twh(&self, mw: &Array1<f64>) -> f64 {
        (mw * &self.wdt).sum() / 1e6
    }

    /// Energy of every series in a category (absolute value), TWh.
    pub fn energy_twh(&self, pred: impl Fn(&Use) -> bool) -> f64 {
        self.series
            .iter()
            .filter(|s| pred(&s.category))
            .map(|s| self.twh(&s.mw).abs())
            .sum()
    }

    pub fn curtailed_twh(&self, months: Option<&[u32]>) -> f64 {
        self.months_twh(&self.curtailed_mw, months)
    }

    /// Hydro spill over the horizon or the given months, TWh.
    pub fn hydro_spill_twh(&self, months: Option<&[u32]>) -> f64 {
        self.months_twh(&self.hydro_spill_mw, months)
    }

    /// Σ over nodes of a per-node series, over the steps in `months` (None: all), TWh.
    fn months_twh(&self, per_node: &[Array1<f64>], months: Option<&[u32]>) -> f64 {
        let mask: Array1<f64> = self
            .months
            .iter()
            .map(|m| f64::from(months.is_none_or(|ms| ms.contains(m))))
            .collect();
        per_node.iter().map(|c| self.twh(&(c * &mask))).sum()
    }

    pub fn objective_cny(&self) -> f64 {
        self.costs.values().sum()
    }
}

/// Read the solution back. `duals` are per LP row as the solver gave them.
pub fn extract(model: &Model, solved: &Solved, scenario: &str, flood_months: &[u32]) -> Results {
    let v = &solved.values;
    let node_names: Vec<String> = model.nodes.iter().map(|n| n.name.clone()).collect();
    let prices = solved
        .duals
        .as_ref()
        .map(|duals| nodal_prices(model, duals));
    let mut r = Readback::new(
        v,
        prices.as_deref(),
        &model.wdt,
        &model.axis.duration_h,
        &node_names,
        fixed_cost_per_unit(model),
    );
    for built in &model.built {
        built.read_back(&mut r);
    }
    read_nodes(model, &mut r);
    let Readback {
        series,
        capacities,
        curtailed_mw,
        hydro_spill_mw,
        available_mw,
        hydrogen,
        ..
    } = r;

    // The balance check: every node and step must close.
    let mut residual = vec![Array1::<f64>::zeros(model.wdt.len()); model.nodes.len()];
    for s in &series {
        residual[s.node] += &s.mw;
    }
    let balance_max_residual_mw = residual
        .iter()
        .flat_map(|r| r.iter())
        .fold(0.0f64, |m, x| m.max(x.abs()));

    let options = returns::cash_flows(model, v, prices.as_deref(), &series, &capacities);
    let mut costs: BTreeMap<CostPart, f64> = model.cost_constants.clone();
    for &(part, coef, c) in &model.cost_terms {
        *costs.entry(part).or_default() += coef * v.get(c);
    }
    Results {
        scenario: scenario.to_string(),
        status: solved.status,
        node_names,
        node_kinds: model.nodes.iter().map(|n| n.kind).collect(),
        labels: model.axis.label.clone(),
        months: model.axis.month.clone(),
        flood_months: flood_months.to_vec(),
        wdt: model.wdt.clone(),
        series,
        curtailed_mw,
        hydro_spill_mw,
        committed: model.committed.clone(),
        available_mw,
        prices,
        capacities,
        costs,
        hydrogen_kg: hydrogen.kg,
        electrolyser_mwh: hydrogen.mwh,
        electrolyser_capacity_mw: hydrogen.capacity_mw,
        electrolyser_power_cost_cny: hydrogen.power_cost_cny,
        electrolyser_fixed_cost_cny: hydrogen.fixed_cost_cny,
        electrolyser_other_cost_cny: hydrogen.other_cost_cny,
        hydrogen_blocks: hydrogen.blocks,
        balance_max_residual_mw,
        lp_columns: model.lp_columns,
        lp_rows: model.lp_rows,
        options,
        discount_rate: model.discount_rate,
    }
}

/// Balance dual / (w·Δt) per node and step, CNY/MWh (NaN where the row is absent).
fn nodal_prices(model: &Model, duals: &[f64]) -> Vec<Array1<f64>> {
    model
        .balance_rows
        .iter()
        .map(|rows| {
            rows.iter()
                .enumerate()
                .map(|(t, r)| r.map_or(f64::NAN, |r| duals[r] / model.wdt[t]))
                .collect::<Array1<f64>>()
        })
        .collect()
}

/// Each node's own series: its local demand and its unserved energy.
fn read_nodes(model: &Model, r: &mut Readback) {
    for (n, node) in model.nodes.iter().enumerate() {
        if node.demand_mw.iter().any(|d| *d != 0.0) {
            r.push(n, "demand".into(), Use::LocalDemand, -&node.demand_mw);
        }
        if model.unserved[n].iter().any(Option::is_some) {
            let z = r.all_opt(&model.unserved[n]);
            r.push(n, "unserved".into(), Use::Unserved, z);
        }
    }
}

/// The annualised capex + fixed O&M per unit of each capacity column.
fn fixed_cost_per_unit(model: &Model) -> HashMap<Col, f64> {
    let mut m = HashMap::new();
    for &(part, coef, c) in &model.cost_terms {
        if matches!(part, CostPart::Capex | CostPart::FixedOm) {
            *m.entry(c).or_default() += coef;
        }
    }
    m
}

impl Results {
    /// Σ w·Δt·mw over the steps where `mask` is 1 (None: all steps), TWh.
    fn twh_masked(&self, mw: &Array1<f64>, mask: Option<&[f64]>) -> f64 {
        match mask {
            None => self.twh(mw),
            Some(mask) => {
                mw.iter()
                    .zip(mask)
                    .zip(self.wdt.iter())
                    .map(|((x, m), h)| x * m * h)
                    .sum::<f64>()
                    / 1e6
            }
        }
    }

    /// Energy of series in a category over the masked steps, TWh: each series' absolute
    /// value (a use is negative in the balance), or signed.
    fn series_twh(&self, pred: impl Fn(&Use) -> bool, mask: Option<&[f64]>, abs: bool) -> f64 {
        self.series
            .iter()
            .filter(|s| pred(&s.category))
            .map(|s| {
                let e = self.twh_masked(&s.mw, mask);
                if abs {
                    e.abs()
                } else {
                    e
                }
            })
            .sum()
    }

    /// The energy of one use of the table of uses (`uses::TABLE`) over the masked steps (None:
    /// the whole horizon), TWh; `None` when the key is not a use this run can have. The one
    /// definition summary.json and the monthly CSV share.
    pub fn use_twh(&self, key: &str, mask: Option<&[f64]>) -> Option<f64> {
        let total = |per_node: &[Array1<f64>]| -> f64 {
            per_node.iter().map(|a| self.twh_masked(a, mask)).sum()
        };
        let has_storage = self.series.iter().any(|s| s.category == Use::Storage);
        Some(match key {
            "available" => total(&self.available_mw),
            "generation" => self.series_twh(|u| matches!(u, Use::Generation(_)), mask, true),
            "local_demand" => self.series_twh(|u| *u == Use::LocalDemand, mask, true),
            "export" => self.series_twh(|u| *u == Use::Export, mask, true),
            "import" => self.series_twh(|u| *u == Use::Import, mask, true),
            // Over the horizon, from the electrolysers' own total (as summary.json always had
            // it); by month, from the series. The two agree to rounding.
            "hydrogen" if mask.is_none() => self.electrolyser_mwh / 1e6,
            "hydrogen" => self.series_twh(|u| *u == Use::Hydrogen, mask, true),
            "data_centre" => self.series_twh(|u| *u == Use::DataCentre, mask, true),
            "industry" => self.series_twh(|u| matches!(u, Use::Industry(_)), mask, true),
            "curtailed" => total(&self.curtailed_mw),
            "hydro_spill" => total(&self.hydro_spill_mw),
            "solar_wind_curtailed" => {
                (total(&self.curtailed_mw) - total(&self.hydro_spill_mw)).max(0.0)
            }
            "unserved" => self.series_twh(|u| *u == Use::Unserved, mask, true),
            "line_losses" => -self.series_twh(|u| *u == Use::LineNet, mask, false),
            "storage_losses" if has_storage => {
                -self.series_twh(|u| *u == Use::Storage, mask, false)
            }
            _ => return None,
        })
    }

    /// Signed energy of every series in a category, TWh.
    pub fn energy_twh_signed(&self, pred: impl Fn(&Use) -> bool) -> f64 {
        self.series
            .iter()
            .filter(|s| pred(&s.category))
            .map(|s| self.twh(&s.mw))
            .sum()
    }
}
