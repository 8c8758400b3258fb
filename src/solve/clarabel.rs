//! Clarabel, called directly on the scaled standard form (`conic.rs`), and every answer
//! verified before it is used (issue 13).
//!
//! Clarabel stops when its residuals on *its* scaled data are small, and declares infeasible
//! or unbounded from a certificate that is only approximately one: at its default tolerances
//! it has called a bounded LP with a reservoir of two 4,380-hour steps "dual infeasible" after
//! one iteration (`tests/verified_status.rs`). So an optimum must pass `optimality::measure`
//! on the LP as built, or the LP is re-solved; a claim of infeasibility or unboundedness is
//! re-solved with the infeasibility tolerances tightened 10⁴-fold, and a repeated claim's
//! certificate is checked against the standard form (`certificate.rs`). Only a claim that
//! survives both is a status; otherwise the run ends with a numerical problem (exit 4) that
//! lists every attempt.

use super::conic::standard_form;
use super::outcome::{claim, Claim, Outcome};
use super::{certificate, optimality};
use crate::error::{Error, Result};
use crate::model::lp::Lp;
use crate::status::Status;
use clarabel::algebra::CscMatrix;
use clarabel::solver::{DefaultSettingsBuilder, DefaultSolver, IPSolver};
use std::time::Instant;

/// One attempt's settings.
#[derive(Debug, Clone, Copy)]
pub struct Attempt {
    pub max_iterations: u32,
    /// Scale the LP (`scale.rs`) before Clarabel's own equilibration.
    pub scaled: bool,
    /// Infeasibility tolerances 10⁴ times tighter than Clarabel's defaults (10⁻⁸ → 10⁻¹²).
    pub tight: bool,
    /// Switch infeasibility detection off (a capped diagnostic LP cannot be unbounded).
    pub no_detection: bool,
    /// Clarabel's iterative refinement (up to 10 steps to 1e-13) instead of none.
    pub refine: bool,
    /// How the answer's residual is checked (`optimality::Residual`; every retry keeps it).
    pub residual: optimality::Residual,
}

impl Attempt {
    /// The first attempt: scaled, no refinement, default tolerances.
    pub fn first(max_iterations: u32) -> Attempt {
        Attempt {
            max_iterations,
            scaled: true,
            tight: false,
            no_detection: false,
            refine: false,
            residual: optimality::Residual::Row,
        }
    }

    pub fn describe(&self) -> String {
        format!(
            "{}, {} refinement, {} infeasibility tolerances",
            if self.scaled { "scaled" } else { "unscaled" },
            if self.refine { "with" } else { "no" },
            if self.no_detection {
                "no"
            } else if self.tight {
                "1e-12"
            } else {
                "default (1e-8)"
            }
        )
    }
}

/// Solve once with `attempt`'s settings.
pub fn attempt(lp: &Lp, a: Attempt) -> Result<Outcome> {
    let start = Instant::now();
    let conic = standard_form(lp, a.scaled);
    let setup_seconds = start.elapsed().as_secs_f64();
    let mut settings = DefaultSettingsBuilder::default();
    settings
        .verbose(false)
        .max_iter(a.max_iterations)
        // good_lp's Clarabel backend used 1e-9 (Clarabel's default is 1e-8): kept, so results
        // match those before the backend was replaced.
        .tol_feas(1e-9);
    if !a.refine {
        // No iterative refinement (Clarabel's default is up to 10 steps to 1e-13): with a
        // factor as sparse as spillway's (about as many non-zeros as the KKT matrix), the
        // refinement's extra solves and products were 40 % of the solve time at 3 h
        // (profiled 2026-11-30), and the hourly default solves 1.33× faster without it than
        // with one step. The answer is checked by `optimality` anyway; the retries refine.
        settings.iterative_refinement_enable(false);
    }
    if a.tight {
        settings
            .tol_infeas_abs(1e-12)
            .tol_infeas_rel(1e-12)
            .reduced_tol_infeas_abs(1e-10)
            .reduced_tol_infeas_rel(1e-10);
    }
    if a.no_detection {
        settings
            .tol_infeas_abs(0.0)
            .tol_infeas_rel(0.0)
            .reduced_tol_infeas_abs(0.0)
            .reduced_tol_infeas_rel(0.0);
    }
    let settings = settings.build().map_err(|e| internal(e.to_string()))?;
    let n = conic.q.len();
    let p = CscMatrix::zeros((n, n));
    let mut solver = DefaultSolver::new(&p, &conic.q, &conic.a, &conic.b, &conic.cones(), settings)
        .map_err(|e| internal(e.to_string()))?;
    solver.solve();
    let sol = &solver.solution;
    Ok(Outcome {
        status: sol.status,
        x: conic.values(&sol.x),
        x_conic: sol.x.clone(),
        duals: conic.duals(lp, &sol.z),
        z: sol.z.clone(),
        iterations: sol.iterations,
        setup_seconds,
        kkt_nonzeros: (solver.info.linsolver.nnzA, solver.info.linsolver.nnzL),
        conic,
    })
}

