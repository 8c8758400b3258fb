//! Each option's own yearly cash flows, read from the solved LP: what it sells, the
//! electricity it takes or gives valued at its nodal price (the balance duals), and its costs;
//! with its investment up front. `results::decision` turns them into NPV, IRR and payback;
//! docs/model.md ("Investment and returns") states the method.
//!
//! Every technology entry's cost terms and capital columns are known by index range
//! (`model::Owner`), so this reads the same for any technology in `tech::instances`.

use super::readback::{CapacityRow, Series};
use crate::model::builder::HOURS_PER_YEAR;
use crate::model::lp::Values;
use crate::model::{CostPart, Model, Owner};
use ndarray::Array1;
use serde::Serialize;
use std::collections::BTreeMap;

/// One option's investment and yearly cash flows (CNY per year: horizon totals ÷ the
/// horizon's share of a year).
#[derive(Debug, Clone, Serialize)]
pub struct CashFlows {
    /// Overnight cost of what was built (MW, MWh and kg columns), CNY.
    pub investment_cny: f64,
    /// Lifetime of its largest capital item, years.
    pub lifetime_years: f64,
    /// Sales: hydrogen, data-centre revenue, industry margin.
    pub revenue_cny_per_year: f64,
    /// Electricity given (+) or taken (−) at the nodal price; for a line, the congestion rent.
    /// None when the solver gave no duals.
    pub electricity_cny_per_year: Option<f64>,
    /// Fixed O&M and variable costs (water, compression, transport, generation O&M).
    pub cost_cny_per_year: f64,
    /// revenue + electricity − cost, on the new capacity's share (see `new_share`).
    pub net_cny_per_year: Option<f64>,
    /// New capacity ÷ (existing + committed + new): an expanded asset's operating cash flow is
    /// shared in proportion to its capacity; 1 for a pure candidate.
    pub new_share: f64,
}

/// Parts that are sales (negative costs) of an option.
const REVENUE: [CostPart; 4] = [
    CostPart::HydrogenRevenue,
    CostPart::DataCentreRevenue,
    CostPart::IndustryMargin,
    CostPart::ExportRevenue,
];
/// Parts that scale with output (shared with existing capacity by `new_share`).
const VARIABLE: [CostPart; 2] = [CostPart::VariableCost, CostPart::ImportCost];

/// Cash flows of every key of `capacity_built_mw`. Curtailment penalty, tie-breaks, dispatch
/// priority and unserved energy are steering terms of the LP, not money: they are left out.
pub fn cash_flows(
    model: &Model,
    values: &Values,
    prices: Option<&[Array1<f64>]>,
    series: &[Series],
    capacities: &[CapacityRow],
) -> BTreeMap<String, CashFlows> {
    let year_fraction = model.wdt.sum() / HOURS_PER_YEAR;
    model
        .owners
        .iter()
        .filter_map(|o| {
            let key = o.keys.first()?;
            let f = one(model, o, key, values, prices, series, capacities);
            Some((key.clone(), f.per_year(year_fraction)))
        })
        .collect()
}

/// Horizon totals of one owner before they are made yearly.
struct Totals {
    investment_cny: f64,
    lifetime_years: f64,
    revenue_cny: f64,
    variable_cny: f64,
    fixed_cny: f64,
    electricity_cny: Option<f64>,
    new_share: f64,
}

impl Totals {
    fn per_year(&self, year_fraction: f64) -> CashFlows {
        let y = |x: f64| x / year_fraction;
        let s = self.new_share;
        let net = (self.electricity_cny)
            .map(|e| y(s * (self.revenue_cny + e - self.variable_cny) - self.fixed_cny));
        CashFlows {
            investment_cny: self.investment_cny,
            lifetime_years: self.lifetime_years,
            revenue_cny_per_year: y(s * self.revenue_cny),
            electricity_cny_per_year: self.electricity_cny.map(|e| y(s * e)),
            cost_cny_per_year: y(s * self.variable_cny + self.fixed_cny),
            net_cny_per_year: net,
            new_share: s,
        }
    }
}

fn one(
    model: &Model,
    o: &Owner,
    key: &str,
    values: &Values,
    prices: Option<&[Array1<f64>]>,
    series: &[Series],
    capacities: &[CapacityRow],
) -> Totals {
    let mut t = Totals {
        investment_cny: 0.0,
        lifetime_years: 0.0,
        revenue_cny: 0.0,
        variable_cny: 0.0,
        fixed_cny: 0.0,
        electricity_cny: None,
        new_share: new_share(key, capacities),
    };
    let mut largest = f64::NEG_INFINITY;
    for k in &model.capital[o.capital.clone()] {
        let cny = k.capex_cny_per_unit * values.get(k.col).max(0.0);
        t.investment_cny += cny;
        if cny > largest {
            (largest, t.lifetime_years) = (cny, k.lifetime_years);
        }
    }
    for &(part, coef, c) in &model.cost_terms[o.cost_terms.clone()] {
        let cny = coef * values.get(c);
        if REVENUE.contains(&part) {
            t.revenue_cny -= cny;
        } else if VARIABLE.contains(&part) {
            t.variable_cny += cny;
        } else if part == CostPart::FixedOm {
            t.fixed_cny += cny;
        }
    }
    t.electricity_cny = prices.map(|p| {
        (series.iter().filter(|s| s.component == key))
            .map(|s| {
                (s.mw.iter().zip(p[s.node].iter()).zip(model.wdt.iter()))
                    .filter(|((_, price), _)| price.is_finite())
                    .map(|((mw, price), w)| mw * price * w)
                    .sum::<f64>()
            })
            .sum()
    });
    t
}

/// New ÷ total capacity of a key, over its MW rows (grouped as `capacity_built_mw` groups
/// them: one asset for lines, generators and stores, every site for an option).
fn new_share(key: &str, capacities: &[CapacityRow]) -> f64 {
    let single = ["line.", "generator.", "storage."]
        .iter()
        .any(|p| key.starts_with(p));
    let (built, total) = capacities
        .iter()
        .filter(|c| matches!(c.unit, "MW" | "MW IT"))
        .filter(|c| {
            if single {
                c.component == key
            } else {
                c.option == key
            }
        })
        .fold((0.0, 0.0), |(b, t), c| {
            (b + c.built, t + c.built + c.existing)
        });
    if total > 0.0 {
        (built / total).clamp(0.0, 1.0)
    } else {
        1.0
    }
}
