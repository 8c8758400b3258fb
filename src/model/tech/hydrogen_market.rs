//! The hydrogen market: demand blocks at delivery points, reached by tube trailer from the
//! electrolyser sites. The scenario keys live in `[market]` (`hydrogen_blocks`,
//! `hydrogen_transport`); the columns are built by the electrolyser, which owns each site's
//! sales (this file is not an entry of `tech::instances`: a block has no columns of its own
//! without the sites that deliver to it).
//!
//! For each site s and each block b that s can reach (`distance_km` names s's node), with
//! `Y` the share of a year the horizon stands for (as fixed costs are scaled) and `sold_s` the
//! site's hydrogen sold over the horizon, kg (`Σ_t w·Δt·y_t`, or `Σ_t w·Δt·x_t/κ` without a
//! store):
//! ```text
//! Y[s,b] ≥ 0                                    kg delivered from s to b over the horizon
//! Σ_b Y[s,b] = sold_s        (flat price π_H2 = 0: hydrogen sells only through blocks)
//! Σ_b Y[s,b] ≤ sold_s        (π_H2 > 0: the rest sells at the plant gate, without limit)
//! Σ_s Y[s,b] ≤ Q_b·10⁶·Y                        a block takes at most Q_b kt a year
//! objective += Σ −(π_b − π_H2)·Y[s,b]           (hydrogen_revenue; the plant-gate π_H2 is
//!                                                already paid on sold_s)
//!            + Σ (c_fix + c_km·d[s,b])·Y[s,b]   (variable_cost: transport)
//! ```
//! Blocks are annual quantities: when within the year a block takes its hydrogen is not
//! constrained (a delivery point takes a winter kg as readily as a summer one). The hourly
//! `offtake_limit_kg_per_h` of the electrolyser still applies to each site's sales.

use super::check::Checker;
use crate::model::builder::{Builder, CostPart};
use crate::model::lp::{Col, Index, Sense};
use crate::results::readback::{BlockSale, Readback};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Kilograms in a kilotonne.
const KG_PER_KT: f64 = 1e6;

/// One demand block: a price–quantity pair at a delivery point.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HydrogenBlock {
    /// Price paid at the delivery point, CNY/kg.
    pub price_cny_per_kg: f64,
    /// Most the block takes per year, kt (1 kt = 10⁶ kg).
    pub quantity_kt_per_year: f64,
    /// Road distance from each electrolyser site (node) that can deliver, km; a node that is
    /// absent cannot deliver to this block.
    pub distance_km: BTreeMap<String, f64>,
}

/// Cost of carrying hydrogen from a site to a delivery point (tube trailer).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HydrogenTransport {
    /// Loading, compression and handling per kg delivered, CNY/kg.
    #[serde(default)]
    pub fixed_cny_per_kg: f64,
    /// Per kg and km of road, CNY/(kg·km).
    #[serde(default)]
    pub per_km_cny_per_kg: f64,
}

impl HydrogenTransport {
    /// Whether it is the default (then it is not written when a scenario is serialised, so
    /// that the sweep definition hash of scenarios without it stays the same).
    pub fn is_zero(&self) -> bool {
        *self == HydrogenTransport::default()
    }

    /// Cost per kg carried `distance_km`, CNY/kg.
    pub fn cny_per_kg(&self, distance_km: f64) -> f64 {
        self.fixed_cny_per_kg + self.per_km_cny_per_kg * distance_km
    }
}

/// Range and reference checks of the blocks and the transport costs (`p` is `market`).
pub fn check(
    p: &str,
    blocks: &BTreeMap<String, HydrogenBlock>,
    transport: &HydrogenTransport,
    c: &mut Checker,
) {
    for (name, block) in blocks {
        let bp = format!("{p}.hydrogen_blocks.{name}");
        c.nonneg(&format!("{bp}.price_cny_per_kg"), block.price_cny_per_kg);
        c.nonneg(
            &format!("{bp}.quantity_kt_per_year"),
            block.quantity_kt_per_year,
        );
        if block.distance_km.is_empty() {
            c.bad(
                format!("{bp}.distance_km"),
                "no site can deliver to this block: give the distance from at least one electrolyser site, as `distance_km = { <node> = <km> }`",
            );
        }
        c.sites(&format!("{bp}.distance_km"), &block.distance_km);
    }
    let tp = format!("{p}.hydrogen_transport");
    c.nonneg(
        &format!("{tp}.fixed_cny_per_kg"),
        transport.fixed_cny_per_kg,
    );
    c.nonneg(
        &format!("{tp}.per_km_cny_per_kg"),
        transport.per_km_cny_per_kg,
    );
}

