//! Energy-intensive industry: a load making a product, flexible within its months.
//!
//! Industry k at node n, existing `K⁰`, new `K_new`, σ MWh per tonne, margin m CNY per tonne:
//! ```text
//! 0 ≤ u_t ≤ K⁰ + K_new  in allowed months, u_t = 0 otherwise;  balance[n,t] −= u_t
//! Σ_allowed w·Δt·u_t ≥ μ·(K⁰ + K_new)·Σ_allowed w·Δt        (minimum utilisation μ)
//! objective += annuity(K_new) − Σ_t w·Δt·(m/σ)·u_t
//! ```

use super::check::Checker;
use super::lumpy;
use super::technology::{Built, Context, Technology};
use crate::model::builder::{Builder, CostPart};
use crate::model::lp::{Col, Index, Sense};
use crate::results::readback::{CapacityRow, Readback, Use};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An energy-intensive load making a product.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Industry {
    /// How reports and charts name it (English; default: its key). Not used by the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// How reports and charts name it in Chinese (`--lang zh`; default: `label`, then the key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_zh: Option<String>,
    /// Whether the optimiser may use this option at all (cases switch options off with it).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Most new capacity (MW) per node.
    #[serde(default)]
    pub sites_max_mw: BTreeMap<String, f64>,
    /// Capacity already running per node, MW.
    #[serde(default)]
    pub existing_mw: BTreeMap<String, f64>,
    /// Electricity per tonne of product, MWh/t.
    pub mwh_per_tonne: f64,
    /// Product price minus non-electric costs, CNY/t.
    pub margin_cny_per_tonne: f64,
    pub capex_cny_per_kw: f64,
    #[serde(default = "twenty")]
    pub lifetime_years: f64,
    #[serde(default)]
    pub fom_fraction_per_year: f64,
    /// Months in which it may run (absent = all year).
    #[serde(default)]
    pub months: Option<Vec<u32>>,
    /// Minimum energy over the allowed months as a share of capacity × allowed hours.
    #[serde(default)]
    pub min_utilisation: f64,
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

fn yes() -> bool {
    true
}
fn twenty() -> f64 {
    20.0
}

impl Technology for Industry {
    fn check(&self, p: &str, c: &mut Checker) {
        lumpy::check(
            self.lumpy_keys(),
            p,
            &lumpy::site_maxima(&self.sites_max_mw),
            c,
        );
        c.sites(&format!("{p}.sites_max_mw"), &self.sites_max_mw);
        c.sites(&format!("{p}.existing_mw"), &self.existing_mw);
        c.positive(&format!("{p}.mwh_per_tonne"), self.mwh_per_tonne);
        c.lifetime(&format!("{p}.lifetime_years"), self.lifetime_years);
        c.nonneg(&format!("{p}.capex_cny_per_kw"), self.capex_cny_per_kw);
        c.fraction_per_year(
            &format!("{p}.fom_fraction_per_year"),
            self.fom_fraction_per_year,
        );
        c.finite(
            &format!("{p}.margin_cny_per_tonne"),
            self.margin_cny_per_tonne,
        );
        c.within(
            &format!("{p}.min_utilisation"),
            self.min_utilisation,
            0.0,
            1.0,
        );
        if let Some(months) = &self.months {
            if months.is_empty() || months.iter().any(|m| !(1..=12).contains(m)) {
                c.bad(
                    format!("{p}.months"),
                    "must list months in 1..=12 (omit it for all year)",
                );
            }
        }
    }

    fn lumpy(&self, path: &str, name: &str) -> Vec<lumpy::Project> {
        let sites = self
            .sites_max_mw
            .iter()
            .filter(|_| self.enabled)
            .map(|(node, &max)| lumpy::Site::named(format!("industry.{name}.{node}"), max))
            .collect();
        lumpy::projects(self.lumpy_keys(), path, sites)
    }

    fn capacity_keys(&self, name: &str) -> Vec<String> {
        let any = self
            .sites_max_mw
            .values()
            .chain(self.existing_mw.values())
            .any(|v| *v > 0.0);
        if self.enabled && any {
            vec![format!("industry.{name}")]
        } else {
            Vec::new()
        }
    }

    fn build(&self, name: &str, b: &mut Builder, _ctx: &Context) -> Option<Box<dyn Built>> {
        if !self.enabled {
            return None;
        }
        let mut sites: Vec<&String> = self
            .sites_max_mw
            .keys()
            .chain(self.existing_mw.keys())
            .collect();
        sites.sort();
        sites.dedup();
        let mut built = Vec::new();
        for node_name in sites {
            let existing_mw = self.existing_mw.get(node_name).copied().unwrap_or(0.0);
            let max_new_mw = self.sites_max_mw.get(node_name).copied().unwrap_or(0.0);
            if existing_mw <= 0.0 && max_new_mw <= 0.0 {
                continue;
            }
            let entity = format!("{name}.{node_name}");
            built.push(self.site(b, &entity, node_name, (existing_mw, max_new_mw)));
        }
        Some(Box::new(IndustrySites {
            product: name.to_string(),
            sites: built,
        }))
    }
}

impl Industry {
    /// Its `lumpy`, `sizes_mw` and `min_build_mw` keys.
    fn lumpy_keys(&self) -> lumpy::Keys<'_> {
        lumpy::Keys {
            lumpy: self.lumpy,
            sizes_mw: self.sizes_mw.as_deref(),
            min_build_mw: self.min_build_mw,
        }
    }
    fn site(
        &self,
        b: &mut Builder,
        entity: &str,
        node_name: &str,
        (existing_mw, max_new_mw): (f64, f64),
    ) -> Site {
        let node = b.node(node_name);
        let new_capacity = (max_new_mw > 0.0).then(|| {
            let f =
                b.lp.family("capacity", &format!("industry.{entity}"), Index::One);
            let c = b.lp.col_in(f, 0.0, max_new_mw);
            b.capacity_cost(
                c,
                self.capex_cny_per_kw * 1e3,
                self.lifetime_years,
                self.capex_cny_per_kw * 1e3 * self.fom_fraction_per_year,
            );
            c
        });
        let value_per_mwh = self.margin_cny_per_tonne / self.mwh_per_tonne;
        let mut draw = Vec::with_capacity(b.steps());
        let mut allowed_hours = 0.0;
        let mut utilisation_terms = Vec::new();
        let use_f = b.lp.family("use", entity, Index::Ord);
        let limit_f = b.lp.family("use_limit", entity, Index::Ord);
        for t in 0..b.steps() {
            let month = b.month(t);
            if !self.months.as_ref().is_none_or(|m| m.contains(&month)) {
                draw.push(None);
                continue;
            }
            let u = match new_capacity {
                None => b.lp.col_in(use_f, 0.0, existing_mw),
                Some(new) => {
                    let u = b.lp.col_in(use_f, 0.0, f64::INFINITY);
                    b.lp.row_in(limit_f, &[(1.0, u), (-1.0, new)], Sense::Le, existing_mw);
                    u
                }
            };
            let wdt = b.wdt[t];
            b.inject(node, t, -1.0, u);
            b.cost(CostPart::IndustryMargin, -value_per_mwh * wdt, u);
            allowed_hours += wdt;
            utilisation_terms.push((wdt, u));
            draw.push(Some(u));
        }
        if self.min_utilisation > 0.0 && !utilisation_terms.is_empty() {
            let mu_h = self.min_utilisation * allowed_hours;
            if let Some(new) = new_capacity {
                utilisation_terms.push((-mu_h, new));
            }
            let f = b.lp.family("min_utilisation", entity, Index::One);
            b.lp.row_in(f, &utilisation_terms, Sense::Ge, mu_h * existing_mw);
        }
        if self.min_utilisation > 0.0 {
            b.firm_load[node] = true;
        }
        Site {
            node,
            existing_mw,
            max_new_mw,
            new_capacity,
            draw,
        }
    }
}

#[derive(Debug, Clone)]
struct Site {
    node: usize,
    existing_mw: f64,
    max_new_mw: f64,
    new_capacity: Option<Col>,
    draw: Vec<Option<Col>>,
}

struct IndustrySites {
    product: String,
    sites: Vec<Site>,
}

impl Built for IndustrySites {
    fn read_back(&self, r: &mut Readback) {
        let key = format!("industry.{}", self.product);
        for i in &self.sites {
            let u = r.all_opt(&i.draw);
            let category = Use::Industry(self.product.clone());
            r.push(i.node, key.clone(), category, -u);
            r.capacities.push(CapacityRow {
                component: key.clone(),
                option: key.clone(),
                node: r.node_name(i.node),
                unit: "MW",
                existing: i.existing_mw,
                built: r.opt(i.new_capacity),
                max_new: i.max_new_mw,
                annual_cost_cny: r.cap_cost(i.new_capacity),
            });
        }
    }
}
