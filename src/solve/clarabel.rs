//! Clarabel, called directly on the scaled standard form (`conic.rs`).
//!
//! A claimed infeasible or unbounded is never reported unchecked (issue 13): an interior-point
//! solver declares them from a certificate that is only approximately one, and Clarabel at
//! its default tolerances has been seen to call a bounded LP with a reservoir of two
//! 4,380-hour steps "dual infeasible" at its second iteration. So a claim is re-solved with
//! the infeasibility tolerances tightened 10⁴-fold, and the final certificate is checked
//! against the LP as built (`certificate.rs`). Only a claim that survives both is a status;
//! if the attempts disagree the run ends with a numerical problem (exit 4) that says what was
//! tried.

use super::certificate;
use super::conic::{standard_form, Conic};
use crate::error::{Error, Result};
use crate::model::lp::Lp;
use clarabel::algebra::CscMatrix;
use clarabel::solver::{DefaultSettingsBuilder, DefaultSolver, IPSolver, SolverStatus};
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
}

impl Attempt {
    pub fn describe(&self) -> String {
        format!(
            "{}, {} infeasibility tolerances",
            if self.scaled { "scaled" } else { "unscaled" },
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

/// What one Clarabel solve returned, mapped back to the LP.
pub struct Outcome {
    pub status: SolverStatus,
    /// Column values (a certificate direction when dual infeasible).
    pub x: Vec<f64>,
    /// d objective / d rhs per LP row.
    pub duals: Vec<f64>,
    /// Clarabel's z̃ and the form it belongs to (for the certificate checks).
    pub z: Vec<f64>,
    pub conic: Conic,
    pub iterations: u32,
    /// Seconds to scale the LP and build its standard form.
    pub setup_seconds: f64,
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
    if let Ok(v) = std::env::var("SP_IR") {
        let v: Vec<f64> = v.split(',').map(|x| x.parse().unwrap()).collect();
        settings
            .iterative_refinement_reltol(v[0])
            .iterative_refinement_abstol(v[1])
            .iterative_refinement_max_iter(v[2] as u32)
            .iterative_refinement_stop_ratio(v[3]);
    }
    if let Ok(v) = std::env::var("SP_EQ") {
        let v: Vec<f64> = v.split(',').map(|x| x.parse().unwrap()).collect();
        settings
            .equilibrate_max_iter(v[0] as u32)
            .equilibrate_min_scaling(v[1])
            .equilibrate_max_scaling(v[2]);
    }
    if std::env::var("SP_VERBOSE").is_ok() {
        settings.verbose(true);
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
        duals: conic.duals(lp, &sol.z),
        z: sol.z.clone(),
        iterations: sol.iterations,
        setup_seconds,
        conic,
    })
}

/// A claim of infeasibility or unboundedness, or an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    Solved,
    AlmostSolved,
    Infeasible,
    Unbounded,
    Other,
}

pub fn claim(status: SolverStatus) -> Claim {
    use SolverStatus as S;
    match status {
        S::Solved => Claim::Solved,
        S::AlmostSolved => Claim::AlmostSolved,
        S::PrimalInfeasible | S::AlmostPrimalInfeasible => Claim::Infeasible,
        S::DualInfeasible | S::AlmostDualInfeasible => Claim::Unbounded,
        _ => Claim::Other,
    }
}

/// Solve, verifying any claim of infeasibility or unboundedness (see the module comment).
/// Returns the accepted outcome and a line per attempt (for `-v` and for error messages).
pub fn solve_verified(lp: &Lp, max_iterations: u32) -> Result<(Outcome, Vec<String>)> {
    let first = Attempt {
        max_iterations,
        scaled: std::env::var("SPILLWAY_NOSCALE").is_err(),
        tight: false,
        no_detection: false,
    };
    let mut log = Vec::new();
    if std::env::var("SPILLWAY_FAM").is_ok() {
        for f in lp.family_counts() {
            eprintln!("{f:?}");
        }
        eprintln!("nnz {}", lp.n_nonzeros());
        std::process::exit(0);
    }
    let out = attempt(lp, first)?;
    log.push(line(&first, &out));
    if std::env::var("SPILLWAY_DEBUG").is_ok() {
        eprintln!(
            "{log:?} {:?}",
            super::conic::Ranges::of(lp, &out.conic.scaling)
        );
        let obj: f64 = lp.obj.iter().zip(&out.x).map(|(c, x)| c * x).sum();
        let mut worst = (0.0f64, 0usize);
        for r in 0..lp.n_rows() {
            let (cols, vals) = lp.row_terms(r);
            let ax: f64 = cols
                .iter()
                .zip(vals)
                .map(|(&c, &v)| v * out.x[c as usize])
                .sum();
            let viol = match lp.sense[r] {
                crate::model::lp::Sense::Le => (ax - lp.rhs[r]).max(0.0),
                crate::model::lp::Sense::Ge => (lp.rhs[r] - ax).max(0.0),
                crate::model::lp::Sense::Eq => (ax - lp.rhs[r]).abs(),
            };
            if viol > worst.0 {
                worst = (viol, r);
            }
        }
        let bviol = (0..lp.n_cols())
            .map(|c| (lp.lo[c] - out.x[c]).max(out.x[c] - lp.hi[c]).max(0.0))
            .fold(0.0, f64::max);
        eprintln!(
            "obj {obj} worst row {:?} {} bound viol {bviol}",
            worst,
            lp.row_names()[worst.1]
        );
    }
    let claimed = claim(out.status);
    if !matches!(claimed, Claim::Infeasible | Claim::Unbounded) {
        return Ok((out, log));
    }
    let tight = Attempt {
        tight: true,
        ..first
    };
    let again = attempt(lp, tight)?;
    log.push(line(&tight, &again));
    let verified = match claim(again.status) {
        Claim::Solved | Claim::AlmostSolved => return Ok((again, log)),
        c if c == claimed => certificate::check(lp, &again, claimed),
        _ => Err("the attempts disagree".to_string()),
    };
    match verified {
        Ok(()) => {
            log.push("certificate checked against the LP as built: holds".into());
            Ok((again, log))
        }
        Err(why) => Err(Error::Solver {
            solver: "clarabel".into(),
            message: format!(
                "numerical problem: the solver claimed the model is {} but this could not be \
                 confirmed ({why}); tried: {}",
                if claimed == Claim::Infeasible {
                    "infeasible"
                } else {
                    "unbounded"
                },
                log.join("; ")
            ),
        }),
    }
}

fn line(a: &Attempt, o: &Outcome) -> String {
    format!(
        "clarabel ({}): {:?} after {} iterations",
        a.describe(),
        o.status,
        o.iterations
    )
}

fn internal(message: String) -> Error {
    Error::Solver {
        solver: "clarabel".into(),
        message,
    }
}
