//! Data centres: a firm load served in every step.
//!
//! At node n, IT capacity `K_d` (MW), power usage effectiveness PUE:
//! ```text
//! 0 ≤ K_d ≤ sites_max_mw;   balance[n,t] −= PUE·K_d   in every step (firm)
//! objective += annuity(K_d) − (v_d·Σ_t w·Δt + v_y·Σ_t w·Δt/8760)·K_d
//!     (v_d: revenue per MWh of IT energy, v_y: revenue per MW-year of IT capacity)
//! ```

use super::check::Checker;
use super::lumpy;
use super::technology::{Built, Context, Technology};
use crate::model::builder::{Builder, CostPart};
use crate::model::lp::{Col, Index};
use crate::results::readback::{CapacityRow, Readback, Use};
use ndarray::Array1;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Data centres: a firm load served in every step.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DataCentre {
    /// How reports and charts name it (English; default: its key). Not used by the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// How reports and charts name it in Chinese (`--lang zh`; default: `label`, then the key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_zh: Option<String>,
    /// Whether the optimiser may use this option at all (cases switch options off with it).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Most IT capacity (MW) per node.
    pub sites_max_mw: BTreeMap<String, f64>,
    /// Power usage effectiveness: facility draw per unit of IT load.
    pub pue: f64,
    /// Capital cost of the facility (excluding IT equipment), CNY per kW of IT load.
    pub capex_cny_per_kw: f64,
    #[serde(default = "twenty")]
    pub lifetime_years: f64,
    #[serde(default)]
    pub fom_fraction_per_year: f64,
    /// Net revenue per MWh of IT energy (what compute earns beyond non-power costs).
    #[serde(default)]
    pub revenue_cny_per_mwh_it: f64,
    /// Net revenue per MW of IT capacity per year (contracts priced by capacity).
    #[serde(default)]
    pub revenue_cny_per_mw_year: f64,
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

/// Highest power usage effectiveness accepted (ASSUMPTION: a bound against slips such as a
/// percentage, twice the highest industry average reported; Uptime Institute: 1.58 in 2023, once
/// ≈ 2.5; see docs/sources.md).
const MAX_PUE: f64 = 5.0;

fn yes() -> bool {
    true
}
fn twenty() -> f64 {
    20.0
}

impl Technology for DataCentre {
    fn check(&self, p: &str, c: &mut Checker) {
        lumpy::check(
            self.lumpy_keys(),
            p,
            &lumpy::site_maxima(&self.sites_max_mw),
            c,
        );
        c.sites(&format!("{p}.sites_max_mw"), &self.sites_max_mw);
        if self.pue.is_nan() || self.pue < 1.0 {
            c.bad(
                format!("{p}.pue"),
                format!("power usage effectiveness is at least 1 (got {})", self.pue),
            );
        } else if self.pue > MAX_PUE {
            c.bad(
                format!("{p}.pue"),
                format!(
                    "power usage effectiveness above {MAX_PUE} (got {})",
                    self.pue
                ),
            );
        }
        c.lifetime(&format!("{p}.lifetime_years"), self.lifetime_years);
        c.nonneg(&format!("{p}.capex_cny_per_kw"), self.capex_cny_per_kw);
        c.fraction_per_year(
            &format!("{p}.fom_fraction_per_year"),
            self.fom_fraction_per_year,
        );
        c.finite(
            &format!("{p}.revenue_cny_per_mwh_it"),
            self.revenue_cny_per_mwh_it,
        );
        c.finite(
            &format!("{p}.revenue_cny_per_mw_year"),
            self.revenue_cny_per_mw_year,
        );
    }

    fn lumpy(&self, path: &str, name: &str) -> Vec<lumpy::Project> {
        let _ = name;
        let sites = self
            .sites_max_mw
            .iter()
            .filter(|_| self.enabled)
            .map(|(node, &max)| lumpy::Site::named(format!("data_centre.{node}"), max))
            .collect();
        lumpy::projects(self.lumpy_keys(), path, sites)
    }

    fn capacity_keys(&self, _name: &str) -> Vec<String> {
        if self.enabled && self.sites_max_mw.values().any(|v| *v > 0.0) {
            vec!["data_centre".into()]
        } else {
            Vec::new()
        }
    }

    fn build(&self, _name: &str, b: &mut Builder, _ctx: &Context) -> Option<Box<dyn Built>> {
        if !self.enabled {
            return None;
        }
        let mut sites = Vec::new();
        for (node_name, &max_mw) in &self.sites_max_mw {
            if max_mw <= 0.0 {
                continue;
            }
            let node = b.node(node_name);
            let f =
                b.lp.family("capacity", &format!("data_centre.{node_name}"), Index::One);
            let capacity = b.lp.col_in(f, 0.0, max_mw);
            b.capacity_cost(
                capacity,
                self.capex_cny_per_kw * 1e3,
                self.lifetime_years,
                self.capex_cny_per_kw * 1e3 * self.fom_fraction_per_year,
            );
            let hours = b.wdt.sum();
            let revenue = self.revenue_cny_per_mwh_it * hours
                + self.revenue_cny_per_mw_year * b.year_fraction();
            b.cost(CostPart::DataCentreRevenue, -revenue, capacity);
            for t in 0..b.steps() {
                b.inject(node, t, -self.pue, capacity);
            }
            b.firm_load[node] = true;
            sites.push(Site {
                node,
                capacity,
                max_mw,
            });
        }
        Some(Box::new(DataCentres {
            sites,
            pue: self.pue,
        }))
    }
}

impl DataCentre {
    /// Its `lumpy`, `sizes_mw` and `min_build_mw` keys.
    fn lumpy_keys(&self) -> lumpy::Keys<'_> {
        lumpy::Keys {
            lumpy: self.lumpy,
            sizes_mw: self.sizes_mw.as_deref(),
            min_build_mw: self.min_build_mw,
        }
    }
}

#[derive(Debug, Clone)]
struct Site {
    node: usize,
    capacity: Col,
    max_mw: f64,
}

struct DataCentres {
    sites: Vec<Site>,
    pue: f64,
}

impl Built for DataCentres {
    fn read_back(&self, r: &mut Readback) {
        for d in &self.sites {
            let k = r.get(d.capacity);
            let draw = Array1::from_elem(r.steps(), -k * self.pue);
            r.push(d.node, "data_centre".into(), Use::DataCentre, draw);
            r.capacities.push(CapacityRow {
                component: "data_centre".into(),
                option: "data_centre".into(),
                node: r.node_name(d.node),
                unit: "MW IT",
                existing: 0.0,
                built: k,
                max_new: d.max_mw,
                annual_cost_cny: r.cap_cost(Some(d.capacity)),
            });
        }
    }
}
