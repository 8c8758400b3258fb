//! Reservoir hydro's LP (its scenario entry is a `Generator` of kind `reservoir`).
//!
//! With inflow `i_t = a_t·P` (MW) and cyclic level `e`:
//! ```text
//! 0 ≤ e_t ≤ E,  0 ≤ p_t ≤ P,  e_t − e_{t−1} + Δt_t·p_t ≤ Δt_t·i_t   (e_{−1} = e_{T−1})
//! spill_t = i_t − p_t − (e_t − e_{t−1})/Δt_t ≥ 0
//! ```
//! Spill is the slack of the level row rather than a column of its own: one column fewer per
//! step, and the same LP.

use crate::model::builder::Builder;
use crate::model::lp::{Col, Index, Sense};
use crate::results::readback::Readback;
use ndarray::Array1;

/// Levels and turbine output of one reservoir: (output per step, level per step).
pub fn build(
    b: &mut Builder,
    name: &str,
    capacity_mw: f64,
    storage_mwh: f64,
    profile_pu: &Array1<f64>,
    in_service: &Array1<f64>,
) -> (Vec<Option<Col>>, Vec<Col>) {
    let t_len = b.steps();
    // Turbine and store scale with the share of the step in service (1 but for a committed
    // plant before its date), so a cyclic level cannot carry water to before it exists.
    let f = b.lp.family("level", name, Index::Time);
    let level: Vec<Col> = (0..t_len)
        .map(|t| b.lp.col_in(f, 0.0, storage_mwh * in_service[t]))
        .collect();
    let mut output = Vec::with_capacity(t_len);
    let f = b.lp.family("output", name, Index::Time);
    let row_f = b.lp.family("water", name, Index::Time);
    for t in 0..t_len {
        let dt = b.duration_h(t);
        let p = b.lp.col_in(f, 0.0, capacity_mw * in_service[t]);
        let prev = level[(t + t_len - 1) % t_len];
        let inflow_mw = profile_pu[t] * capacity_mw;
        if t_len == 1 {
            // A one-step horizon: the cyclic level cancels out.
            b.lp.row_in(row_f, &[(dt, p)], Sense::Le, dt * inflow_mw);
        } else {
            b.lp.row_in(
                row_f,
                &[(1.0, level[t]), (-1.0, prev), (dt, p)],
                Sense::Le,
                dt * inflow_mw,
            );
        }
        output.push(Some(p));
    }
    (output, level)
}

/// (inflow, spill) per step, MW: spill is what neither the turbine nor the store took.
pub fn spill(
    r: &Readback,
    profile_pu: &Array1<f64>,
    capacity_mw: f64,
    p: &Array1<f64>,
    level: &[Col],
) -> (Array1<f64>, Array1<f64>) {
    let t_len = r.steps();
    let inflow = profile_pu * capacity_mw;
    let spill = (0..t_len)
        .map(|t| {
            let prev = level[(t + t_len - 1) % t_len];
            let de = r.get(level[t]) - r.get(prev);
            (inflow[t] - p[t] - de / r.duration_h[t]).max(0.0)
        })
        .collect();
    (inflow, spill)
}
