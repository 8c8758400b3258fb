//! Transmission lines between nodes.
//!
//! Lossless (`η = 1`): one flow column per step, positive from `from` to `to`:
//! ```text
//! −(F + F_new) ≤ f_t ≤ F + F_new
//! balance[from,t] −= f_t;  balance[to,t] += f_t
//! ```
//! Lossy (`η < 1`): two directed flows, each arriving at `η` of what was sent:
//! ```text
//! 0 ≤ f⁺_t, f⁻_t ≤ F + F_new
//! balance[from,t] += −f⁺_t + η·f⁻_t;  balance[to,t] += η·f⁺_t − f⁻_t
//! ```
//! plus a tie-break cost `ε·w·Δt·(f⁺+f⁻)` so that both never run at once (which would only
//! burn surplus). `F_new ∈ [0, new_capacity_max_mw]` costs the annuity of its capex.

use super::asset::{self, AssetStatus};
use super::check::Checker;
use super::lumpy;
use super::technology::{Built, Context, Technology};
use crate::model::builder::{Builder, CostPart};
use crate::model::lp::{Col, Index, Sense};
use crate::results::readback::{CapacityRow, Readback, Use};
use ndarray::Array1;
use serde::{Deserialize, Serialize};

/// A transmission corridor between two nodes (may be expanded).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// How reports and charts name it (English; default: its key). Not used by the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// How reports and charts name it in Chinese (`--lang zh`; default: `label`, then the key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_zh: Option<String>,
    pub from: String,
    pub to: String,
    /// Existing thermal/stability limit, MW, in each direction.
    pub capacity_mw: f64,
    /// Expansion the optimiser may build, MW.
    #[serde(default)]
    pub new_capacity_max_mw: f64,
    /// Capital cost of expansion per kW of transfer capacity…
    #[serde(default)]
    pub capex_cny_per_kw: Option<f64>,
    /// …or per MW and km, with `length_km`.
    #[serde(default)]
    pub capex_cny_per_mw_km: Option<f64>,
    #[serde(default)]
    pub length_km: Option<f64>,
    #[serde(default = "forty")]
    pub lifetime_years: f64,
    /// Fixed O&M of the expansion as a fraction of its capex per year.
    #[serde(default)]
    pub fom_fraction_per_year: f64,
    /// Share of the sent energy that arrives, (0, 1].
    #[serde(default = "one")]
    pub efficiency: f64,
    /// `existing` (default), `committed` (`capacity_mw` is sunk and in service from
    /// `in_service`) or `candidate` (nothing yet). An expansion by `new_capacity_max_mw` is
    /// always a candidate.
    #[serde(default, skip_serializing_if = "AssetStatus::is_existing")]
    pub status: AssetStatus,
    /// In-service date of a committed line, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_service: Option<String>,
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

fn forty() -> f64 {
    40.0
}
fn one() -> f64 {
    1.0
}

