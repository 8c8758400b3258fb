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
//! the LP as built and the check is the same either way. Residuals are measured against the
//! certificate's largest entry and the row's (or column's) largest coefficient, at 10⁻⁶
//! (ASSUMPTION: 10⁶ times looser than Clarabel's tightened 10⁻¹², which the re-solve has
//! already used; far below a violation that would make the certificate false). An LP bounded
//! only by a limit no planner means (a site limit of 10⁹ MW) fails this check, being bounded;
//! `study::unbounded` then reports it as unbounded only if a capped re-solve runs a quantity
//! to its cap (`tests/unbounded.rs`).

use super::outcome::{Claim, Outcome};
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
    let x = &out.x_conic;
    let size = x.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    let q_size = c.q.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    let qx: f64 = c.q.iter().zip(x).map(|(q, x)| q * x).sum();
    // (NaN fails too.)
    if qx.is_nan() || qx >= -REL_TOL * q_size * size {
        return Err(format!(
            "the direction does not lower the objective (cᵀx = {qx:e})"
        ));
    }
    let m = c.b.len();
    let mut ax = vec![0.0; m];
    let mut row_size = vec![0.0f64; m];
    for (j, xj) in x.iter().enumerate() {
        for k in c.a.colptr[j]..c.a.colptr[j + 1] {
            let i = c.a.rowval[k];
            ax[i] += c.a.nzval[k] * xj;
            row_size[i] = row_size[i].max(c.a.nzval[k].abs());
        }
    }
    for i in 0..m {
        let allowed = REL_TOL * row_size[i] * size;
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
    let z = &out.z;
    let size = z.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    let b_size = c.b.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    let bz: f64 = c.b.iter().zip(z).map(|(b, z)| b * z).sum();
    if bz.is_nan() || bz >= -REL_TOL * b_size * size {
        return Err(format!("the multipliers do not separate (bᵀz = {bz:e})"));
    }
    if let Some(i) = (c.n_zero..z.len()).find(|&i| z[i] < -REL_TOL * size) {
        return Err(format!("multiplier {i} has the wrong sign ({:e})", z[i]));
    }
    for j in 0..c.q.len() {
        let (mut s, mut col_size) = (0.0, 0.0f64);
        for k in c.a.colptr[j]..c.a.colptr[j + 1] {
            s += c.a.nzval[k] * z[c.a.rowval[k]];
            col_size = col_size.max(c.a.nzval[k].abs());
        }
        if s.abs() > REL_TOL * col_size * size {
            return Err(format!("Aᵀz is not zero in column {j} (residual {s:e})"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::lp::Sense;
    use crate::solve::conic::standard_form;
    use clarabel::solver::SolverStatus;

    /// An outcome carrying a made-up certificate for `lp` (unscaled form).
    fn outcome(lp: &Lp, x: Vec<f64>, z: Vec<f64>) -> Outcome {
        Outcome {
            status: SolverStatus::DualInfeasible,
            x: x.clone(),
            x_conic: x,
            duals: vec![0.0; lp.n_rows()],
            z,
            conic: standard_form(lp, false),
            iterations: 0,
            setup_seconds: 0.0,
            kkt_nonzeros: (0, 0),
        }
    }

    #[test]
    fn a_true_direction_of_unboundedness_passes() {
        // min −x − y s.t. x − y ≤ 1, x, y ≥ 0: the direction (1, 1) lowers the cost forever.
        let mut lp = Lp::new();
        let x = lp.nonneg();
        let y = lp.nonneg();
        lp.cost(-1.0, x);
        lp.cost(-1.0, y);
        lp.row(&[(1.0, x), (-1.0, y)], Sense::Le, 1.0);
        let m = standard_form(&lp, false).b.len();
        assert_eq!(
            check(
                &lp,
                &outcome(&lp, vec![1.0, 1.0], vec![0.0; m]),
                Claim::Unbounded
            ),
            Ok(())
        );
        // (1, 0) lowers the cost too but breaks the row: not a certificate.
        let e = check(
            &lp,
            &outcome(&lp, vec![1.0, 0.0], vec![0.0; m]),
            Claim::Unbounded,
        );
        assert!(e.unwrap_err().contains("breaks row"));
    }

    #[test]
    fn a_false_claim_of_unboundedness_is_refused() {
        // min −x s.t. x ≤ 1: bounded; the "direction" x = 1 runs into the row.
        let mut lp = Lp::new();
        let x = lp.nonneg();
        lp.cost(-1.0, x);
        lp.row(&[(1.0, x)], Sense::Le, 1.0);
        let m = standard_form(&lp, false).b.len();
        assert!(check(
            &lp,
            &outcome(&lp, vec![1.0], vec![0.0; m]),
            Claim::Unbounded
        )
        .is_err());
    }

    #[test]
    fn farkas_multipliers_prove_infeasibility_and_wrong_ones_do_not() {
        // x ≥ 0 and x ≤ −1. Standard form rows: [x ≤ −1 ; −x ≤ 0]; z = (1, 1) gives
        // Aᵀz = 1 − 1 = 0 and bᵀz = −1 < 0.
        let mut lp = Lp::new();
        let x = lp.nonneg();
        lp.row(&[(1.0, x)], Sense::Le, -1.0);
        let ok = outcome(&lp, vec![0.0], vec![1.0, 1.0]);
        assert_eq!(check(&lp, &ok, Claim::Infeasible), Ok(()));
        let bad = outcome(&lp, vec![0.0], vec![1.0, 0.5]);
        assert!(check(&lp, &bad, Claim::Infeasible)
            .unwrap_err()
            .contains("not zero"));
    }
}
