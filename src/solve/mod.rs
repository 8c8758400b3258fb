//! Solver backends behind one call: the LP in, column values and row duals out.
//!
//! Infeasible and unbounded are *statuses* (with exit code 3), not crashes. Clarabel is called
//! directly on the scaled standard form (`conic.rs`, `scale.rs`): its claims of infeasibility
//! or unboundedness are verified before they are reported (`clarabel.rs`, `certificate.rs`).
//! The simplex solvers (microlp, HiGHS) go through good_lp (`via_good_lp.rs`).

pub mod certificate;
pub mod clarabel;
pub mod conic;
pub mod optimality;
pub mod outcome;
pub mod scale;
mod via_good_lp;

pub use via_good_lp::solve_milp;

use crate::error::{Error, Result};
use crate::model::lp::{Lp, Values};
use crate::status::Status;
use good_lp::solvers::ResolutionError;
use std::fmt;
use std::str::FromStr;

/// Which solver to use (`--solver`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SolverChoice {
    /// Pure-Rust interior point; builds everywhere; the default.
    #[default]
    Clarabel,
    /// HiGHS (needs the `highs` cargo feature, which needs cmake and libclang to build).
    Highs,
    /// Pure-Rust simplex; only for tiny models.
    Microlp,
}

impl SolverChoice {
    pub const ALL: [SolverChoice; 3] = [
        SolverChoice::Clarabel,
        SolverChoice::Highs,
        SolverChoice::Microlp,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SolverChoice::Clarabel => "clarabel",
            SolverChoice::Highs => "highs",
            SolverChoice::Microlp => "microlp",
        }
    }

    /// Whether this build of spillway has the solver compiled in.
    pub fn available(self) -> bool {
        !matches!(self, SolverChoice::Highs) || cfg!(feature = "highs")
    }
}

impl fmt::Display for SolverChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for SolverChoice {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        SolverChoice::ALL
            .into_iter()
            .find(|c| c.name() == s.to_ascii_lowercase())
            .ok_or_else(|| format!("unknown solver `{s}`; choose clarabel, highs or microlp"))
    }
}

/// A solution: values of all columns and, when the solver gives them, duals of all rows.
pub struct Solved {
    /// `Optimal` or `AlmostOptimal`: every other ending is an `Error`.
    pub status: Status,
    pub values: Values,
    /// d objective / d rhs for each row (None: the solver gives no duals).
    pub duals: Option<Vec<f64>>,
    /// Seconds spent handing the LP to the backend (scaling and the standard form, or
    /// good_lp's conversion), part of the solve call.
    pub setup_seconds: f64,
    /// Interior-point iterations (0 for the simplex solvers).
    pub iterations: u32,
    /// One line per attempt and check (printed with `-v`).
    pub log: Vec<String>,
}

/// Solve the LP (minimisation of its objective). `max_iterations` bounds Clarabel's interior
/// point iterations (the simplex solvers have no such setting).
pub fn solve(lp: Lp, choice: SolverChoice, max_iterations: u32) -> Result<Solved> {
    solve_with(&lp, choice, max_iterations, optimality::Residual::Row)
}

/// `solve` of a borrowed LP (a caller that re-solves it with other bounds keeps it), with
/// Clarabel's answer checked by `residual` (`optimality::Residual`).
pub fn solve_with(
    lp: &Lp,
    choice: SolverChoice,
    max_iterations: u32,
    residual: optimality::Residual,
) -> Result<Solved> {
    if !lp.integer.is_empty() {
        return Err(Error::Internal(
            "an LP with integer columns is a MILP: `solve_milp` solves it".into(),
        ));
    }
    if !choice.available() {
        return Err(Error::Solver {
            solver: choice.name().into(),
            message: "not compiled into this build; rebuild with `cargo build --release --features highs` \
                      (needs cmake and libclang)"
                .into(),
        });
    }
    match choice {
        SolverChoice::Clarabel => {
            let first = clarabel::Attempt {
                residual,
                ..clarabel::Attempt::first(max_iterations)
            };
            let (out, log) = clarabel::solve_verified(lp, first)?;
            let status = match outcome::claim(out.status) {
                outcome::Claim::Solved => Status::Optimal,
                outcome::Claim::AlmostSolved => Status::AlmostOptimal,
                outcome::Claim::Unbounded => return Err(unbounded()),
                outcome::Claim::Infeasible => return Err(infeasible()),
                outcome::Claim::Other => {
                    return Err(Error::Solver {
                        solver: choice.name().into(),
                        message: stopped(out.status, out.iterations),
                    })
                }
            };
            Ok(Solved {
                status,
                values: Values(out.x),
                duals: Some(out.duals),
                setup_seconds: out.setup_seconds,
                iterations: out.iterations,
                log,
            })
        }
        SolverChoice::Microlp | SolverChoice::Highs => via_good_lp::solve(lp, choice),
    }
}

