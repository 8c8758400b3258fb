//! Reading a solved model back into planner's quantities: dispatch by use, curtailment,
//! capacities, prices, hydrogen, the objective by part, and the balance check.

pub mod summary;
pub use summary as summary_info;
pub mod write;

pub use summary::Summary;

use crate::model::lp::Col;
use crate::model::{CostPart, Model};
use crate::scenario::{GeneratorKind, NodeKind};
use crate::solve::Solved;
use crate::status::Status;
use ndarray::Array1;
use std::collections::{BTreeMap, HashMap};

/// What a series in `dispatch.csv` is. Signs: supply into a node is positive.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Use {
    Generation(GeneratorKind),
    /// Net injection from lines into the node (losses already taken off).
    LineNet,
    Import,
    Unserved,
    LocalDemand,
    Export,
    Hydrogen,
    DataCentre,
    Industry(String),
}

impl Use {
    pub fn name(&self) -> String {
        match self {
            Use::Generation(k) => k.name().to_string(),
            Use::LineNet => "line_net".into(),
            Use::Import => "import".into(),
            Use::Unserved => "unserved".into(),
            Use::LocalDemand => "local_demand".into(),
            Use::Export => "export".into(),
            Use::Hydrogen => "hydrogen".into(),
            Use::DataCentre => "data_centre".into(),
            Use::Industry(p) => format!("industry.{p}"),
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
    /// Largest |Σ injections − demand| over all balance rows, MW.
    pub balance_max_residual_mw: f64,
    pub lp_columns: usize,
    pub lp_rows: usize,
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
        let mask: Array1<f64> = self
            .months
            .iter()
            .map(|m| f64::from(months.is_none_or(|ms| ms.contains(m))))
            .collect();
        self.curtailed_mw
            .iter()
            .map(|c| self.twh(&(c * &mask)))
            .sum()
    }

    pub fn objective_cny(&self) -> f64 {
        self.costs.values().sum()
    }
}

/// Read the solution back. `duals` are per LP row as the solver gave them.
pub fn extract(model: &Model, solved: &Solved, scenario: &str, flood_months: &[u32]) -> Results {
    let v = &solved.values;
    let t_len = model.axis.len();
    let n_nodes = model.nodes.len();
    let mut series = Vec::new();
    let mut curtailed_mw = vec![Array1::zeros(t_len); n_nodes];
    let mut available_mw = vec![Array1::zeros(t_len); n_nodes];
    let mut capacities = Vec::new();
    let fixed_cost = fixed_cost_per_unit(model);
    let node_name = |n: usize| model.nodes[n].name.clone();
    let col_value = |c: Option<Col>| v.opt(c);
    let cap_cost = |c: Option<Col>| {
        c.map_or(0.0, |c| {
            fixed_cost.get(&c).copied().unwrap_or(0.0) * v.get(c)
        })
    };

    for g in &model.generators {
        let p: Array1<f64> = g.output.iter().map(|c| v.opt(*c)).collect();
        let total_mw = g.capacity_mw + col_value(g.new_capacity);
        let (available, curtailed): (Array1<f64>, Array1<f64>) =
            if g.kind == GeneratorKind::Reservoir {
                let inflow = &g.profile_pu * g.capacity_mw;
                let spill = (0..t_len)
                    .map(|t| {
                        let prev = g.level[(t + t_len - 1) % t_len];
                        let de = v.get(g.level[t]) - v.get(prev);
                        (inflow[t] - p[t] - de / model.axis.duration_h[t]).max(0.0)
                    })
                    .collect();
                (inflow, spill)
            } else {
                let a = g.profile_pu.mapv(|x| x.max(0.0)) * total_mw;
                let c = (&a - &p).mapv(|x| x.max(0.0));
                (a, c)
            };
        available_mw[g.node] += &available;
        curtailed_mw[g.node] += &curtailed;
        series.push(Series {
            node: g.node,
            component: g.name.clone(),
            category: Use::Generation(g.kind),
            mw: p,
        });
        capacities.push(CapacityRow {
            component: format!("generator.{}", g.name),
            option: g.kind.name().into(),
            node: node_name(g.node),
            unit: "MW",
            existing: g.capacity_mw,
            built: col_value(g.new_capacity),
            max_new: g.new_capacity_max_mw,
            annual_cost_cny: cap_cost(g.new_capacity),
        });
    }
    for l in &model.lines {
        let fwd: Array1<f64> = l.forward.iter().map(|c| v.get(*c)).collect();
        let (at_from, at_to) = match &l.backward {
            None => (-&fwd, fwd.clone()),
            Some(bwd) => {
                let bwd: Array1<f64> = bwd.iter().map(|c| v.get(*c)).collect();
                (&bwd * l.efficiency - &fwd, &fwd * l.efficiency - &bwd)
            }
        };
        for (node, mw) in [(l.from, at_from), (l.to, at_to)] {
            series.push(Series {
                node,
                component: format!("line.{}", l.name),
                category: Use::LineNet,
                mw,
            });
        }
        capacities.push(CapacityRow {
            component: format!("line.{}", l.name),
            option: "transmission".into(),
            node: format!("{}-{}", node_name(l.from), node_name(l.to)),
            unit: "MW",
            existing: l.capacity_mw,
            built: col_value(l.new_capacity),
            max_new: l.new_capacity_max_mw,
            annual_cost_cny: cap_cost(l.new_capacity),
        });
    }
    let prices = solved.duals.as_ref().map(|duals| {
        model
            .balance_rows
            .iter()
            .map(|rows| {
                rows.iter()
                    .enumerate()
                    .map(|(t, r)| r.map_or(f64::NAN, |r| duals[r] / model.wdt[t]))
                    .collect::<Array1<f64>>()
            })
            .collect::<Vec<_>>()
    });

    let (mut h2_kg, mut h2_mwh, mut h2_cap, mut h2_fixed, mut h2_other) = (0.0, 0.0, 0.0, 0.0, 0.0);
    let mut h2_power = Some(0.0);
    let kappa = model.hydrogen_kwh_per_kg / 1e3;
    for e in &model.electrolysers {
        let x: Array1<f64> = e.draw.iter().map(|c| v.get(*c)).collect();
        let mwh = (&x * &model.wdt).sum();
        h2_mwh += mwh;
        h2_other += mwh * e.other_cost_cny_per_mwh;
        h2_kg += mwh / kappa;
        let k = v.get(e.capacity);
        h2_cap += k;
        h2_fixed += cap_cost(Some(e.capacity)) + cap_cost(e.storage_capacity);
        h2_power = match (h2_power, &prices) {
            (Some(acc), Some(p)) => Some(acc + (&x * &model.wdt * &p[e.node]).sum()),
            _ => None,
        };
        capacities.push(CapacityRow {
            component: "electrolyser".into(),
            option: "electrolyser".into(),
            node: node_name(e.node),
            unit: "MW",
            existing: 0.0,
            built: k,
            max_new: e.max_mw,
            annual_cost_cny: cap_cost(Some(e.capacity)),
        });
        if let Some(h) = e.storage_capacity {
            capacities.push(CapacityRow {
                component: "hydrogen_storage".into(),
                option: "hydrogen_storage".into(),
                node: node_name(e.node),
                unit: "kg",
                existing: 0.0,
                built: v.get(h),
                max_new: e.storage_max_kg,
                annual_cost_cny: cap_cost(Some(h)),
            });
        }
        series.push(Series {
            node: e.node,
            component: "electrolyser".into(),
            category: Use::Hydrogen,
            mw: -x,
        });
    }
    for d in &model.data_centres {
        let k = v.get(d.capacity);
        series.push(Series {
            node: d.node,
            component: "data_centre".into(),
            category: Use::DataCentre,
            mw: Array1::from_elem(t_len, -k * d.pue),
        });
        capacities.push(CapacityRow {
            component: "data_centre".into(),
            option: "data_centre".into(),
            node: node_name(d.node),
            unit: "MW IT",
            existing: 0.0,
            built: k,
            max_new: d.max_mw,
            annual_cost_cny: cap_cost(Some(d.capacity)),
        });
    }
    for i in &model.industry {
        let u: Array1<f64> = i.draw.iter().map(|c| v.opt(*c)).collect();
        series.push(Series {
            node: i.node,
            component: format!("industry.{}", i.product),
            category: Use::Industry(i.product.clone()),
            mw: -u,
        });
        capacities.push(CapacityRow {
            component: format!("industry.{}", i.product),
            option: format!("industry.{}", i.product),
            node: node_name(i.node),
            unit: "MW",
            existing: i.existing_mw,
            built: col_value(i.new_capacity),
            max_new: i.max_new_mw,
            annual_cost_cny: cap_cost(i.new_capacity),
        });
    }
    if let Some(m) = &model.market {
        let q: Array1<f64> = m.export.iter().map(|c| v.get(*c)).collect();
        let b: Array1<f64> = m.import.iter().map(|c| v.get(*c)).collect();
        for (cat, mw) in [(Use::Export, -q), (Use::Import, b)] {
            series.push(Series {
                node: m.node,
                component: "market".into(),
                category: cat,
                mw,
            });
        }
    }
    for (n, node) in model.nodes.iter().enumerate() {
        if node.demand_mw.iter().any(|d| *d != 0.0) {
            series.push(Series {
                node: n,
                component: "demand".into(),
                category: Use::LocalDemand,
                mw: -&node.demand_mw,
            });
        }
        if model.unserved[n].iter().any(Option::is_some) {
            series.push(Series {
                node: n,
                component: "unserved".into(),
                category: Use::Unserved,
                mw: model.unserved[n].iter().map(|c| v.opt(*c)).collect(),
            });
        }
    }

    // The balance check: every node and step must close.
    let mut residual = vec![Array1::<f64>::zeros(t_len); n_nodes];
    for s in &series {
        residual[s.node] += &s.mw;
    }
    let balance_max_residual_mw = residual
        .iter()
        .flat_map(|r| r.iter())
        .fold(0.0f64, |m, x| m.max(x.abs()));

    let mut costs: BTreeMap<CostPart, f64> = model.cost_constants.clone();
    for &(part, coef, c) in &model.cost_terms {
        *costs.entry(part).or_default() += coef * v.get(c);
    }
    Results {
        scenario: scenario.to_string(),
        status: solved.status,
        node_names: model.nodes.iter().map(|n| n.name.clone()).collect(),
        node_kinds: model.nodes.iter().map(|n| n.kind).collect(),
        labels: model.axis.label.clone(),
        months: model.axis.month.clone(),
        flood_months: flood_months.to_vec(),
        wdt: model.wdt.clone(),
        series,
        curtailed_mw,
        available_mw,
        prices,
        capacities,
        costs,
        hydrogen_kg: h2_kg,
        electrolyser_mwh: h2_mwh,
        electrolyser_capacity_mw: h2_cap,
        electrolyser_power_cost_cny: h2_power,
        electrolyser_fixed_cost_cny: h2_fixed,
        electrolyser_other_cost_cny: h2_other,
        balance_max_residual_mw,
        lp_columns: model.lp_columns,
        lp_rows: model.lp_rows,
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
    /// Signed energy of every series in a category, TWh.
    pub fn energy_twh_signed(&self, pred: impl Fn(&Use) -> bool) -> f64 {
        self.series
            .iter()
            .filter(|s| pred(&s.category))
            .map(|s| self.twh(&s.mw))
            .sum()
    }
}
