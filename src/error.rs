//! Typed errors and the documented exit codes.
//!
//! | code | meaning |
//! |------|---------|
//! | 0 | success (a warning about unserved energy may still be printed) |
//! | 2 | bad input: scenario, time series or command-line arguments |
//! | 3 | the model is infeasible or unbounded |
//! | 4 | the solver failed (numerical trouble, iteration limit, not compiled in) |
//! | 5 | results could not be written |
//! | 1 | an internal error (a bug: please report it) |

use crate::status::Status;
use std::fmt;
use std::path::PathBuf;

/// One problem found in the inputs. Validation collects all of them before failing.
#[derive(Debug, Clone, PartialEq)]
pub struct InputProblem {
    /// The file the problem is in (as resolved), if known.
    pub file: Option<PathBuf>,
    /// Where in the file: a line number (1-based), if known.
    pub line: Option<usize>,
    /// What it concerns: a TOML key path (`nodes.chengdu.export_limit_mw`) or a CSV column.
    pub location: String,
    /// What is wrong and what was expected.
    pub message: String,
}

impl InputProblem {
    pub fn new(location: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: None,
            line: None,
            location: location.into(),
            message: message.into(),
        }
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn at_line(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }
}

impl fmt::Display for InputProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => write!(f, "{}:{}: ", file.display(), line)?,
            (Some(file), None) => write!(f, "{}: ", file.display())?,
            _ => {}
        }
        if self.location.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.location, self.message)
        }
    }
}

/// Every error spillway can end with. Each maps to one documented exit code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{} problem(s) in the input:\n{}", .0.len(), render_problems(.0))]
    Input(Vec<InputProblem>),
    #[error("the model is {status}: {hint}")]
    Infeasible { status: Status, hint: String },
    #[error("solver {solver} failed: {message}")]
    Solver { solver: String, message: String },
    /// The solver claimed `claim` (infeasible or unbounded) and spillway could not confirm it
    /// (`solve::clarabel`): a numerical problem, exit code 4, unless the unbounded diagnosis
    /// finds a quantity running to its cap (`study::unbounded`).
    #[error("solver clarabel failed: numerical problem: {message}")]
    Unconfirmed { claim: Status, message: String },
    #[error("cannot write results to {}: {message}", .path.display())]
    Output { path: PathBuf, message: String },
    #[error("internal error (please report): {0}")]
    Internal(String),
}

fn render_problems(problems: &[InputProblem]) -> String {
    problems
        .iter()
        .map(|p| format!("  - {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl Error {
    /// The process exit code documented in the README.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) => 2,
            Error::Infeasible { .. } => 3,
            Error::Solver { .. } | Error::Unconfirmed { .. } => 4,
            Error::Output { .. } => 5,
            Error::Internal(_) => 1,
        }
    }

    /// The status a study records for a point that ended with this error.
    pub fn status(&self) -> Status {
        match self {
            Error::Input(_) => Status::Invalid,
            Error::Infeasible { status, .. } => *status,
            Error::Solver { .. } | Error::Unconfirmed { .. } => Status::SolverFailed,
            Error::Output { .. } | Error::Internal(_) => Status::Failed,
        }
    }

    /// A single input problem, for the many places that find exactly one.
    pub fn input(problem: InputProblem) -> Self {
        Error::Input(vec![problem])
    }

    pub fn output(path: impl Into<PathBuf>, message: impl fmt::Display) -> Self {
        Error::Output {
            path: path.into(),
            message: message.to_string(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