impl Technology for Line {
    fn check(&self, p: &str, c: &mut Checker) {
        lumpy::check(self.lumpy_keys(), p, &self.lumpy_maxima(), c);
        for (key, n) in [("from", &self.from), ("to", &self.to)] {
            c.node(&format!("{p}.{key}"), n);
        }
        if self.from == self.to {
            c.bad(
                format!("{p}.to"),
                format!("a line cannot run from `{}` to itself", self.from),
            );
        }
        c.nonneg(&format!("{p}.capacity_mw"), self.capacity_mw);
        c.nonneg(
            &format!("{p}.new_capacity_max_mw"),
            self.new_capacity_max_mw,
        );
        c.fraction_per_year(
            &format!("{p}.fom_fraction_per_year"),
            self.fom_fraction_per_year,
        );
        c.lifetime(&format!("{p}.lifetime_years"), self.lifetime_years);
        asset::check(
            p,
            self.status,
            self.in_service.as_deref(),
            (self.capacity_mw, self.new_capacity_max_mw),
            c,
        );
        if !(self.efficiency > 0.0 && self.efficiency <= 1.0) {
            c.bad(
                format!("{p}.efficiency"),
                format!("must be in (0, 1] (got {})", self.efficiency),
            );
        }
        for (key, v) in [
            ("capex_cny_per_kw", self.capex_cny_per_kw),
            ("capex_cny_per_mw_km", self.capex_cny_per_mw_km),
            ("length_km", self.length_km),
        ] {
            if let Some(v) = v {
                c.nonneg(&format!("{p}.{key}"), v);
            }
        }
        if self.new_capacity_max_mw > 0.0 {
            let per_km = self.capex_cny_per_mw_km.is_some() && self.length_km.is_some();
            match (self.capex_cny_per_kw.is_some(), per_km) {
                (false, false) => c.bad(format!("{p}.capex_cny_per_kw"), "an expandable line needs `capex_cny_per_kw`, or `capex_cny_per_mw_km` with `length_km`"),
                (true, true) => c.bad(format!("{p}.capex_cny_per_mw_km"), "give either `capex_cny_per_kw` or `capex_cny_per_mw_km`, not both"),
                _ => {}
            }
        }
    }

    fn lumpy(&self, path: &str, name: &str) -> Vec<lumpy::Project> {
        let site = lumpy::Site::named(format!("line.{name}"), self.new_capacity_max_mw);
        lumpy::projects(self.lumpy_keys(), path, vec![site])
    }

    fn capacity_keys(&self, name: &str) -> Vec<String> {
        if self.new_capacity_max_mw > 0.0 {
            vec![format!("line.{name}")]
        } else {
            Vec::new()
        }
    }

    fn build(&self, name: &str, b: &mut Builder, ctx: &Context) -> Option<Box<dyn Built>> {
        let (from, to) = (b.node(&self.from), b.node(&self.to));
        let new_capacity = self.new_capacity(b, name);
        let share = asset::enter(
            b,
            format!("line.{name}"),
            (self.status, self.in_service.as_deref()),
            self.capacity_mw,
            ctx.study_year,
        );
        let lossless = self.efficiency >= 1.0;
        let t_len = b.steps();
        let mut forward = Vec::with_capacity(t_len);
        let mut backward = (!lossless).then(|| Vec::with_capacity(t_len));
        let fwd_f = b.lp.family("flow", name, Index::Time);
        let bwd_f = b.lp.family("flow_back", name, Index::Time);
        let (fwd_lim, bwd_lim) = (
            b.lp.family("flow_limit", name, Index::Time),
            b.lp.family("flow_back_limit", name, Index::Time),
        );
        for t in 0..t_len {
            // The existing (or, from its date, committed) capacity in this step.
            let cap = self.capacity_mw * share[t];
            if lossless {
                let f = match new_capacity {
                    None => b.lp.col_in(fwd_f, -cap, cap),
                    Some(new) => {
                        let f = b.lp.col_in(fwd_f, f64::NEG_INFINITY, f64::INFINITY);
                        b.lp.row_in(fwd_lim, &[(1.0, f), (-1.0, new)], Sense::Le, cap);
                        b.lp.row_in(bwd_lim, &[(-1.0, f), (-1.0, new)], Sense::Le, cap);
                        f
                    }
                };
                b.inject(from, t, -1.0, f);
                b.inject(to, t, 1.0, f);
                forward.push(f);
            } else {
                let mut directed = |(fam, lim)| match new_capacity {
                    None => b.lp.col_in(fam, 0.0, cap),
                    Some(new) => {
                        let f = b.lp.col_in(fam, 0.0, f64::INFINITY);
                        b.lp.row_in(lim, &[(1.0, f), (-1.0, new)], Sense::Le, cap);
                        f
                    }
                };
                let (fwd, bwd) = (directed((fwd_f, fwd_lim)), directed((bwd_f, bwd_lim)));
                let eta = self.efficiency;
                b.inject(from, t, -1.0, fwd);
                b.inject(to, t, eta, fwd);
                b.inject(to, t, -1.0, bwd);
                b.inject(from, t, eta, bwd);
                let eps = ctx.flow_tie_break_cny_per_mwh * b.wdt[t];
                b.cost(CostPart::FlowTieBreak, eps, fwd);
                b.cost(CostPart::FlowTieBreak, eps, bwd);
                forward.push(fwd);
                backward
                    .as_mut()
                    .expect("a lossy line has backward flows")
                    .push(bwd);
            }
        }
        Some(Box::new(LineVars {
            name: name.to_string(),
            from,
            to,
            efficiency: self.efficiency,
            capacity_mw: self.capacity_mw,
            new_capacity,
            new_capacity_max_mw: if new_capacity.is_some() {
                self.new_capacity_max_mw
            } else {
                0.0
            },
            forward,
            backward,
        }))
    }
}

