//! The keys of a two-stage stochastic scenario (issue 11; docs/model.md, "The stochastic LP"):
//! the top-level `hydrology` (which years) and the `[stochastic]` table (how to solve).
//!
//! ```toml
//! hydrology = "design"          # or "all", or [1981, 2006]
//! [stochastic]
//! enabled = true
//! method = "extensive"          # or "benders"
//! cvar_weight = 0.0             # 0 = risk neutral
//! regret = true                 # false: no regret.csv (VSS and EVPI are still computed)
//! ```
//! The years are read and weighted by `study::stochastic::years`; here only the keys and their
//! ranges are checked.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// `hydrology = "design" | "all" | [years]`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(
    untagged,
    expecting = "\"design\", \"all\" or a list of years such as [1981, 2006]"
)]
pub enum Hydrology {
    Named(String),
    Years(Vec<i32>),
}

/// The words `hydrology` accepts.
pub const HYDROLOGY_WORDS: [&str; 2] = ["design", "all"];

/// How to solve the stochastic LP.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// One LP with a block per year (few years or a coarse resolution).
    #[default]
    Extensive,
    /// The L-shaped method: a master over the capacities, the years solved apart in parallel.
    Benders,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Extensive => "extensive",
            Method::Benders => "benders",
        }
    }
}

/// `[stochastic]`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Stochastic {
    /// Solve one plan for every year of `hydrology` (false: the table is ignored).
    #[serde(default)]
    pub enabled: bool,
    #[serde(default)]
    pub method: Method,
    /// CVaR level: the risk term is the mean cost of the worst 1 − α of the probability.
    #[serde(default = "cvar_alpha")]
    pub cvar_alpha: f64,
    /// Weight λ of CVaR in the objective (1 − λ on the expected cost); 0 = risk neutral.
    #[serde(default)]
    pub cvar_weight: f64,
    /// Benders: stop when (upper − lower) ÷ max(1, |upper|) is at most this.
    #[serde(default = "gap")]
    pub gap: f64,
    /// Benders: most master iterations.
    #[serde(default = "max_iterations")]
    pub max_iterations: usize,
    /// Evaluate every plan in every year and write `regret.csv` ((N + 3)·N year solves for N
    /// years). `false` skips the single-year plans' evaluations in the other years: VSS and
    /// EVPI are still computed (they need each year's optimum and the mean-year plan in every
    /// year, about 4N solves), `regret.csv` is not written.
    #[serde(default = "regret")]
    pub regret: bool,
    /// Table of years (`hydrology_year`, `relative_to_mean`); default `hydrology_years.csv`
    /// beside `time.profiles`, as for sweeps. Relative to the scenario file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hydrology_file: Option<PathBuf>,
    /// `hydrology = "design"`: the exceedance probabilities of the design years (default
    /// `hydrology::design_years::DEFAULT_EXCEEDANCE`, 10, 50, 75 and 90 %).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub design_exceedance: Option<Vec<f64>>,
}

/// 0.9: the mean of the worst tenth of outcomes (ASSUMPTION: a common textbook level; it
/// only matters when `cvar_weight` > 0).
fn cvar_alpha() -> f64 {
    0.9
}

/// 1e-5 (ASSUMPTION): Benders' objective then agrees with the extensive form's to 1e-4 (3e-6 on
/// the design years, 2e-6 on 38 years); capacities need 1e-8 (a flat optimum), which 38 years do
/// not reach in 200 iterations (docs/model.md §12; tests/stochastic_shipped.rs runs at 1e-8).
fn gap() -> f64 {
    1e-5
}

/// 200 master iterations (ASSUMPTION: a bound against a stalled run; the shipped cases take
/// far fewer, see README's Performance).
fn max_iterations() -> usize {
    200
}

/// The regret table is on by default: it is what a planner reads to trust the plan; a long
/// record (38 years) can switch it off.
fn regret() -> bool {
    true
}

/// Most Benders iterations `max_iterations` may ask for (ASSUMPTION: a bound against slips).
pub const MAX_BENDERS_ITERATIONS: usize = 10_000;

impl Default for Stochastic {
    fn default() -> Self {
        Stochastic {
            enabled: false,
            method: Method::default(),
            cvar_alpha: cvar_alpha(),
            cvar_weight: 0.0,
            gap: gap(),
            max_iterations: max_iterations(),
            regret: regret(),
            hydrology_file: None,
            design_exceedance: None,
        }
    }
}

/// Whether a scenario is solved as a stochastic LP.
pub fn is_stochastic(sc: &super::Scenario) -> bool {
    sc.stochastic.as_ref().is_some_and(|s| s.enabled)
}
