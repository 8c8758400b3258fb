//! Generators: run-of-river hydro, solar and wind (availability-limited), and reservoir hydro.
//!
//! Availability-limited (ror, solar, wind), with `a_t` the profile × `profile_scale`:
//! ```text
//! 0 ≤ p_t ≤ a_t·(P + P_new),   0 ≤ P_new ≤ new_capacity_max_mw
//! curtailment_t = a_t·(P + P_new) − p_t
//! ```
//! Reservoir hydro, with inflow `i_t = a_t·P` (MW) and cyclic level `e`:
//! ```text
//! 0 ≤ e_t ≤ E,  0 ≤ p_t ≤ P,  e_t − e_{t−1} + Δt_t·p_t ≤ Δt_t·i_t   (e_{−1} = e_{T−1})
//! spill_t = i_t − p_t − (e_t − e_{t−1})/Δt_t ≥ 0
//! ```
//! Spill is the slack of the level row rather than a column of its own: one column fewer per
//! step, and the same LP. Cost: `vom·w·Δt·p` plus the annuity of `P_new`; the optional penalty
//! `c·w·Δt·curtailment` is split into its constant and its terms in `p` and `P_new`.

use super::lp::{Col, Sense};
use super::{Builder, CostPart};
use crate::scenario::GeneratorKind;
use ndarray::Array1;

/// The columns of one generator and what is needed to read them back.
#[derive(Debug, Clone)]
pub struct GeneratorVars {
    pub name: String,
    pub node: usize,
    pub kind: GeneratorKind,
    pub capacity_mw: f64,
    pub new_capacity: Option<Col>,
    pub new_capacity_max_mw: f64,
    /// Availability (per unit) or, for reservoirs, inflow per unit of turbine capacity.
    pub profile_pu: Array1<f64>,
    /// Output per step (None where nothing can be produced).
    pub output: Vec<Option<Col>>,
    /// Reservoir level per step, MWh.
    pub level: Vec<Col>,
}

pub fn build(b: &mut Builder) -> Vec<GeneratorVars> {
    let sc = b.sc;
    let penalty = sc.settings.curtailment_penalty_cny_per_mwh;
    let mut out = Vec::with_capacity(sc.generators.len());
    for (name, g) in &sc.generators {
        let node = b.node(&g.node);
        let profile_pu = b.inputs.get(&g.profile) * g.profile_scale;
        let t_len = b.steps();
        let new_capacity = (g.new_capacity_max_mw > 0.0 && g.kind != GeneratorKind::Reservoir)
            .then(|| {
                let c = b.lp.col(0.0, g.new_capacity_max_mw);
                b.capacity_cost(
                    c,
                    g.capex_cny_per_kw * 1e3,
                    g.lifetime_years,
                    g.fom_cny_per_kw_year * 1e3,
                );
                c
            });
        let mut output = Vec::with_capacity(t_len);
        let mut level = Vec::new();
        if g.kind == GeneratorKind::Reservoir {
            level = (0..t_len).map(|_| b.lp.col(0.0, g.storage_mwh)).collect();
            for t in 0..t_len {
                let dt = b.inputs.axis.duration_h[t];
                let p = b.lp.col(0.0, g.capacity_mw);
                let prev = level[(t + t_len - 1) % t_len];
                let inflow_mw = profile_pu[t] * g.capacity_mw;
                if t_len == 1 {
                    // A one-step horizon: the cyclic level cancels out.
                    b.lp.row(&[(dt, p)], Sense::Le, dt * inflow_mw);
                } else {
                    b.lp.row(
                        &[(1.0, level[t]), (-1.0, prev), (dt, p)],
                        Sense::Le,
                        dt * inflow_mw,
                    );
                }
                output.push(Some(p));
            }
        } else {
            for t in 0..t_len {
                let a = profile_pu[t];
                let p = match new_capacity {
                    _ if a <= 0.0 => None,
                    None => Some(b.lp.col(0.0, a * g.capacity_mw)),
                    Some(new) => {
                        let p = b.lp.nonneg();
                        b.lp.row(&[(1.0, p), (-a, new)], Sense::Le, a * g.capacity_mw);
                        Some(p)
                    }
                };
                output.push(p);
            }
        }
        for t in 0..t_len {
            let Some(p) = output[t] else { continue };
            b.inject(node, t, 1.0, p);
            let wdt = b.wdt[t];
            b.cost(CostPart::VariableCost, g.vom_cny_per_mwh * wdt, p);
            if penalty > 0.0 {
                // penalty·(available − p): the available part is a constant (or P_new's term).
                b.cost(CostPart::CurtailmentPenalty, -penalty * wdt, p);
                let available = if g.kind == GeneratorKind::Reservoir {
                    profile_pu[t] * g.capacity_mw
                } else {
                    profile_pu[t].max(0.0) * g.capacity_mw
                };
                b.cost_constant(CostPart::CurtailmentPenalty, penalty * wdt * available);
                if let Some(new) = new_capacity {
                    b.cost(
                        CostPart::CurtailmentPenalty,
                        penalty * wdt * profile_pu[t].max(0.0),
                        new,
                    );
                }
            }
        }
        out.push(GeneratorVars {
            name: name.clone(),
            node,
            kind: g.kind,
            capacity_mw: g.capacity_mw,
            new_capacity,
            new_capacity_max_mw: if new_capacity.is_some() {
                g.new_capacity_max_mw
            } else {
                0.0
            },
            profile_pu,
            output,
            level,
        });
    }
    out
}
