//! Electrolysers with hydrogen storage and sales.
//!
//! At each site (node n), with κ = kWh/kg ÷ 1000 (MWh per kg):
//! ```text
//! 0 ≤ K ≤ sites_max_mw                     electrolyser capacity, MW electric
//! 0 ≤ x_t ≤ K                              electricity drawn, MW  (balance[n,t] −= x_t)
//! 0 ≤ h_t ≤ H,  0 ≤ H ≤ storage_max_kg     hydrogen in store, kg
//! 0 ≤ y_t ≤ offtake_limit                  hydrogen sold, kg/h
//! h_t = h_{t−1} + Δt·x_t/κ − Δt·y_t        (cyclic)
//! objective += annuity(K) + annuity(H) + Σ w·Δt·(c_other·x_t/κ − π_H2·y_t)
//! ```
//! Without storage (`storage_max_kg = 0`) the store is dropped and `y_t = x_t/κ`, which saves
//! three columns and a row per step. A minimum stable load only while running needs binary
//! variables, so it is not modelled: an LP electrolyser may run at any load from 0 to K.

use super::lp::{Col, Sense};
use super::{Builder, CostPart};

#[derive(Debug, Clone)]
pub struct ElectrolyserVars {
    pub node: usize,
    pub capacity: Col,
    pub draw: Vec<Col>,
    pub storage_capacity: Option<Col>,
    pub storage_max_kg: f64,
    pub level: Vec<Col>,
    pub sales: Vec<Col>,
    pub max_mw: f64,
    /// Non-electric cost per MWh drawn (water, compression), CNY.
    pub other_cost_cny_per_mwh: f64,
}

pub fn build(b: &mut Builder) -> Vec<ElectrolyserVars> {
    let Some(e) = b.sc.options.electrolyser.as_ref().filter(|e| e.enabled) else {
        return Vec::new();
    };
    let price = b.sc.market.hydrogen_price_cny_per_kg;
    let kappa = e.kwh_per_kg / 1e3;
    let mut out = Vec::new();
    for (node_name, &max_mw) in &e.sites_max_mw {
        if max_mw <= 0.0 {
            continue;
        }
        let node = b.node(node_name);
        let capacity = b.lp.col(0.0, max_mw);
        b.capacity_cost(
            capacity,
            e.capex_cny_per_kw * 1e3,
            e.lifetime_years,
            e.capex_cny_per_kw * 1e3 * e.fom_fraction_per_year,
        );
        let storage_capacity = (e.storage_max_kg > 0.0).then(|| {
            let h = b.lp.col(0.0, e.storage_max_kg);
            b.capacity_cost(h, e.storage_capex_cny_per_kg, e.storage_lifetime_years, 0.0);
            h
        });
        let t_len = b.steps();
        let offtake_kg_per_h = e.offtake_limit_kg_per_h.unwrap_or(f64::INFINITY);
        let mut draw = Vec::with_capacity(t_len);
        let mut level = Vec::new();
        let mut sales = Vec::new();
        for t in 0..t_len {
            // Without storage, the offtake limit caps the draw directly.
            let x_max = if storage_capacity.is_none() {
                offtake_kg_per_h * kappa
            } else {
                f64::INFINITY
            };
            let x = b.lp.col(0.0, x_max);
            b.lp.row(&[(1.0, x), (-1.0, capacity)], Sense::Le, 0.0);
            b.inject(node, t, -1.0, x);
            let wdt = b.wdt[t];
            b.cost(
                CostPart::VariableCost,
                e.other_cost_cny_per_kg * wdt / kappa,
                x,
            );
            if storage_capacity.is_none() {
                b.cost(CostPart::HydrogenRevenue, -price * wdt / kappa, x);
            }
            draw.push(x);
        }
        if let Some(h_cap) = storage_capacity {
            level = (0..t_len).map(|_| b.lp.nonneg()).collect();
            sales = (0..t_len)
                .map(|_| b.lp.col(0.0, offtake_kg_per_h))
                .collect();
            for t in 0..t_len {
                let dt = b.inputs.axis.duration_h[t];
                b.lp.row(&[(1.0, level[t]), (-1.0, h_cap)], Sense::Le, 0.0);
                let prev = level[(t + t_len - 1) % t_len];
                let mut terms = vec![(1.0, level[t]), (-dt / kappa, draw[t]), (dt, sales[t])];
                if t_len > 1 {
                    terms.push((-1.0, prev));
                } else {
                    terms.remove(0);
                }
                b.lp.row(&terms, Sense::Eq, 0.0);
                b.cost(CostPart::HydrogenRevenue, -price * b.wdt[t], sales[t]);
            }
        }
        out.push(ElectrolyserVars {
            node,
            capacity,
            draw,
            storage_capacity,
            storage_max_kg: e.storage_max_kg,
            level,
            sales,
            max_mw,
            other_cost_cny_per_mwh: e.other_cost_cny_per_kg / kappa,
        });
    }
    out
}
