//! Trade with the outside grid (Sichuan at Chengdu).
//!
//! At the market node m, export sales `q_t` and imports `b_t` (MW):
//! ```text
//! 0 ≤ q_t ≤ export_limit,  0 ≤ b_t ≤ import_limit;   balance[m,t] += b_t − q_t
//! objective += Σ_t w·Δt·(π_imp,t·b_t − π_exp,t·q_t)
//! ```
//! Validation refuses import prices below export prices in any step (with no limits, that is
//! an unbounded arbitrage; with limits, a money pump that says nothing about Aba).

use super::check::{Checker, IMPLAUSIBLE};
use super::hydrogen_market::{self, HydrogenBlock, HydrogenTransport};
use super::technology::{Built, Context, Technology};
use crate::model::builder::{Builder, CostPart};
use crate::model::lp::{Col, Index};
use crate::results::readback::{Readback, Use};
use crate::scenario::values::{NodeKind, SeriesRef, Tariff};
use ndarray::Array1;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Prices and limits of trade with the outside grid and of hydrogen sales.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Market {
    /// The outside node where export is sold and import bought.
    #[serde(default)]
    pub node: Option<String>,
    #[serde(default = "zero_tariff")]
    pub export_price_cny_per_mwh: Tariff,
    #[serde(default = "zero_tariff")]
    pub import_price_cny_per_mwh: Tariff,
    /// Most the outside grid takes, MW (absent = no limit but the lines).
    #[serde(default)]
    pub export_limit_mw: Option<f64>,
    #[serde(default)]
    pub import_limit_mw: Option<f64>,
    /// Hydrogen price at the plant gate, CNY per kg (read by the electrolyser): an unlimited
    /// buyer beside the blocks. With blocks and this price 0, hydrogen sells only to blocks.
    #[serde(default)]
    pub hydrogen_price_cny_per_kg: f64,
    /// Hydrogen demand blocks by name (a delivery point's price and yearly quantity).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub hydrogen_blocks: BTreeMap<String, HydrogenBlock>,
    /// Cost of carrying hydrogen from a site to a block.
    #[serde(default, skip_serializing_if = "HydrogenTransport::is_zero")]
    pub hydrogen_transport: HydrogenTransport,
}

fn zero_tariff() -> Tariff {
    Tariff::Flat(0.0)
}

impl Default for Market {
    fn default() -> Self {
        Self {
            node: None,
            export_price_cny_per_mwh: zero_tariff(),
            import_price_cny_per_mwh: zero_tariff(),
            export_limit_mw: None,
            import_limit_mw: None,
            hydrogen_price_cny_per_kg: 0.0,
            hydrogen_blocks: BTreeMap::new(),
            hydrogen_transport: HydrogenTransport::default(),
        }
    }
}

impl Market {
    fn tariffs(&self) -> [(&'static str, &Tariff); 2] {
        [
            ("export_price_cny_per_mwh", &self.export_price_cny_per_mwh),
            ("import_price_cny_per_mwh", &self.import_price_cny_per_mwh),
        ]
    }

    /// Prices finite and plausible, import never below export.
    fn check_prices(&self, p: &str, c: &mut Checker) {
        let (Some(exp), Some(imp)) = (
            c.tariff(&self.export_price_cny_per_mwh),
            c.tariff(&self.import_price_cny_per_mwh),
        ) else {
            return;
        };
        for ((key, _), values) in self.tariffs().into_iter().zip([&exp, &imp]) {
            // Prices may be negative, but not infinite, NaN or absurd.
            if let Some(v) = values
                .iter()
                .find(|v| !v.is_finite() || v.abs() > IMPLAUSIBLE)
            {
                c.bad(
                    format!("{p}.{key}"),
                    format!("must be finite and at most {IMPLAUSIBLE:e} in size (got {v:e})"),
                );
            }
        }
        if let Some(t) = (0..exp.len()).find(|&t| imp[t] < exp[t]) {
            let label = c.step_label(t);
            c.bad(
                format!("{p}.import_price_cny_per_mwh"),
                format!(
                    "below the export price at step {t} ({label}: import {} < export {}); buying to resell is a money pump",
                    imp[t], exp[t]
                ),
            );
        }
    }
}

impl Technology for Market {
    fn series(&self, p: &str) -> Vec<(String, SeriesRef)> {
        self.tariffs()
            .into_iter()
            .filter_map(|(key, t)| match t {
                Tariff::Series { series } => Some((format!("{p}.{key}"), series.clone())),
                _ => None,
            })
            .collect()
    }