/// What `-v` prints about an LP before it is solved: its size by family and its coefficient
/// ranges as built and as scaled for Clarabel.
pub fn describe(lp: &Lp) -> Vec<String> {
    let fixed = (0..lp.n_cols()).filter(|&c| lp.lo[c] == lp.hi[c]).count();
    let mut lines = vec![format!(
        "LP: {} columns ({fixed} fixed by their bounds, substituted before the solve), {} rows, \
         {} non-zeros",
        lp.n_cols(),
        lp.n_rows(),
        lp.n_nonzeros()
    )];
    for (family, cols, rows) in lp.family_counts() {
        lines.push(format!("  {family:<18} {cols:>9} columns {rows:>9} rows"));
    }
    let show = |r: Option<scale::Range>| match r {
        Some(r) => format!("{:.1e}..{:.1e} (ratio {:.0e})", r.min, r.max, r.ratio()),
        None => "none".into(),
    };
    for (what, s) in [
        ("as built", scale::Scaling::identity(lp)),
        ("scaled  ", scale::choose(lp)),
    ] {
        let r = scale::Ranges::of(lp, &s);
        lines.push(format!(
            "coefficients {what}: matrix {}, rhs {}, objective {}, bounds {}",
            show(r.matrix),
            show(r.rhs),
            show(r.objective),
            show(r.bounds)
        ));
    }
    lines
}

/// Column values of the LP with every column capped at ±`bound`. Only to diagnose an
/// unbounded model: the revenue that is largest in this solution is the one with no limit
/// (`study::unbounded`).
///
/// A capped LP cannot be unbounded, so Clarabel's infeasibility detection is switched off
/// here: it is what misfires when a slipped unit puts coefficients of 1e6 beside 1e-2 in the
/// objective, and the same detection would stop this solve too. The values are returned
/// whatever the solver's ending (an iterate near the optimum names the same revenue); `None`
/// when there are none.
pub fn solve_capped(
    mut lp: Lp,
    choice: SolverChoice,
    max_iterations: u32,
    bound: f64,
) -> Option<Values> {
    for c in 0..lp.n_cols() {
        lp.lo[c] = lp.lo[c].max(-bound);
        lp.hi[c] = lp.hi[c].min(bound);
    }
    if choice != SolverChoice::Clarabel {
        return solve(lp, choice, max_iterations).ok().map(|s| s.values);
    }
    let a = clarabel::Attempt {
        no_detection: true,
        ..clarabel::Attempt::first(max_iterations)
    };
    let out = clarabel::attempt(&lp, a).ok()?;
    out.x.iter().all(|x| x.is_finite()).then_some(Values(out.x))
}

/// Why Clarabel stopped without an answer, in words.
fn stopped(status: ::clarabel::solver::SolverStatus, iterations: u32) -> String {
    use ::clarabel::solver::SolverStatus as S;
    match status {
        S::MaxIterations => {
            format!("Max iterations reached ({iterations}) before convergence; raise --max-iter")
        }
        S::MaxTime => "time limit reached".into(),
        S::NumericalError => format!("numerical error after {iterations} iterations"),
        S::InsufficientProgress => format!("no progress after {iterations} iterations"),
        other => format!("{other:?} after {iterations} iterations"),
    }
}