/// Solve, verifying the answer whatever it is (see the module comment): an optimum must pass
/// `optimality::measure` on the LP as built, and a claim of infeasibility or unboundedness
/// must survive a tighter re-solve and its certificate's check. Returns the accepted outcome
/// and a line per attempt (printed with `-v`, quoted in errors).
pub fn solve_verified(lp: &Lp, first: Attempt) -> Result<(Outcome, Vec<String>)> {
    let mut log = Vec::new();
    let out = attempt(lp, first)?;
    log.push(line(&first, &out));
    match claim(out.status) {
        Claim::Solved | Claim::AlmostSolved => {
            if accept(lp, &out, first.residual, &mut log) {
                return Ok((out, log));
            }
            // Not optimal after all: the same LP unscaled (or scaled, if it was not), then
            // with tight tolerances.
            for retry in [
                Attempt {
                    scaled: !first.scaled,
                    refine: true,
                    ..first
                },
                Attempt {
                    tight: true,
                    refine: true,
                    ..first
                },
            ] {
                let again = attempt(lp, retry)?;
                log.push(line(&retry, &again));
                let solved = matches!(claim(again.status), Claim::Solved | Claim::AlmostSolved);
                if solved && accept(lp, &again, retry.residual, &mut log) {
                    return Ok((again, log));
                }
            }
            Err(numerical(
                "the answer could not be verified as optimal",
                &log,
            ))
        }
        claimed @ (Claim::Infeasible | Claim::Unbounded) => verify_claim(lp, first, claimed, log),
        Claim::Other => Ok((out, log)),
    }
}

/// Whether `out` passes the optimality check; logs the measured gap and residual.
fn accept(lp: &Lp, out: &Outcome, residual: optimality::Residual, log: &mut Vec<String>) -> bool {
    let q = optimality::measure(lp, &out.x, &out.duals);
    let by_family = match residual {
        optimality::Residual::Row => String::new(),
        optimality::Residual::Family => {
            format!(
                " ({:.1e} against its family's largest row)",
                q.family_residual
            )
        }
    };
    log.push(format!(
        "checked on the LP as built: objective {:.6e}, dual bound {:.6e}, relative gap {:.1e}, \
         largest relative residual {:.1e}{by_family}",
        q.primal_objective, q.dual_bound, q.gap, q.residual
    ));
    q.acceptable_by(residual)
}

/// Re-solve a claim of infeasibility or unboundedness with tight tolerances and check the
/// certificate; an optimum found on the way is accepted once it passes the check.
fn verify_claim(
    lp: &Lp,
    first: Attempt,
    claimed: Claim,
    mut log: Vec<String>,
) -> Result<(Outcome, Vec<String>)> {
    let tight = Attempt {
        tight: true,
        refine: true,
        ..first
    };
    let again = attempt(lp, tight)?;
    log.push(line(&tight, &again));
    let verdict = match claim(again.status) {
        Claim::Solved | Claim::AlmostSolved if accept(lp, &again, tight.residual, &mut log) => {
            return Ok((again, log))
        }
        Claim::Solved | Claim::AlmostSolved => {
            Err("the re-solve's optimum failed its check".into())
        }
        c if c == claimed => certificate::check(lp, &again, claimed),
        _ => Err("the attempts disagree".to_string()),
    };
    match verdict {
        Ok(()) => {
            log.push("certificate checked against the LP as built: holds".into());
            Ok((again, log))
        }
        Err(why) => {
            let (what, claim) = if claimed == Claim::Infeasible {
                ("infeasible", Status::Infeasible)
            } else {
                ("unbounded", Status::Unbounded)
            };
            Err(Error::Unconfirmed {
                claim,
                message: format!(
                    "the solver claimed the model is {what} but this could not be confirmed \
                     ({why}); tried: {}",
                    log.join("; ")
                ),
            })
        }
    }
}

/// A numerical problem (exit 4) saying what was tried.
fn numerical(what: &str, log: &[String]) -> Error {
    Error::Solver {
        solver: "clarabel".into(),
        message: format!("numerical problem: {what}; tried: {}", log.join("; ")),
    }
}

fn line(a: &Attempt, o: &Outcome) -> String {
    format!(
        "clarabel ({}): {:?} after {} iterations; KKT {} non-zeros, factor {}",
        a.describe(),
        o.status,
        o.iterations,
        o.kkt_nonzeros.0,
        o.kkt_nonzeros.1
    )
}

fn internal(message: String) -> Error {
    Error::Solver {
        solver: "clarabel".into(),
        message,
    }
}
