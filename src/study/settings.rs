//! The run settings every solving command shares (`run`, `compare`, `sweep`, `breakeven`):
//! solver, resolution, iteration limit, threads.
//!
//! Built and checked once, as Clarabel's settings are: on the command line each value goes
//! through its checking parser (clap refuses a bad one with exit code 2, naming the argument);
//! in the library the only way to a `RunSettings` other than the defaults is
//! `RunSettingsBuilder::build`, which runs the same checks. Nothing downstream clamps.

use crate::error::{Error, InputProblem, Result};
use crate::series::Resolution;
use crate::solve::SolverChoice;

/// Clarabel's iteration limit unless `--max-iter` says otherwise (Clarabel's own default is 200;
/// the year-long hourly models need more).
pub const DEFAULT_MAX_ITERATIONS: u32 = 500;

/// Longest step accepted, hours: a leap year. One step per year is already the coarsest model
/// that means anything; more is a typo (`--resolution 240d`).
pub const MAX_RESOLUTION_HOURS: usize = crate::series::HOURS_IN_LEAP_YEAR;

/// Most iterations `--max-iter` may allow (ASSUMPTION: 200 times the default; an interior-point
/// solve that has not converged by then will not, and the bound keeps a typo from running for days).
pub const MAX_ITERATIONS: u32 = 100_000;

/// Most threads `--threads` may ask for (ASSUMPTION: a bound against typos such as
/// `--threads 40000`, which would start that many threads; far above any machine's cores).
pub const MAX_THREADS: usize = 1024;

/// Most combinations of lumpy choices `enumerate` solves unless `--lumpy-limit` says
/// otherwise (ASSUMPTION: 256 LPs is about two minutes of 24 h solves of the default scenario on
/// two cores at ≈ 0.5 s each; beyond it the MILP, `--lumpy milp`, is the tool).
pub const DEFAULT_LUMPY_LIMIT: usize = 256;

/// Most combinations `--lumpy-limit` may allow (ASSUMPTION: the bound on a sweep's points).
pub const MAX_LUMPY_LIMIT: usize = 1_000_000;

/// How projects that come whole (`lumpy = true`) are solved exactly (`study::lumpy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LumpyMethod {
    /// Every combination of choices is one LP; the best is kept.
    Enumerate,
    /// One mixed-integer program through HiGHS (the `highs` feature).
    Milp,
}

impl LumpyMethod {
    /// As written in summary.json (`lumpy.method`) and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            LumpyMethod::Enumerate => "enumerate",
            LumpyMethod::Milp => "milp",
        }
    }
}

/// How to solve. Flattened into each solving subcommand (`#[command(flatten)]`).
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct RunSettings {
    /// clarabel (default), highs (needs the `highs` feature) or microlp (tiny models only).
    #[arg(long, default_value = "clarabel", value_parser = parse_solver)]
    solver: SolverChoice,
    /// Step length: 1h, 3h, 24h, 1d, … up to a year, or auto:N for N segments of varying
    /// length that follow the series (docs/time-segments.md). Default: the scenario's
    /// `time.resolution_hours`, or a sweep file's `resolution`/`resolution_hours`.
    #[arg(long = "resolution", value_name = "RESOLUTION", value_parser = parse_resolution_arg)]
    resolution: Option<Resolution>,
    /// Most interior-point iterations of Clarabel before it gives up (exit code 4).
    #[arg(long = "max-iter", value_name = "N", default_value_t = DEFAULT_MAX_ITERATIONS, value_parser = parse_max_iterations)]
    max_iterations: u32,
    /// Cases, points or break-even probes solved at once (default: all cores). The results do
    /// not depend on it; a single `run` solves one scenario on one thread.
    #[arg(long, value_parser = parse_threads)]
    threads: Option<usize>,
    /// Print the LP's size by family, its coefficient ranges before and after scaling, and
    /// each solver attempt with its optimality check (on stderr).
    #[arg(long, short = 'v')]
    verbose: bool,
    /// How projects that come whole (`lumpy = true`) are solved: `enumerate` (every
    /// combination an LP, in parallel) or `milp` (HiGHS; needs the `highs` feature). Default:
    /// enumerate, refused beyond --lumpy-limit combinations.
    #[arg(long = "lumpy", value_name = "METHOD", value_parser = parse_lumpy)]
    lumpy: Option<LumpyMethod>,
    /// Most combinations of lumpy choices to enumerate.
    #[arg(long = "lumpy-limit", value_name = "N", default_value_t = DEFAULT_LUMPY_LIMIT, value_parser = parse_lumpy_limit)]
    lumpy_limit: usize,
}