    fn check(&self, p: &str, c: &mut Checker) {
        match &self.node {
            Some(n) => match c.node_kind(n) {
                None => {
                    let msg = c.unknown_node(n);
                    c.bad(format!("{p}.node"), msg);
                }
                Some(NodeKind::Region) => c.bad(
                    format!("{p}.node"),
                    format!("`{n}` is a region; the market sits at an `outside` node"),
                ),
                Some(NodeKind::Outside) => {}
            },
            None if c.has_outside_node() => c.bad(
                format!("{p}.node"),
                "the scenario has an outside node but no `market.node`: name where export is sold",
            ),
            None => {}
        }
        for (key, v) in [
            ("export_limit_mw", self.export_limit_mw),
            ("import_limit_mw", self.import_limit_mw),
        ] {
            if let Some(v) = v {
                c.nonneg(&format!("{p}.{key}"), v);
            }
        }
        c.nonneg(
            &format!("{p}.hydrogen_price_cny_per_kg"),
            self.hydrogen_price_cny_per_kg,
        );
        hydrogen_market::check(p, &self.hydrogen_blocks, &self.hydrogen_transport, c);
        for (key, t) in self.tariffs() {
            if let Tariff::Monthly { monthly } = t {
                if monthly.len() != 12 {
                    c.bad(
                        format!("{p}.{key}"),
                        format!("`monthly` needs 12 values (got {})", monthly.len()),
                    );
                }
            }
        }
        if self.node.is_some() {
            self.check_prices(p, c);
        }
    }

    fn capacity_keys(&self, _name: &str) -> Vec<String> {
        Vec::new()
    }

    fn build(&self, _name: &str, b: &mut Builder, ctx: &Context) -> Option<Box<dyn Built>> {
        let node = b.node(self.node.as_ref()?);
        let flood = &ctx.flood_season_months;
        let export_price = b.tariff(&self.export_price_cny_per_mwh, flood);
        let import_price = b.tariff(&self.import_price_cny_per_mwh, flood);
        let (q_max, b_max) = (
            self.export_limit_mw.unwrap_or(f64::INFINITY),
            self.import_limit_mw.unwrap_or(f64::INFINITY),
        );
        let mut export = Vec::with_capacity(b.steps());
        let mut import = Vec::with_capacity(b.steps());
        let (q_f, i_f) = (
            b.lp.family("export", "", Index::Time),
            b.lp.family("import", "", Index::Time),
        );
        for t in 0..b.steps() {
            let q = b.lp.col_in(q_f, 0.0, q_max);
            let i = b.lp.col_in(i_f, 0.0, b_max);
            b.inject(node, t, -1.0, q);
            b.inject(node, t, 1.0, i);
            let wdt = b.wdt[t];
            b.cost(CostPart::ExportRevenue, -export_price[t] * wdt, q);
            b.cost(CostPart::ImportCost, import_price[t] * wdt, i);
            export.push(q);
            import.push(i);
        }
        Some(Box::new(MarketVars {
            node,
            export,
            import,
        }))
    }
}

#[derive(Debug, Clone)]
struct MarketVars {
    node: usize,
    export: Vec<Col>,
    import: Vec<Col>,
}

impl Built for MarketVars {
    fn read_back(&self, r: &mut Readback) {
        let q: Array1<f64> = r.all(&self.export);
        let b: Array1<f64> = r.all(&self.import);
        for (cat, mw) in [(Use::Export, -q), (Use::Import, b)] {
            r.push(self.node, "market".into(), cat, mw);
        }
    }
}