/// One site's hydrogen sold over the horizon, as terms of its columns (kg).
pub struct SiteSales {
    pub node_name: String,
    pub terms: Vec<(f64, Col)>,
}

/// Who buys the hydrogen: the blocks, the transport to them, and the plant-gate price.
pub struct Buyers<'a> {
    pub blocks: &'a BTreeMap<String, HydrogenBlock>,
    pub transport: &'a HydrogenTransport,
    pub plant_gate_cny_per_kg: f64,
}

/// The delivery columns of one block.
#[derive(Debug, Clone)]
struct BlockCols {
    name: String,
    /// Q_b·10⁶·Y: the most it takes over the horizon, kg.
    quantity_kg: f64,
    delivered: Vec<Col>,
}

/// The columns of every block, to read back.
#[derive(Debug, Clone, Default)]
pub struct Blocks {
    blocks: Vec<BlockCols>,
}

/// Build the delivery columns and rows of every block (nothing when there are no blocks).
pub fn build(b: &mut Builder, m: &Buyers, sites: &[SiteSales]) -> Blocks {
    if m.blocks.is_empty() {
        return Blocks::default();
    }
    let year_fraction = b.year_fraction();
    let mut per_site: Vec<Vec<(f64, Col)>> = vec![Vec::new(); sites.len()];
    let mut blocks = Vec::with_capacity(m.blocks.len());
    for (name, block) in m.blocks {
        let quantity_kg = block.quantity_kt_per_year * KG_PER_KT * year_fraction;
        let mut delivered = Vec::new();
        for (s, site) in sites.iter().enumerate() {
            let Some(&d_km) = block.distance_km.get(&site.node_name) else {
                continue;
            };
            let f = b.lp.family(
                "h2_delivery",
                &format!("{name}.{}", site.node_name),
                Index::One,
            );
            let y = b.lp.col_in(f, 0.0, f64::INFINITY);
            let premium = block.price_cny_per_kg - m.plant_gate_cny_per_kg;
            b.cost(CostPart::HydrogenRevenue, -premium, y);
            b.cost(CostPart::VariableCost, m.transport.cny_per_kg(d_km), y);
            per_site[s].push((1.0, y));
            delivered.push((1.0, y));
        }
        if !delivered.is_empty() {
            let f = b.lp.family("h2_block", name, Index::One);
            b.lp.row_in(f, &delivered, Sense::Le, quantity_kg);
        }
        blocks.push(BlockCols {
            name: name.clone(),
            quantity_kg,
            delivered: delivered.into_iter().map(|(_, c)| c).collect(),
        });
    }
    // Σ_b Y[s,b] − sold_s (=|≤) 0: what a site delivers is what it sells.
    let sense = if m.plant_gate_cny_per_kg > 0.0 {
        Sense::Le
    } else {
        Sense::Eq
    };
    for (site, mut terms) in sites.iter().zip(per_site) {
        terms.extend(site.terms.iter().map(|&(k, c)| (-k, c)));
        let f = b.lp.family("h2_delivered", &site.node_name, Index::One);
        b.lp.row_in(f, &terms, sense, 0.0);
    }
    Blocks { blocks }
}

/// A block is full when what it takes is within this share (or 1 kg) of its quantity: an
/// interior-point solution stops a hair short of a bound.
const FULL_TOLERANCE: f64 = 1e-5;

impl Blocks {
    pub fn read_back(&self, r: &mut Readback) {
        for block in &self.blocks {
            let kg = r.all(&block.delivered).sum();
            let full = block.quantity_kg > 0.0
                && block.quantity_kg - kg <= FULL_TOLERANCE * block.quantity_kg + 1.0;
            r.hydrogen.blocks.push(BlockSale {
                name: block.name.clone(),
                kg,
                quantity_kg: block.quantity_kg,
                full,
            });
        }
    }
}
