//! A Benders subproblem: one year's dispatch with the first-stage capacities held at a plan,
//! built once and re-solved with only those columns' bounds changed (docs/model.md, "The
//! stochastic LP").
//!
//! Each solve gives Q_y(Ĉ) (the cost at the answer, an upper bound to the solver's accuracy)
//! and the cut's two parts, read from the duals y of the LP with C fixed at Ĉ:
//!
//! ```text
//! D(y; C) = Σ_r b_r y_r + Σ_{j free} min_{lo_j ≤ x_j ≤ hi_j} d_j x_j + Σ_k d_k C_k,   d = c − Aᵀy
//! ```
//!
//! By weak duality D(y; C) ≤ Q_y(C) for *every* C and every y of the right signs (≥ 0 on `≥`
//! rows, ≤ 0 on `≤` rows, which an interior point keeps strictly), however accurate y is; and
//! D is affine in C with slope d_k, the reduced cost of the fixed column k. So the cut
//! θ_y ≥ D(y; Ĉ) + d · (C − Ĉ) under-estimates Q_y everywhere. The textbook cut uses the
//! primal cost Q_y(Ĉ) as its intercept instead, which is valid only for exact duals: with an
//! interior point's it can lie above Q_y elsewhere and cut off the optimum. D(y; Ĉ) is
//! `optimality::measure`'s dual bound, within the check's 10⁻⁶ of Q_y(Ĉ).

use super::dispatch::{clamp_to, columns};
use super::years::YearCase;
use crate::error::{Error, Result};
use crate::inputs::Inputs;
use crate::model::{self, stack, Model};
use crate::solve::optimality::{self, Residual};
use crate::study::RunSettings;

/// One year's LP with its first-stage columns ready to be fixed.
pub struct Subproblem {
    model: Model,
    /// Per first-stage decision: its column, its bounds as built, and the (row, coefficient)
    /// pairs it appears in (for its reduced cost).
    fixed: Vec<Fixed>,
    /// The model's constant costs (CNY over the horizon), outside the LP.
    constant_cny: f64,
}

struct Fixed {
    col: usize,
    lo: f64,
    hi: f64,
    rows: Vec<(usize, f64)>,
}

/// A subproblem's answer at a plan.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// Q_y(Ĉ): the operating cost at the answer, CNY over the horizon.
    pub cost_cny: f64,
    /// D(y; Ĉ): a lower bound on Q_y(Ĉ), the cut's intercept.
    pub lower_cny: f64,
    /// d_k: the cut's slopes, CNY per unit of each decision.
    pub slopes: Vec<f64>,
}

impl Subproblem {
    /// Build year `case` with its capital cost taken out (the master charges it).
    pub fn new(case: &YearCase, base: &Inputs, names: &[String]) -> Result<Subproblem> {
        let mut m = model::build(&case.scenario, case.inputs(base));
        let cols = columns(&m, names)?;
        stack::without_capital_cost(&mut m);
        let mut fixed: Vec<Fixed> = cols
            .iter()
            .map(|k| {
                let col = k.col.0 as usize;
                let (lo, hi) = (m.lp.lo[col], m.lp.hi[col]);
                let rows = Vec::new();
                Fixed { col, lo, hi, rows }
            })
            .collect();
        for r in 0..m.lp.n_rows() {
            let (cs, vs) = m.lp.row_terms(r);
            for (&c, &a) in cs.iter().zip(vs) {
                if let Some(f) = fixed.iter_mut().find(|f| f.col == c as usize) {
                    f.rows.push((r, a));
                }
            }
        }
        let constant_cny = m.cost_constants.values().sum();
        Ok(Subproblem {
            model: m,
            fixed,
            constant_cny,
        })
    }

    /// Solve with the decisions held at `plan` (each snapped to a bound within
    /// `dispatch::SNAP`). A fixed column is held by its bounds, which the conic form
    /// substitutes out exactly (a row `capacity = Ĉ` was measured to leave 2e-3 kg of residual
    /// on the hydrogen store); the answer's residual is checked against each row's family.
    pub fn solve(&mut self, plan: &[f64], settings: &RunSettings) -> Result<Evaluation> {
        let lp = &mut self.model.lp;
        for (f, &v) in self.fixed.iter().zip(plan) {
            let v = clamp_to(f.lo, f.hi, v);
            (lp.lo[f.col], lp.hi[f.col]) = (v, v);
        }
        let solved = crate::solve::solve_with(
            lp,
            settings.solver(),
            settings.max_iterations(),
            Residual::Family,
        )?;
        let x = &solved.values.0;
        let y = solved.duals.as_ref().ok_or_else(|| Error::Solver {
            solver: settings.solver().name().into(),
            message: "gave no duals, which Benders needs (use clarabel or highs)".into(),
        })?;
        let q = optimality::measure(lp, x, y);
        if !q.dual_bound.is_finite() {
            return Err(Error::Solver {
                solver: settings.solver().name().into(),
                message: format!(
                    "a Benders subproblem's duals give no finite lower bound (relative gap {:.1e})",
                    q.gap
                ),
            });
        }
        let slopes = self
            .fixed
            .iter()
            .map(|f| lp.obj[f.col] - f.rows.iter().map(|&(r, a)| a * y[r]).sum::<f64>())
            .collect();
        Ok(Evaluation {
            cost_cny: q.primal_objective + self.constant_cny,
            lower_cny: q.dual_bound + self.constant_cny,
            slopes,
        })
    }
}
