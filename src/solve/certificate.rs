//! Checking a claimed certificate of infeasibility or unboundedness ourselves.
//!
//! In Clarabel's form (`conic.rs`: Ãx̃ + s = b̃, s ∈ K = {0}×ℝ₊, every column bound a row):
//!
//! ```text
//! unbounded  (dual infeasible):   q̃ᵀx̃ < 0,  Ãx̃ ∈ −K   (= 0 on equality rows, ≤ 0 elsewhere)
//! infeasible (primal infeasible): b̃ᵀz̃ < 0,  Ãᵀz̃ = 0,  z̃ ∈ K* (free on equalities, ≥ 0 elsewhere)
//! ```
//!
//! The scaling is by positive diagonal matrices, so a certificate of the scaled form is one of
//! the LP as built and the check is the same either way. The direction is normalised so that
//! its objective (or right-hand side) product is −1, and every residual must be small
//! relative to the magnitudes that produced it: 10⁻⁶ (ASSUMPTION: loose against rounding in
//! sums of 10⁵ terms, and far below any violation that would make the certificate false).

use super::clarabel::{Claim, Outcome};
use crate::model::lp::Lp;

const REL_TOL: f64 = 1e-6;

/// `Ok` when the outcome's certificate proves `claim`; `Err` says which condition failed.
pub fn check(_lp: &Lp, out: &Outcome, claim: Claim) -> Result<(), String> {
    match claim {
        Claim::Unbounded => unbounded(out),
        Claim::Infeasible => infeasible(out),
        _ => Ok(()),
    }
}

fn unbounded(out: &Outcome) -> Result<(), String> {
    let c = &out.conic;
    let x: Vec<f64> = out
        .x
        .iter()
        .zip(&c.scaling.col)
        .map(|(x, d)| x / d)
        .collect();
    let qx: f64 = c.q.iter().zip(&x).map(|(q, x)| q * x).sum();
    if !(qx < 0.0) {
        return Err(format!(
            "the direction does not lower the objective (cᵀx = {qx:e})"
        ));
    }
    let x: Vec<f64> = x.iter().map(|v| v / -qx).collect();
    let m = c.b.len();
    let mut ax = vec![0.0; m];
    let mut mag = vec![0.0; m];
    for (j, xj) in x.iter().enumerate() {
        for k in c.a.colptr[j]..c.a.colptr[j + 1] {
            let i = c.a.rowval[k];
            ax[i] += c.a.nzval[k] * xj;
            mag[i] += (c.a.nzval[k] * xj).abs();
        }
    }
    for i in 0..m {
        let allowed = REL_TOL * mag[i].max(1e-300);
        let bad = if i < c.n_zero {
            ax[i].abs() > allowed
        } else {
            ax[i] > allowed
        };
        if bad {
            return Err(format!(
                "the direction breaks row {i} of the standard form (residual {:e}, allowed {allowed:e})",
                ax[i]
            ));
        }
    }
    Ok(())
}

fn infeasible(out: &Outcome) -> Result<(), String> {
    let c = &out.conic;
    let bz: f64 = c.b.iter().zip(&out.z).map(|(b, z)| b * z).sum();
    if !(bz < 0.0) {
        return Err(format!("the multipliers do not separate (bᵀz = {bz:e})"));
    }
    let z: Vec<f64> = out.z.iter().map(|v| v / -bz).collect();
    let zmax = z.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    if let Some(i) = (c.n_zero..z.len()).find(|&i| z[i] < -REL_TOL * zmax) {
        return Err(format!("multiplier {i} has the wrong sign ({:e})", z[i]));
    }
    for j in 0..c.q.len() {
        let (mut s, mut mag) = (0.0, 0.0);
        for k in c.a.colptr[j]..c.a.colptr[j + 1] {
            let t = c.a.nzval[k] * z[c.a.rowval[k]];
            s += t;
            mag += t.abs();
        }
        if s.abs() > REL_TOL * mag.max(1e-300) {
            return Err(format!(
                "Aᵀz is not zero in column {j} (residual {s:e}, magnitude {mag:e})"
            ));
        }
    }
    Ok(())
}