/// The generic unbounded error; `study::unbounded` replaces its hint with the cause when a
/// bounded re-solve finds it.
pub fn unbounded() -> Error {
    Error::Infeasible {
        status: Status::Unbounded,
        hint: "some revenue can grow without limit: check that every option with a positive \
               margin has a finite `sites_max_mw` and that import prices are not below export prices"
            .into(),
    }
}

/// The infeasible error.
pub fn infeasible() -> Error {
    Error::Infeasible {
        status: Status::Infeasible,
        hint: "no dispatch satisfies the constraints; demand is always feasible through unserved \
               energy, so look at minimum utilisations, fixed capacities and negative bounds"
            .into(),
    }
}

pub(crate) fn map_error(choice: SolverChoice, e: ResolutionError) -> Error {
    match e {
        ResolutionError::Infeasible => infeasible(),
        ResolutionError::Unbounded => unbounded(),
        other => Error::Solver {
            solver: choice.name().into(),
            message: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::lp::Sense;

    fn status_of(lp: Lp, solver: SolverChoice) -> Error {
        match solve(lp, solver, 500) {
            Ok(_) => panic!("expected an error status"),
            Err(e) => e,
        }
    }

    #[test]
    fn infeasible_is_a_status_with_exit_code_3() {
        for solver in SolverChoice::ALL.into_iter().filter(|s| s.available()) {
            // x ≥ 0 and x ≤ −1.
            let mut lp = Lp::new();
            let x = lp.nonneg();
            lp.cost(1.0, x);
            lp.row(&[(1.0, x)], Sense::Le, -1.0);
            let e = status_of(lp, solver);
            assert_eq!(e.exit_code(), 3, "{solver}: {e}");
            assert!(e.to_string().contains("infeasible"), "{solver}: {e}");
        }
    }

    #[test]
    fn unbounded_is_a_status_with_exit_code_3() {
        for solver in SolverChoice::ALL.into_iter().filter(|s| s.available()) {
            // minimise −x with x ≥ 0 and nothing above.
            let mut lp = Lp::new();
            let x = lp.nonneg();
            let y = lp.nonneg();
            lp.cost(-1.0, x);
            lp.row(&[(1.0, x), (-1.0, y)], Sense::Ge, 0.0);
            let e = status_of(lp, solver);
            assert_eq!(e.exit_code(), 3, "{solver}: {e}");
            assert!(e.to_string().contains("unbounded"), "{solver}: {e}");
        }
    }

    #[test]
    fn equality_duals_have_the_sign_of_a_marginal_cost() {
        // min 3x s.t. x = 2: one more unit of the right-hand side costs 3.
        let mut lp = Lp::new();
        let x = lp.nonneg();
        lp.cost(3.0, x);
        lp.row(&[(1.0, x)], Sense::Eq, 2.0);
        let s = solve(lp, SolverChoice::Clarabel, 500).unwrap_or_else(|e| panic!("{e}"));
        assert!((s.values.get(x) - 2.0).abs() < 1e-6);
        assert!((s.duals.unwrap()[0] - 3.0).abs() < 1e-6);
    }

    #[test]
    fn inequality_duals_have_the_sign_of_a_marginal_cost() {
        // min −x s.t. x ≤ 2: one more unit of room lowers the cost by 1.
        let mut lp = Lp::new();
        let x = lp.nonneg();
        lp.cost(-1.0, x);
        lp.row(&[(1.0, x)], Sense::Le, 2.0);
        let s = solve(lp, SolverChoice::Clarabel, 500).unwrap_or_else(|e| panic!("{e}"));
        assert!((s.duals.unwrap()[0] + 1.0).abs() < 1e-6);
        // min 5x s.t. 2x ≥ 3: one more unit of requirement costs 5/2.
        let mut lp = Lp::new();
        let x = lp.nonneg();
        lp.cost(5.0, x);
        lp.row(&[(2.0, x)], Sense::Ge, 3.0);
        let s = solve(lp, SolverChoice::Clarabel, 500).unwrap_or_else(|e| panic!("{e}"));
        assert!((s.values.get(x) - 1.5).abs() < 1e-6);
        assert!((s.duals.unwrap()[0] - 2.5).abs() < 1e-6);
    }
}
