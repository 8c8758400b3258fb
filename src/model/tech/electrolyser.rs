//! Electrolysers with hydrogen storage and sales.
//!
//! At each site (node n), with κ = kWh/kg ÷ 1000 (MWh per kg) and the stack's replacement
//! cost per MWh drawn c_st = stack_cost_cny_per_kw·1000 / stack_life_hours:
//! ```text
//! 0 ≤ K ≤ sites_max_mw                     electrolyser capacity, MW electric
//! 0 ≤ x_t ≤ K                              electricity drawn, MW  (balance[n,t] −= x_t)
//! 0 ≤ h_t ≤ H,  0 ≤ H ≤ storage_max_kg     hydrogen in store, kg
//! 0 ≤ y_t ≤ offtake_limit                  hydrogen sold, kg/h
//! h_t = h_{t−1} + Δt·x_t/κ − Δt·y_t        (cyclic)
//! objective += annuity(K) + annuity(H) + Σ w·Δt·((c_other/κ + c_st)·x_t − π_H2·y_t)
//! ```
//! Without storage (`storage_max_kg = 0`) the store is dropped and `y_t = x_t/κ`, which saves
//! three columns and a row per step. A minimum stable load only while running needs binary
//! variables, so it is not modelled: an LP electrolyser may run at any load from 0 to K.
//!
//! Stack replacement is linear in the energy drawn: a stack that lasts `stack_life_hours`
//! full-load hours is replaced for `stack_cost_cny_per_kw` per kW, so each MWh drawn wears
//! 1/stack_life_hours of a 1-MW stack. Part-load wear and calendar ageing are not modelled.
//!
//! With demand blocks in `[market]`, each site's sales go to the blocks it reaches
//! (`hydrogen_market.rs` states those equations).

use super::check::{Checker, IMPLAUSIBLY_SMALL};
use super::hydrogen_market::{self, Blocks, SiteSales};
use super::lumpy;
use super::technology::{Built, Context, Technology};
use crate::model::builder::{Builder, CostPart};
use crate::model::lp::{Col, Index, Sense};
use crate::results::readback::{CapacityRow, Readback, Use};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Electrical energy to split water into 1 kg of hydrogen at 25 °C with heat supplied
/// (ΔG = 237 kJ/mol ÷ 2.016 g/mol): no electrolyser needs less.
const GIBBS_KWH_PER_KG: f64 = 32.7;

/// Electrolysis with hydrogen storage and sales.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Electrolyser {
    /// How reports and charts name it (English; default: its key). Not used by the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// How reports and charts name it in Chinese (`--lang zh`; default: `label`, then the key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_zh: Option<String>,
    /// Whether the optimiser may use this option at all (cases switch options off with it).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Most electrolyser capacity (MW electric) the optimiser may build at each node.
    pub sites_max_mw: BTreeMap<String, f64>,
    /// Installed cost, CNY per kW electric: the system (stacks, power electronics, gas
    /// treatment), balance of plant and grid connection, not the equipment price alone.
    pub capex_cny_per_kw: f64,
    #[serde(default = "twenty")]
    pub lifetime_years: f64,
    #[serde(default)]
    pub fom_fraction_per_year: f64,
    /// Electricity per kg of hydrogen, kWh/kg (system, ≈ 50).
    pub kwh_per_kg: f64,
    /// Other costs per kg made (water, compression), CNY/kg.
    #[serde(default)]
    pub other_cost_cny_per_kg: f64,
    /// Most hydrogen storage per site, kg (0 = sell as made).
    #[serde(default)]
    pub storage_max_kg: f64,
    #[serde(default)]
    pub storage_capex_cny_per_kg: f64,
    #[serde(default = "twenty")]
    pub storage_lifetime_years: f64,
    /// Most hydrogen sold per hour per site, kg/h (absent = no limit).
    #[serde(default)]
    pub offtake_limit_kg_per_h: Option<f64>,
    /// Cost of replacing the stacks, CNY per kW electric (0 = not counted).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub stack_cost_cny_per_kw: f64,
    /// Full-load hours a stack lasts (needed with a stack cost).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack_life_hours: Option<f64>,
    /// The new build comes whole (`lumpy.rs`): with `sizes_mw` or `min_build_mw`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lumpy: bool,
    /// Sizes a lumpy new build may take, MW (0: not built).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sizes_mw: Option<Vec<f64>>,
    /// Least a lumpy new build is built at, MW (or nothing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_build_mw: Option<f64>,
}

fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

fn yes() -> bool {
    true
}
fn twenty() -> f64 {
    20.0
}

impl Technology for Electrolyser {
    fn check(&self, p: &str, c: &mut Checker) {
        lumpy::check(
            self.lumpy_keys(),
            p,
            &lumpy::site_maxima(&self.sites_max_mw),
            c,
        );
        c.sites(&format!("{p}.sites_max_mw"), &self.sites_max_mw);
        c.positive(&format!("{p}.kwh_per_kg"), self.kwh_per_kg);
        if self.kwh_per_kg >= IMPLAUSIBLY_SMALL && self.kwh_per_kg < GIBBS_KWH_PER_KG {
            c.bad(
                format!("{p}.kwh_per_kg"),
                format!(
                    "{} kWh/kg is below the {GIBBS_KWH_PER_KG} kWh/kg that splitting water needs at best (Gibbs energy); systems need ≈ 50",
                    self.kwh_per_kg
                ),
            );
        }
        c.lifetime(&format!("{p}.lifetime_years"), self.lifetime_years);
        c.fraction_per_year(
            &format!("{p}.fom_fraction_per_year"),
            self.fom_fraction_per_year,
        );
        c.lifetime(
            &format!("{p}.storage_lifetime_years"),
            self.storage_lifetime_years,
        );
        for (key, v) in [
            ("capex_cny_per_kw", self.capex_cny_per_kw),
            ("other_cost_cny_per_kg", self.other_cost_cny_per_kg),
            ("storage_max_kg", self.storage_max_kg),
            ("storage_capex_cny_per_kg", self.storage_capex_cny_per_kg),
            (
                "offtake_limit_kg_per_h",
                self.offtake_limit_kg_per_h.unwrap_or(0.0),
            ),
            ("stack_cost_cny_per_kw", self.stack_cost_cny_per_kw),
        ] {
            c.nonneg(&format!("{p}.{key}"), v);
        }
        match self.stack_life_hours {
            Some(h) => c.positive(&format!("{p}.stack_life_hours"), h),
            None if self.stack_cost_cny_per_kw > 0.0 => c.bad(
                format!("{p}.stack_cost_cny_per_kw"),
                "a stack cost needs `stack_life_hours` (the full-load hours a stack lasts)",
            ),
            None => {}
        }
    }

    fn stores_energy(&self) -> bool {
        self.enabled && self.storage_max_kg > 0.0
    }

    fn lumpy(&self, path: &str, name: &str) -> Vec<lumpy::Project> {
        let _ = name;
        let sites = self
            .sites_max_mw
            .iter()
            .filter(|_| self.enabled)
            .map(|(node, &max)| lumpy::Site::named(format!("electrolyser.{node}"), max))
            .collect();
        lumpy::projects(self.lumpy_keys(), path, sites)
    }

    fn capacity_keys(&self, _name: &str) -> Vec<String> {
        if self.enabled && self.sites_max_mw.values().any(|v| *v > 0.0) {
            vec!["electrolyser".into()]
        } else {
            Vec::new()
        }
    }

    fn build(&self, _name: &str, b: &mut Builder, ctx: &Context) -> Option<Box<dyn Built>> {
        let buyers = hydrogen_market::Buyers {
            blocks: &ctx.hydrogen_blocks,
            transport: &ctx.hydrogen_transport,
            plant_gate_cny_per_kg: ctx.hydrogen_price_cny_per_kg,
        };
        // A switched-off option still reports its blocks (at 0 kt), so that every case of a
        // comparison has the same keys.
        if !self.enabled && buyers.blocks.is_empty() {
            return None;
        }
        let (sites, sales): (Vec<Site>, Vec<SiteSales>) = self
            .sites_max_mw
            .iter()
            .filter(|(_, max_mw)| self.enabled && **max_mw > 0.0)
            .map(|(node, &max_mw)| self.site(b, node, max_mw, ctx.hydrogen_price_cny_per_kg))
            .unzip();
        let blocks = hydrogen_market::build(b, &buyers, &sales);
        Some(Box::new(Electrolysers {
            sites,
            kappa: self.kwh_per_kg / 1e3,
            blocks,
        }))
    }
}

