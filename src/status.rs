//! How a solve (or a sweep point) ended: the one list of statuses.
//!
//! The serialised names (`optimal`, `almost_optimal`, `infeasible`, …) are a contract: they are
//! summary.json's `status`, sweep.csv's `status` column and compare's status row, and planners'
//! scripts match them. Serde writes them, and `Display` goes through serde, so there is one
//! spelling of each.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Solved to the solver's full accuracy.
    Optimal,
    /// Clarabel stopped at reduced accuracy; results are usable but say so.
    AlmostOptimal,
    /// No dispatch satisfies the constraints.
    Infeasible,
    /// Some revenue can grow without limit.
    Unbounded,
    /// The inputs (of a sweep point) fail validation; nothing was solved.
    Invalid,
    /// The solver stopped without a solution (iteration limit, numerical trouble, not compiled in).
    SolverFailed,
    /// Anything else (writing, an internal error).
    Failed,
}

impl Status {
    /// Whether the solve produced a solution whose results can be read.
    pub fn has_solution(self) -> bool {
        matches!(self, Status::Optimal | Status::AlmostOptimal)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(s)) => f.write_str(&s),
            _ => Err(fmt::Error),
        }
    }
}

impl std::str::FromStr for Status {
    type Err = String;

    /// A status by its serialised name (as read back from sweep.csv or summary.json).
    fn from_str(s: &str) -> Result<Status, String> {
        serde_json::from_value(serde_json::Value::String(s.to_string()))
            .map_err(|_| format!("`{s}` is not a status"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_ones_scripts_match() {
        // Written out by hand on purpose: these strings are the contract with users' scripts.
        let expected = [
            (Status::Optimal, "optimal"),
            (Status::AlmostOptimal, "almost_optimal"),
            (Status::Infeasible, "infeasible"),
            (Status::Unbounded, "unbounded"),
            (Status::Invalid, "invalid"),
            (Status::SolverFailed, "solver_failed"),
            (Status::Failed, "failed"),
        ];
        for (status, name) in expected {
            assert_eq!(status.to_string(), name);
            assert_eq!(
                serde_json::to_string(&status).unwrap(),
                format!("\"{name}\"")
            );
            let back: Status = serde_json::from_str(&format!("\"{name}\"")).unwrap();
            assert_eq!(back, status);
            assert_eq!(name.parse::<Status>(), Ok(status));
            assert_eq!(status.has_solution(), name.ends_with("optimal"));
        }
    }
}