impl Default for RunSettings {
    fn default() -> Self {
        RunSettings {
            solver: SolverChoice::Clarabel,
            resolution: None,
            max_iterations: DEFAULT_MAX_ITERATIONS,
            threads: None,
            verbose: false,
            lumpy: None,
            lumpy_limit: DEFAULT_LUMPY_LIMIT,
        }
    }
}

impl RunSettings {
    /// Start from the defaults and change what you need, then `build()`.
    pub fn builder() -> RunSettingsBuilder {
        RunSettingsBuilder(RunSettings::default())
    }

    pub fn solver(&self) -> SolverChoice {
        self.solver
    }

    /// The resolution asked for on the command line (None: the scenario's or sweep file's).
    pub fn resolution(&self) -> Option<Resolution> {
        self.resolution
    }

    pub fn max_iterations(&self) -> u32 {
        self.max_iterations
    }

    pub fn verbose(&self) -> bool {
        self.verbose
    }

    /// `--lumpy` (None: enumerate within the limit).
    pub fn lumpy(&self) -> Option<LumpyMethod> {
        self.lumpy
    }

    /// `--lumpy-limit`: most combinations to enumerate.
    pub fn lumpy_limit(&self) -> usize {
        self.lumpy_limit
    }

    /// A pool of `--threads` threads (all cores when not given) to solve in.
    pub fn pool(&self) -> Result<rayon::ThreadPool> {
        let mut builder = rayon::ThreadPoolBuilder::new();
        if let Some(n) = self.threads {
            builder = builder.num_threads(n);
        }
        builder
            .build()
            .map_err(|e| Error::Internal(format!("cannot start threads: {e}")))
    }
}

/// Sets the fields of a `RunSettings`; `build` checks them all and reports every bad one.
#[derive(Debug, Clone)]
pub struct RunSettingsBuilder(RunSettings);

impl RunSettingsBuilder {
    pub fn solver(mut self, solver: SolverChoice) -> Self {
        self.0.solver = solver;
        self
    }

    /// Steps of a fixed number of hours (None: the scenario's).
    pub fn resolution_hours(mut self, hours: Option<usize>) -> Self {
        self.0.resolution = hours.map(Resolution::Hours);
        self
    }

    pub fn resolution(mut self, resolution: Option<Resolution>) -> Self {
        self.0.resolution = resolution;
        self
    }

    pub fn max_iterations(mut self, n: u32) -> Self {
        self.0.max_iterations = n;
        self
    }

    pub fn verbose(mut self, on: bool) -> Self {
        self.0.verbose = on;
        self
    }

    pub fn threads(mut self, n: Option<usize>) -> Self {
        self.0.threads = n;
        self
    }

    pub fn lumpy(mut self, method: Option<LumpyMethod>) -> Self {
        self.0.lumpy = method;
        self
    }

    pub fn lumpy_limit(mut self, n: usize) -> Self {
        self.0.lumpy_limit = n;
        self
    }

    /// The settings, or an input error (exit code 2) naming each bad argument.
    pub fn build(self) -> Result<RunSettings> {
        let s = self.0;
        let mut problems = Vec::new();
        if let Some(Err(m)) = s.resolution.map(check_resolution) {
            problems.push(InputProblem::new("--resolution", m));
        }
        if let Err(m) = check_max_iterations(s.max_iterations) {
            problems.push(InputProblem::new("--max-iter", m));
        }
        if let Some(Err(m)) = s.threads.map(check_threads) {
            problems.push(InputProblem::new("--threads", m));
        }
        if let Err(m) = check_lumpy_limit(s.lumpy_limit) {
            problems.push(InputProblem::new("--lumpy-limit", m));
        }
        if problems.is_empty() {
            Ok(s)
        } else {
            Err(Error::Input(problems))
        }
    }
}

/// A step length in hours must be in 1..=`MAX_RESOLUTION_HOURS`. Used for `--resolution`, a
/// scenario's `time.resolution_hours` and a sweep file's `resolution_hours` alike.
pub fn check_resolution_hours(hours: usize) -> std::result::Result<usize, String> {
    if (1..=MAX_RESOLUTION_HOURS).contains(&hours) {
        Ok(hours)
    } else {
        Err(format!(
            "{hours} h is not a step length: use 1 to {MAX_RESOLUTION_HOURS} hours (a year)"
        ))
    }
}

/// A resolution's own range: a step length in 1..=`MAX_RESOLUTION_HOURS`, or at least one
/// segment (how many a horizon can hold is checked when its profiles are read).
pub fn check_resolution(r: Resolution) -> std::result::Result<Resolution, String> {
    match r {
        Resolution::Hours(h) => check_resolution_hours(h).map(Resolution::Hours),
        Resolution::Auto(n) => check_at_least_one(n)
            .map(Resolution::Auto)
            .map_err(|m| format!("auto:N: N {m}")),
    }
}

