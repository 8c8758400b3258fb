//! Trade with the outside grid (Sichuan at Chengdu).
//!
//! At the market node m, export sales `q_t` and imports `b_t` (MW):
//! ```text
//! 0 ≤ q_t ≤ export_limit,  0 ≤ b_t ≤ import_limit;   balance[m,t] += b_t − q_t
//! objective += Σ_t w·Δt·(π_imp,t·b_t − π_exp,t·q_t)
//! ```
//! Validation refuses import prices below export prices in any step (with no limits, that is
//! an unbounded arbitrage; with limits, a money pump that says nothing about Aba).

use super::lp::Col;
use super::{Builder, CostPart};
use ndarray::Array1;

#[derive(Debug, Clone)]
pub struct MarketVars {
    pub node: usize,
    pub export: Vec<Col>,
    pub import: Vec<Col>,
    pub export_price: Array1<f64>,
    pub import_price: Array1<f64>,
}

pub fn build(b: &mut Builder) -> Option<MarketVars> {
    let m = &b.sc.market;
    let node = b.node(m.node.as_ref()?);
    let flood = &b.sc.time.flood_season_months;
    let export_price = b.inputs.tariff(&m.export_price_cny_per_mwh, flood);
    let import_price = b.inputs.tariff(&m.import_price_cny_per_mwh, flood);
    let (q_max, b_max) = (
        m.export_limit_mw.unwrap_or(f64::INFINITY),
        m.import_limit_mw.unwrap_or(f64::INFINITY),
    );
    let mut export = Vec::with_capacity(b.steps());
    let mut import = Vec::with_capacity(b.steps());
    for t in 0..b.steps() {
        let q = b.lp.col(0.0, q_max);
        let i = b.lp.col(0.0, b_max);
        b.inject(node, t, -1.0, q);
        b.inject(node, t, 1.0, i);
        let wdt = b.wdt[t];
        b.cost(CostPart::ExportRevenue, -export_price[t] * wdt, q);
        b.cost(CostPart::ImportCost, import_price[t] * wdt, i);
        export.push(q);
        import.push(i);
    }
    Some(MarketVars {
        node,
        export,
        import,
        export_price,
        import_price,
    })
}