impl Electrolyser {
    /// Its `lumpy`, `sizes_mw` and `min_build_mw` keys.
    fn lumpy_keys(&self) -> lumpy::Keys<'_> {
        lumpy::Keys {
            lumpy: self.lumpy,
            sizes_mw: self.sizes_mw.as_deref(),
            min_build_mw: self.min_build_mw,
        }
    }
    /// Stack replacement per MWh drawn, CNY: a kW of stack wears out after
    /// `stack_life_hours` kWh, so a MWh wears out 1000/life kW.
    fn stack_cny_per_mwh(&self) -> f64 {
        match self.stack_life_hours {
            Some(life_h) if self.stack_cost_cny_per_kw > 0.0 => {
                self.stack_cost_cny_per_kw * 1e3 / life_h
            }
            _ => 0.0,
        }
    }

    /// One site's columns and rows, and its sales over the horizon (kg) for the blocks.
    fn site(&self, b: &mut Builder, node_name: &str, max_mw: f64, price: f64) -> (Site, SiteSales) {
        let kappa = self.kwh_per_kg / 1e3;
        let stack = self.stack_cny_per_mwh();
        let node = b.node(node_name);
        let entity = format!("electrolyser.{node_name}");
        let f = b.lp.family("capacity", &entity, Index::One);
        let capacity = b.lp.col_in(f, 0.0, max_mw);
        b.capacity_cost(
            capacity,
            self.capex_cny_per_kw * 1e3,
            self.lifetime_years,
            self.capex_cny_per_kw * 1e3 * self.fom_fraction_per_year,
        );
        let storage_capacity = (self.storage_max_kg > 0.0).then(|| {
            let f = b.lp.family("h2_store_capacity", &entity, Index::One);
            let h = b.lp.col_in(f, 0.0, self.storage_max_kg);
            b.capacity_cost(
                h,
                self.storage_capex_cny_per_kg,
                self.storage_lifetime_years,
                0.0,
            );
            h
        });
        let offtake_kg_per_h = self.offtake_limit_kg_per_h.unwrap_or(f64::INFINITY);
        let mut draw = Vec::with_capacity(b.steps());
        let draw_f = b.lp.family("draw", &entity, Index::Time);
        let limit_f = b.lp.family("draw_limit", &entity, Index::Time);
        for t in 0..b.steps() {
            // Without storage, the offtake limit caps the draw directly.
            let x_max = if storage_capacity.is_none() {
                offtake_kg_per_h * kappa
            } else {
                f64::INFINITY
            };
            let x = b.lp.col_in(draw_f, 0.0, x_max);
            b.lp.row_in(limit_f, &[(1.0, x), (-1.0, capacity)], Sense::Le, 0.0);
            b.inject(node, t, -1.0, x);
            let wdt = b.wdt[t];
            b.cost(
                CostPart::VariableCost,
                self.other_cost_cny_per_kg * wdt / kappa + stack * wdt,
                x,
            );
            if storage_capacity.is_none() {
                b.cost(CostPart::HydrogenRevenue, -price * wdt / kappa, x);
            }
            draw.push(x);
        }
        let sold = match storage_capacity {
            Some(h_cap) => {
                let sales = store(b, &entity, h_cap, &draw, (kappa, offtake_kg_per_h, price));
                sales
                    .into_iter()
                    .zip(b.wdt.iter())
                    .map(|(y, w)| (*w, y))
                    .collect()
            }
            None => draw
                .iter()
                .zip(b.wdt.iter())
                .map(|(x, w)| (w / kappa, *x))
                .collect(),
        };
        let site = Site {
            node,
            capacity,
            draw,
            storage_capacity,
            storage_max_kg: self.storage_max_kg,
            max_mw,
            other_cost_cny_per_mwh: self.other_cost_cny_per_kg / kappa + stack,
        };
        let sales = SiteSales {
            node_name: node_name.to_string(),
            terms: sold,
        };
        (site, sales)
    }
}