fn check_at_least_one(n: usize) -> std::result::Result<usize, String> {
    if n >= 1 {
        Ok(n)
    } else {
        Err("must be at least 1".into())
    }
}

fn check_max_iterations(n: u32) -> std::result::Result<u32, String> {
    match n {
        0 => Err("must be at least 1".into()),
        n if n > MAX_ITERATIONS => Err(format!("{n} iterations: at most {MAX_ITERATIONS}")),
        n => Ok(n),
    }
}

fn check_threads(n: usize) -> std::result::Result<usize, String> {
    check_at_least_one(n).and_then(|n| {
        if n <= MAX_THREADS {
            Ok(n)
        } else {
            Err(format!("{n} threads: at most {MAX_THREADS}"))
        }
    })
}

fn check_lumpy_limit(n: usize) -> std::result::Result<usize, String> {
    check_at_least_one(n).and_then(|n| {
        if n <= MAX_LUMPY_LIMIT {
            Ok(n)
        } else {
            Err(format!("{n} combinations: at most {MAX_LUMPY_LIMIT}"))
        }
    })
}

fn parse_lumpy(s: &str) -> std::result::Result<LumpyMethod, String> {
    match s {
        "enumerate" => Ok(LumpyMethod::Enumerate),
        "milp" => Ok(LumpyMethod::Milp),
        _ => Err(format!("`{s}`: use `enumerate` or `milp`")),
    }
}

fn parse_lumpy_limit(s: &str) -> std::result::Result<usize, String> {
    let n: usize = s
        .parse()
        .map_err(|_| format!("`{s}` is not a whole number of combinations"))?;
    check_lumpy_limit(n)
}

fn parse_solver(s: &str) -> std::result::Result<SolverChoice, String> {
    s.parse()
}

fn parse_resolution_arg(s: &str) -> std::result::Result<Resolution, String> {
    s.parse().and_then(check_resolution)
}

fn parse_max_iterations(s: &str) -> std::result::Result<u32, String> {
    let n: u32 = s
        .parse()
        .map_err(|_| format!("`{s}` is not a whole number of iterations"))?;
    check_max_iterations(n)
}

fn parse_threads(s: &str) -> std::result::Result<usize, String> {
    let n: usize = s
        .parse()
        .map_err(|_| format!("`{s}` is not a whole number of threads"))?;
    check_threads(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsers_refuse_zero_and_absurd_values() {
        let hours = |h| Ok(Resolution::Hours(h));
        assert_eq!(parse_resolution_arg("3h"), hours(3));
        assert_eq!(parse_resolution_arg("1d"), hours(24));
        assert!(parse_resolution_arg("0h").is_err());
        assert!(parse_resolution_arg("367d").is_err());
        assert_eq!(parse_resolution_arg("366d"), hours(MAX_RESOLUTION_HOURS));
        assert_eq!(parse_resolution_arg("auto:400"), Ok(Resolution::Auto(400)));
        assert!(parse_resolution_arg("auto:0").is_err());
        assert!(parse_max_iterations("0").is_err());
        assert_eq!(parse_max_iterations("50"), Ok(50));
        assert_eq!(parse_max_iterations("100000"), Ok(MAX_ITERATIONS));
        assert!(parse_max_iterations("100001").is_err());
        assert!(parse_threads("0").is_err());
        assert!(parse_threads("-1").is_err());
        assert_eq!(parse_threads("1024"), Ok(MAX_THREADS));
        assert!(parse_threads("1025").is_err());
        assert!(parse_lumpy_limit("0").is_err());
        assert_eq!(parse_lumpy_limit("8"), Ok(8));
        assert_eq!(parse_lumpy("milp"), Ok(LumpyMethod::Milp));
        assert!(parse_lumpy("mip").is_err());
    }

    #[test]
    fn build_reports_every_bad_field() {
        let e = RunSettings::builder()
            .resolution_hours(Some(0))
            .max_iterations(0)
            .threads(Some(0))
            .build()
            .unwrap_err();
        let Error::Input(ps) = e else {
            panic!("expected an input error")
        };
        let names: Vec<&str> = ps.iter().map(|p| p.location.as_str()).collect();
        assert_eq!(names, ["--resolution", "--max-iter", "--threads"]);
        let ok = RunSettings::builder()
            .solver(SolverChoice::Microlp)
            .resolution_hours(Some(24))
            .build()
            .unwrap();
        assert_eq!(ok.solver(), SolverChoice::Microlp);
        assert_eq!(ok.resolution(), Some(Resolution::Hours(24)));
        assert_eq!(ok.max_iterations(), DEFAULT_MAX_ITERATIONS);
    }
}
