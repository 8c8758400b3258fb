//! The LP in Clarabel's standard form, scaled:
//!
//! ```text
//! minimise σ·cᵀD x̃   subject to   R·A·D x̃ + s = R·b,   s ∈ {0}^{m_eq} × ℝ₊^{m_in}
//! ```
//!
//! Rows come in two blocks so that Clarabel sees exactly two cones: the equality rows, then
//! every inequality (`≥` rows negated) and every finite
//! column bound as a row of its own (Clarabel has no column bounds). good_lp's backend kept
//! the rows in the order they were added, which made one cone per run of same-sense rows —
//! tens of thousands of cones, each handled on its own in every iteration.
//!
//! Scaling (`scale.rs`) chooses powers of two `D` (columns), `R` (rows) and `σ` (objective),
//! so scaling and unscaling are exact in floating point; a column's bounds are divided by its
//! own scale and keep the coefficient 1.

use super::scale::{self, Scaling};
use crate::model::lp::{Lp, Sense};
use clarabel::algebra::CscMatrix;
use clarabel::solver::SupportedConeT;

/// The LP in Clarabel's form, with what is needed to map a solution back.
pub struct Conic {
    pub q: Vec<f64>,
    pub a: CscMatrix<f64>,
    pub b: Vec<f64>,
    /// Rows in the zero cone (they come first).
    pub n_zero: usize,
    /// Conic row of each LP row.
    row_at: Vec<usize>,
    /// Conic column of each LP column; `None` for a column fixed by its bounds, which is
    /// substituted into the right-hand sides instead (a committed asset before its date, an
    /// availability of zero): it would cost a column and a row and carry nothing.
    col_at: Vec<Option<usize>>,
    /// Value of each fixed column (its bound); 0 for the others.
    fixed_value: Vec<f64>,
    pub scaling: Scaling,
}

impl Conic {
    /// Clarabel's form of `lp`, scaled by `scaling` (`Scaling::identity` for none).
    pub fn new(lp: &Lp, scaling: Scaling) -> Conic {
        let s = &scaling;
        let fixed_value: Vec<f64> = (0..lp.n_cols())
            .map(|c| if lp.lo[c] == lp.hi[c] { lp.lo[c] } else { 0.0 })
            .collect();
        let mut col_at = vec![None; lp.n_cols()];
        let mut n = 0;
        for (c, slot) in col_at.iter_mut().enumerate() {
            if lp.lo[c] != lp.hi[c] {
                *slot = Some(n);
                n += 1;
            }
        }
        // Conic row order: equality rows, then inequality rows and column bounds.
        let mut row_at = vec![0; lp.n_rows()];
        let mut entries: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
        let mut b = Vec::new();
        let mut lp_row = |r: usize, b: &mut Vec<f64>, entries: &mut Vec<Vec<(usize, f64)>>| {
            let k = b.len();
            row_at[r] = k;
            let sign = if lp.sense[r] == Sense::Ge { -1.0 } else { 1.0 };
            let (cols, vals) = lp.row_terms(r);
            let mut rhs = lp.rhs[r];
            for (&c, &v) in cols.iter().zip(vals) {
                match col_at[c as usize] {
                    Some(j) => entries[j].push((k, sign * v * s.row[r] * s.col[c as usize])),
                    None => rhs -= v * fixed_value[c as usize],
                }
            }
            b.push(sign * rhs * s.row[r]);
        };
        for r in (0..lp.n_rows()).filter(|&r| lp.sense[r] == Sense::Eq) {
            lp_row(r, &mut b, &mut entries);
        }
        let n_zero = b.len();
        for r in (0..lp.n_rows()).filter(|&r| lp.sense[r] != Sense::Eq) {
            lp_row(r, &mut b, &mut entries);
        }
        for (c, at) in col_at.iter().enumerate() {
            let Some(j) = *at else { continue };
            if lp.lo[c] > f64::NEG_INFINITY {
                entries[j].push((b.len(), -1.0));
                b.push(-lp.lo[c] / s.col[c]);
            }
            if lp.hi[c] < f64::INFINITY {
                entries[j].push((b.len(), 1.0));
                b.push(lp.hi[c] / s.col[c]);
            }
        }
        let m = b.len();
        let mut colptr = Vec::with_capacity(n + 1);
        colptr.push(0);
        let nnz: usize = entries.iter().map(Vec::len).sum();
        let (mut rowval, mut nzval) = (Vec::with_capacity(nnz), Vec::with_capacity(nnz));
        for col in entries {
            // Rows were numbered in increasing order, so each column is already sorted.
            for (k, v) in col {
                rowval.push(k);
                nzval.push(v);
            }
            colptr.push(rowval.len());
        }
        let q = (0..lp.n_cols())
            .filter(|&c| col_at[c].is_some())
            .map(|c| lp.obj[c] * s.col[c] * s.objective)
            .collect();
        Conic {
            q,
            a: CscMatrix::new(m, n, colptr, rowval, nzval),
            b,
            n_zero,
            row_at,
            col_at,
            fixed_value,
            scaling,
        }
    }

    pub fn cones(&self) -> Vec<SupportedConeT<f64>> {
        let mut cones = Vec::new();
        if self.n_zero > 0 {
            cones.push(SupportedConeT::ZeroConeT(self.n_zero));
        }
        if self.b.len() > self.n_zero {
            cones.push(SupportedConeT::NonnegativeConeT(self.b.len() - self.n_zero));
        }
        cones
    }

    /// Column values of the LP from Clarabel's x̃ (fixed columns at their bound).
    pub fn values(&self, x: &[f64]) -> Vec<f64> {
        self.col_at
            .iter()
            .zip(&self.scaling.col)
            .zip(&self.fixed_value)
            .map(|((at, d), fixed)| at.map_or(*fixed, |j| x[j] * d))
            .collect()
    }

    /// d objective / d rhs of every LP row from Clarabel's z̃ (see the module comment:
    /// Clarabel's Lagrangian holds zᵀ(Ax + s − b), so d g*/d b = −z).
    pub fn duals(&self, lp: &Lp, z: &[f64]) -> Vec<f64> {
        (0..lp.n_rows())
            .map(|r| {
                let sign = if lp.sense[r] == Sense::Ge { -1.0 } else { 1.0 };
                -sign * z[self.row_at[r]] * self.scaling.row[r] / self.scaling.objective
            })
            .collect()
    }
}

/// Clarabel's form of `lp` with the scaling `scale::choose` picks (or none).
pub fn standard_form(lp: &Lp, scaled: bool) -> Conic {
    let s = if scaled {
        scale::choose(lp)
    } else {
        Scaling::identity(lp)
    };
    Conic::new(lp, s)
}