impl Line {
    /// Its `lumpy`, `sizes_mw` and `min_build_mw` keys.
    fn lumpy_keys(&self) -> lumpy::Keys<'_> {
        lumpy::Keys {
            lumpy: self.lumpy,
            sizes_mw: self.sizes_mw.as_deref(),
            min_build_mw: self.min_build_mw,
        }
    }

    /// The most a lumpy expansion may be, with the key that sets it.
    fn lumpy_maxima(&self) -> Vec<(String, f64)> {
        vec![("new_capacity_max_mw".into(), self.new_capacity_max_mw)]
    }
    /// `F_new`, with its annuity, when the line may be expanded.
    fn new_capacity(&self, b: &mut Builder, name: &str) -> Option<Col> {
        (self.new_capacity_max_mw > 0.0).then(|| {
            let f = b.lp.family("capacity", &format!("line.{name}"), Index::One);
            let c = b.lp.col_in(f, 0.0, self.new_capacity_max_mw);
            let capex_cny_per_mw = match (
                self.capex_cny_per_kw,
                self.capex_cny_per_mw_km,
                self.length_km,
            ) {
                (Some(per_kw), _, _) => per_kw * 1e3,
                (None, Some(per_mw_km), Some(km)) => per_mw_km * km,
                _ => 0.0,
            };
            b.capacity_cost(
                c,
                capex_cny_per_mw,
                self.lifetime_years,
                capex_cny_per_mw * self.fom_fraction_per_year,
            );
            c
        })
    }
}

#[derive(Debug, Clone)]
pub struct LineVars {
    pub name: String,
    pub from: usize,
    pub to: usize,
    pub efficiency: f64,
    pub capacity_mw: f64,
    pub new_capacity: Option<Col>,
    pub new_capacity_max_mw: f64,
    /// Flow `from → to` (lossless: the signed flow).
    pub forward: Vec<Col>,
    /// Flow `to → from` (lossy lines only).
    pub backward: Option<Vec<Col>>,
}

impl Built for LineVars {
    fn read_back(&self, r: &mut Readback) {
        let fwd: Array1<f64> = r.all(&self.forward);
        let (at_from, at_to) = match &self.backward {
            None => (-&fwd, fwd.clone()),
            Some(bwd) => {
                let bwd = r.all(bwd);
                (&bwd * self.efficiency - &fwd, &fwd * self.efficiency - &bwd)
            }
        };
        for (node, mw) in [(self.from, at_from), (self.to, at_to)] {
            r.push(node, format!("line.{}", self.name), Use::LineNet, mw);
        }
        r.capacities.push(CapacityRow {
            component: format!("line.{}", self.name),
            option: "transmission".into(),
            node: format!("{}-{}", r.node_name(self.from), r.node_name(self.to)),
            unit: "MW",
            existing: self.capacity_mw,
            built: r.opt(self.new_capacity),
            max_new: self.new_capacity_max_mw,
            annual_cost_cny: r.cap_cost(self.new_capacity),
        });
    }
}
