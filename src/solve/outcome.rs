//! What one Clarabel attempt returned, mapped back to the LP, and what it claims. Shared by the
//! solve (`clarabel.rs`) and the certificate check (`certificate.rs`), which must not import
//! each other.

use super::conic::Conic;
use clarabel::solver::SolverStatus;

/// What one Clarabel solve returned, mapped back to the LP.
pub struct Outcome {
    pub status: SolverStatus,
    /// Column values of the LP.
    pub x: Vec<f64>,
    /// Clarabel's own x̃ (a certificate direction when dual infeasible).
    pub x_conic: Vec<f64>,
    /// d objective / d rhs per LP row.
    pub duals: Vec<f64>,
    /// Clarabel's z̃ and the form it belongs to (for the certificate checks).
    pub z: Vec<f64>,
    pub conic: Conic,
    pub iterations: u32,
    /// Seconds to scale the LP and build its standard form.
    pub setup_seconds: f64,
    /// Non-zeros of the KKT matrix and of its LDLᵀ factor (the fill is the cost per iteration).
    pub kkt_nonzeros: (usize, usize),
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
