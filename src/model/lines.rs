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

use super::lp::{Col, Sense};
use super::{Builder, CostPart};

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

pub fn build(b: &mut Builder) -> Vec<LineVars> {
    let sc = b.sc;
    let mut out = Vec::with_capacity(sc.lines.len());
    for (name, l) in &sc.lines {
        let (from, to) = (b.node(&l.from), b.node(&l.to));
        let cap = l.capacity_mw;
        let new_capacity = (l.new_capacity_max_mw > 0.0).then(|| {
            let c = b.lp.col(0.0, l.new_capacity_max_mw);
            let capex_cny_per_mw = match (l.capex_cny_per_kw, l.capex_cny_per_mw_km, l.length_km) {
                (Some(per_kw), _, _) => per_kw * 1e3,
                (None, Some(per_mw_km), Some(km)) => per_mw_km * km,
                _ => 0.0,
            };
            b.capacity_cost(
                c,
                capex_cny_per_mw,
                l.lifetime_years,
                capex_cny_per_mw * l.fom_fraction_per_year,
            );
            c
        });
        let lossless = l.efficiency >= 1.0;
        let t_len = b.steps();
        let mut forward = Vec::with_capacity(t_len);
        let mut backward = (!lossless).then(|| Vec::with_capacity(t_len));
        for t in 0..t_len {
            if lossless {
                let f = match new_capacity {
                    None => b.lp.col(-cap, cap),
                    Some(new) => {
                        let f = b.lp.col(f64::NEG_INFINITY, f64::INFINITY);
                        b.lp.row(&[(1.0, f), (-1.0, new)], Sense::Le, cap);
                        b.lp.row(&[(-1.0, f), (-1.0, new)], Sense::Le, cap);
                        f
                    }
                };
                b.inject(from, t, -1.0, f);
                b.inject(to, t, 1.0, f);
                forward.push(f);
            } else {
                let mut directed = || match new_capacity {
                    None => b.lp.col(0.0, cap),
                    Some(new) => {
                        let f = b.lp.nonneg();
                        b.lp.row(&[(1.0, f), (-1.0, new)], Sense::Le, cap);
                        f
                    }
                };
                let (fwd, bwd) = (directed(), directed());
                let eta = l.efficiency;
                b.inject(from, t, -1.0, fwd);
                b.inject(to, t, eta, fwd);
                b.inject(to, t, -1.0, bwd);
                b.inject(from, t, eta, bwd);
                let eps = sc.settings.flow_tie_break_cny_per_mwh * b.wdt[t];
                b.cost(CostPart::FlowTieBreak, eps, fwd);
                b.cost(CostPart::FlowTieBreak, eps, bwd);
                forward.push(fwd);
                backward.as_mut().unwrap().push(bwd);
            }
        }
        out.push(LineVars {
            name: name.clone(),
            from,
            to,
            efficiency: l.efficiency,
            capacity_mw: cap,
            new_capacity,
            new_capacity_max_mw: if new_capacity.is_some() {
                l.new_capacity_max_mw
            } else {
                0.0
            },
            forward,
            backward,
        });
    }
    out
}
