//! Solver backends behind one call: the LP in, column values and row duals out.
//!
//! Infeasible and unbounded are *statuses* (with exit code 3), not crashes. good_lp's Clarabel
//! backend reports `Optimal` for every outcome, so the true status is read from the inner
//! Clarabel solution: AlmostSolved is accepted with a warning, DualInfeasible is unbounded.

use crate::error::{Error, Result};
use crate::model::lp::{Col, Lp, Sense, Values};
use crate::status::Status;
use good_lp::constraint::ConstraintReference;
use good_lp::solvers::{DualValues, ResolutionError, Solution, SolutionWithDual, SolverModel};
use std::fmt;
use std::str::FromStr;
use std::time::Instant;

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
    /// Seconds spent handing the rows to the backend (good_lp's conversion), part of the solve call.
    pub setup_seconds: f64,
}

/// Solve the LP (minimisation of its objective). `max_iterations` bounds Clarabel's interior
/// point iterations (the simplex solvers have no such setting).
pub fn solve(lp: Lp, choice: SolverChoice, max_iterations: u32) -> Result<Solved> {
    if !choice.available() {
        return Err(Error::Solver {
            solver: choice.name().into(),
            message: "not compiled into this build; rebuild with `cargo build --release --features highs` \
                      (needs cmake and libclang)"
                .into(),
        });
    }
    let Lp {
        vars,
        cols,
        objective,
        rows,
        ..
    } = lp;
    let unsolved = vars.minimise(objective);
    match choice {
        SolverChoice::Clarabel => {
            let setup = Instant::now();
            let mut model = unsolved.using(good_lp::solvers::clarabel::clarabel);
            model.settings().max_iter(max_iterations);
            let refs: Vec<ConstraintReference> =
                rows.into_iter().map(|r| model.add_constraint(r)).collect();
            let setup_seconds = setup.elapsed().as_secs_f64();
            let mut sol = model.solve().map_err(|e| map_error(choice, e))?;
            use clarabel::solver::SolverStatus as S;
            let status = match sol.inner().status {
                S::Solved => Status::Optimal,
                S::AlmostSolved => Status::AlmostOptimal,
                S::DualInfeasible | S::AlmostDualInfeasible => return Err(unbounded()),
                other => {
                    return Err(Error::Solver {
                        solver: choice.name().into(),
                        message: format!("{other:?}"),
                    })
                }
            };
            let values = Values(cols.iter().map(|v| sol.value(*v)).collect());
            let duals = sol.compute_dual();
            let duals = refs.into_iter().map(|r| duals.dual(r)).collect();
            Ok(Solved {
                status,
                values,
                duals: Some(duals),
                setup_seconds,
            })
        }
        SolverChoice::Microlp => {
            let setup = Instant::now();
            let mut model = unsolved.using(good_lp::solvers::microlp::microlp);
            for r in rows {
                model.add_constraint(r);
            }
            let setup_seconds = setup.elapsed().as_secs_f64();
            let sol = model.solve().map_err(|e| map_error(choice, e))?;
            let values = Values(cols.iter().map(|v| sol.value(*v)).collect());
            Ok(Solved {
                status: Status::Optimal,
                values,
                duals: None,
                setup_seconds,
            })
        }
        SolverChoice::Highs => solve_highs(unsolved, cols, rows),
    }
}

/// Column values of the LP with every column capped at ±`bound` (added as rows: the columns'
/// own bounds are fixed when they are created). Only to diagnose an unbounded model: the
/// revenue that is largest in this solution is the one with no limit (`study::unbounded`).
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
        lp.row(&[(1.0, Col(c as u32))], Sense::Le, bound);
        lp.row(&[(1.0, Col(c as u32))], Sense::Ge, -bound);
    }
    if choice != SolverChoice::Clarabel {
        return solve(lp, choice, max_iterations).ok().map(|s| s.values);
    }
    let Lp {
        vars,
        cols,
        objective,
        rows,
        ..
    } = lp;
    let mut model = vars
        .minimise(objective)
        .using(good_lp::solvers::clarabel::clarabel);
    model
        .settings()
        .max_iter(max_iterations)
        .tol_infeas_abs(0.0)
        .tol_infeas_rel(0.0)
        .reduced_tol_infeas_abs(0.0)
        .reduced_tol_infeas_rel(0.0);
    for r in rows {
        model.add_constraint(r);
    }
    let sol = model.solve().ok()?;
    let values: Vec<f64> = cols.iter().map(|v| sol.value(*v)).collect();
    values
        .iter()
        .all(|x| x.is_finite())
        .then_some(Values(values))
}

#[cfg(feature = "highs")]
fn solve_highs(
    unsolved: good_lp::variable::UnsolvedProblem,
    cols: Vec<good_lp::Variable>,
    rows: Vec<good_lp::Constraint>,
) -> Result<Solved> {
    let setup = Instant::now();
    let mut model = unsolved.using(good_lp::solvers::highs::highs);
    let refs: Vec<ConstraintReference> =
        rows.into_iter().map(|r| model.add_constraint(r)).collect();
    let setup_seconds = setup.elapsed().as_secs_f64();
    let mut sol = model
        .solve()
        .map_err(|e| map_error(SolverChoice::Highs, e))?;
    // good_lp maps HiGHS's infeasible/unbounded to errors; limits come back as a status.
    if !matches!(sol.status(), good_lp::SolutionStatus::Optimal) {
        return Err(Error::Solver {
            solver: "highs".into(),
            message: format!("stopped with status {:?}", sol.status()),
        });
    }
    let values = Values(cols.iter().map(|v| sol.value(*v)).collect());
    let duals = sol.compute_dual();
    let duals = refs.into_iter().map(|r| duals.dual(r)).collect();
    Ok(Solved {
        status: Status::Optimal,
        values,
        duals: Some(duals),
        setup_seconds,
    })
}

#[cfg(not(feature = "highs"))]
fn solve_highs(
    _: good_lp::variable::UnsolvedProblem,
    _: Vec<good_lp::Variable>,
    _: Vec<good_lp::Constraint>,
) -> Result<Solved> {
    Err(Error::Solver {
        solver: "highs".into(),
        message: "not compiled into this build".into(),
    })
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

fn map_error(choice: SolverChoice, e: ResolutionError) -> Error {
    match e {
        ResolutionError::Infeasible => Error::Infeasible {
            status: Status::Infeasible,
            hint:
                "no dispatch satisfies the constraints; demand is always feasible through unserved \
                   energy, so look at minimum utilisations, fixed capacities and negative bounds"
                    .into(),
        },
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
}
