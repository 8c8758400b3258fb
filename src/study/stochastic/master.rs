//! The Benders master (docs/model.md, "The stochastic LP"): the shared capacities C ∈ [lo, hi]
//! with their capital cost K·C, one θ_y per year bounded below by that year's cuts, and with
//! CVaR η and u_y ≥ θ_y + K·C − η; it minimises the extensive form's objective with Q_y
//! replaced by θ_y, so its optimum is a lower bound on the stochastic optimum.
//!
//! It is solved in units where it is well scaled: each decision as its share of its range,
//! C_k = lo_k + (hi_k − lo_k)·v_k with v_k ∈ [0, 1], and every cost in units of `scale_cny`
//! (the largest operating cost of the first evaluation), so a cut's coefficients are about 1
//! where in CNY and MW they span 10⁻³ to 10¹⁰. It is solved by simplex (microlp, always
//! built), which returns a vertex, exact for an LP this small (decisions + years + cuts); an
//! interior point was seen to claim the unscaled master unbounded and fail to confirm it.

use super::subproblem::Evaluation;
use super::Risk;
use crate::error::Result;
use crate::model::lp::{Col, Index, Lp, Sense};
use crate::solve::SolverChoice;
use crate::study::RunSettings;

/// What the master knows of the first stage: per decision its capital cost and bounds.
#[derive(Debug, Clone)]
pub struct FirstStage {
    pub cost_cny_per_unit: Vec<f64>,
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
}

/// One cut θ_y ≥ lower + g · (C − at).
#[derive(Debug, Clone)]
pub struct Cut {
    pub year: usize,
    pub lower_cny: f64,
    pub slopes: Vec<f64>,
    pub at: Vec<f64>,
}

impl Cut {
    pub fn new(year: usize, at: &[f64], e: &Evaluation) -> Cut {
        Cut {
            year,
            lower_cny: e.lower_cny,
            slopes: e.slopes.clone(),
            at: at.to_vec(),
        }
    }

    /// The cut's value at `plan`, CNY.
    pub fn at(&self, plan: &[f64]) -> f64 {
        self.lower_cny
            + self
                .slopes
                .iter()
                .zip(plan.iter().zip(&self.at))
                .map(|(g, (c, a))| g * (c - a))
                .sum::<f64>()
    }
}

/// The master's data: the first stage, the years' probabilities, the risk and the cuts.
pub struct Master {
    pub first: FirstStage,
    pub p: Vec<f64>,
    pub risk: Risk,
    pub scale_cny: f64,
    pub cuts: Vec<Cut>,
}

impl Master {
    /// Solve: the plan and the master's optimum (a lower bound), CNY.
    pub fn solve(&self, settings: &RunSettings) -> Result<(Vec<f64>, f64)> {
        let (lambda, s) = (self.risk.weight, self.scale_cny);
        let first = &self.first;
        let range: Vec<f64> = first.lo.iter().zip(&first.hi).map(|(l, h)| h - l).collect();
        // K_k (hi_k − lo_k) ÷ S: the capital cost of a decision's whole range, scaled.
        let k_scaled: Vec<f64> = first
            .cost_cny_per_unit
            .iter()
            .zip(&range)
            .map(|(k, r)| k * r / s)
            .collect();
        let capital_at_lo: f64 = first
            .cost_cny_per_unit
            .iter()
            .zip(&first.lo)
            .map(|(k, l)| k * l)
            .sum();
        let mut lp = Lp::new();
        let f = lp.family("plan_share", "", Index::Ord);
        let v: Vec<Col> = k_scaled
            .iter()
            .zip(&range)
            .map(|(&k, &r)| {
                let col = lp.col_in(f, 0.0, if r > 0.0 { 1.0 } else { 0.0 });
                lp.cost((1.0 - lambda) * k, col);
                col
            })
            .collect();
        let f = lp.family("theta", "", Index::Ord);
        let theta: Vec<Col> = self
            .p
            .iter()
            .map(|p| {
                let col = lp.col_in(f, f64::NEG_INFINITY, f64::INFINITY);
                lp.cost((1.0 - lambda) * p, col);
                col
            })
            .collect();
        let f = lp.family("cut", "", Index::Ord);
        for cut in &self.cuts {
            // θ ≥ L + g·(lo + r v − a)  ⇔  θ/S − Σ (g r / S) v ≥ (L + g·(lo − a)) / S.
            let mut row = vec![(1.0, theta[cut.year])];
            row.extend(
                cut.slopes
                    .iter()
                    .zip(&range)
                    .zip(&v)
                    .map(|((g, r), &c)| (-g * r / s, c)),
            );
            let rhs = cut.at(&first.lo) / s;
            lp.row_in(f, &row, Sense::Ge, rhs);
        }
        if lambda > 0.0 {
            self.add_cvar(&mut lp, &v, &theta, &k_scaled, capital_at_lo / s);
        }
        let obj = lp.obj.clone();
        let solver = match settings.solver() {
            SolverChoice::Clarabel => SolverChoice::Microlp,
            other => other,
        };
        let solved = crate::solve::solve(lp, solver, settings.max_iterations())?;
        let x = &solved.values.0;
        let scaled: f64 = obj.iter().zip(x).map(|(o, v)| o * v).sum();
        let plan = v
            .iter()
            .enumerate()
            .map(|(k, col)| {
                (first.lo[k] + range[k] * x[col.0 as usize]).clamp(first.lo[k], first.hi[k])
            })
            .collect();
        Ok((plan, s * scaled + (1.0 - lambda) * capital_at_lo))
    }

    /// CVaR (scaled): min λ (η + Σ p_y u_y ÷ (1 − α)), u_y ≥ θ_y + K·C − η, u_y ≥ 0.
    fn add_cvar(
        &self,
        lp: &mut Lp,
        v: &[Col],
        theta: &[Col],
        k_scaled: &[f64],
        capital_at_lo: f64,
    ) {
        let lambda = self.risk.weight;
        let f = lp.family("cvar_eta", "", Index::One);
        let eta = lp.col_in(f, f64::NEG_INFINITY, f64::INFINITY);
        lp.cost(lambda, eta);
        let (fu, fr) = (
            lp.family("cvar_excess", "", Index::Ord),
            lp.family("cvar", "", Index::Ord),
        );
        for (y, p) in self.p.iter().enumerate() {
            let u = lp.col_in(fu, 0.0, f64::INFINITY);
            lp.cost(lambda * p / (1.0 - self.risk.alpha), u);
            let mut row = vec![(1.0, u), (-1.0, theta[y]), (1.0, eta)];
            row.extend(k_scaled.iter().zip(v).map(|(k, &c)| (-k, c)));
            lp.row_in(fr, &row, Sense::Ge, capital_at_lo);
        }
    }
}