/// The hydrogen store and its sales: levels, sales and the cyclic level rows. Returns the
/// sales columns (kg/h).
fn store(
    b: &mut Builder,
    entity: &str,
    h_cap: Col,
    draw: &[Col],
    (kappa, offtake, price): (f64, f64, f64),
) -> Vec<Col> {
    let t_len = b.steps();
    let f = b.lp.family("h2_level", entity, Index::Time);
    let level: Vec<Col> = (0..t_len)
        .map(|_| b.lp.col_in(f, 0.0, f64::INFINITY))
        .collect();
    let f = b.lp.family("h2_sales", entity, Index::Time);
    let sales: Vec<Col> = (0..t_len).map(|_| b.lp.col_in(f, 0.0, offtake)).collect();
    let cap_f = b.lp.family("h2_level_limit", entity, Index::Time);
    let bal_f = b.lp.family("h2_balance", entity, Index::Time);
    for t in 0..t_len {
        let dt = b.duration_h(t);
        b.lp.row_in(cap_f, &[(1.0, level[t]), (-1.0, h_cap)], Sense::Le, 0.0);
        let prev = level[(t + t_len - 1) % t_len];
        let mut terms = vec![(1.0, level[t]), (-dt / kappa, draw[t]), (dt, sales[t])];
        if t_len > 1 {
            terms.push((-1.0, prev));
        } else {
            terms.remove(0);
        }
        b.lp.row_in(bal_f, &terms, Sense::Eq, 0.0);
        b.cost(CostPart::HydrogenRevenue, -price * b.wdt[t], sales[t]);
    }
    sales
}

/// The columns of one electrolyser site.
#[derive(Debug, Clone)]
struct Site {
    node: usize,
    capacity: Col,
    draw: Vec<Col>,
    storage_capacity: Option<Col>,
    storage_max_kg: f64,
    max_mw: f64,
    /// Non-electric cost per MWh drawn (water, compression), CNY.
    other_cost_cny_per_mwh: f64,
}

struct Electrolysers {
    sites: Vec<Site>,
    /// MWh per kg.
    kappa: f64,
    /// Delivery to the hydrogen demand blocks (empty without blocks).
    blocks: Blocks,
}

impl Built for Electrolysers {
    fn read_back(&self, r: &mut Readback) {
        for e in &self.sites {
            let x = r.all(&e.draw);
            let mwh = (&x * r.wdt).sum();
            let h2 = &mut r.hydrogen;
            h2.mwh += mwh;
            h2.other_cost_cny += mwh * e.other_cost_cny_per_mwh;
            h2.kg += mwh / self.kappa;
            let k = r.get(e.capacity);
            let fixed = r.cap_cost(Some(e.capacity)) + r.cap_cost(e.storage_capacity);
            let power = match (r.hydrogen.power_cost_cny, r.prices) {
                (Some(acc), Some(p)) => Some(acc + (&x * r.wdt * &p[e.node]).sum()),
                _ => None,
            };
            let h2 = &mut r.hydrogen;
            h2.capacity_mw += k;
            h2.fixed_cost_cny += fixed;
            h2.power_cost_cny = power;
            r.capacities.push(CapacityRow {
                component: "electrolyser".into(),
                option: "electrolyser".into(),
                node: r.node_name(e.node),
                unit: "MW",
                existing: 0.0,
                built: k,
                max_new: e.max_mw,
                annual_cost_cny: r.cap_cost(Some(e.capacity)),
            });
            if let Some(h) = e.storage_capacity {
                r.capacities.push(CapacityRow {
                    component: "hydrogen_storage".into(),
                    option: "hydrogen_storage".into(),
                    node: r.node_name(e.node),
                    unit: "kg",
                    existing: 0.0,
                    built: r.get(h),
                    max_new: e.storage_max_kg,
                    annual_cost_cny: r.cap_cost(Some(h)),
                });
            }
            r.push(e.node, "electrolyser".into(), Use::Hydrogen, -x);
        }
        self.blocks.read_back(r);
    }
}
