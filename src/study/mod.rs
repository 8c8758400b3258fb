//! The one path from a scenario to results in memory: load → validate → build → solve → read
//! back. `run`, `compare`, `sweep`, `breakeven` and `check` all go through here, so a change to
//! any step (the model's entry points, the solver call, the read-back) is made in one place.
//!
//! Two entry points share the steps: `prepare` loads a scenario file with its series and
//! validates both (`check`, and the base of every study); `solve` validates a scenario whose
//! series are loaded (a study's changed copy, or a prepared scenario) and builds, solves and
//! reads it back. `run` is the two in a row.

pub mod accuracy;
pub mod baseline;
pub mod binding;
pub mod lp_file;
pub mod lumpy;
pub mod lumpy_table;
pub mod names;
pub mod pathway;
pub mod provenance;
pub mod settings;
pub mod stochastic;
pub mod unbounded;

pub use settings::{RunSettings, RunSettingsBuilder};

use crate::error::{Error, InputProblem, Result};
use crate::inputs::Inputs;
use crate::model;
use crate::plausible::{self, Warning};
use crate::results::summary_info::RunInfo;
use crate::results::{self, Results, Summary};
use crate::scenario::stochastic::is_stochastic;
use crate::scenario::{load_scenario, validate, LoadedScenario};
use crate::series::Resolution;
use std::path::Path;
use std::time::Instant;

/// A finished run in memory.
pub struct Outcome {
    pub loaded: LoadedScenario,
    pub results: Results,
    pub summary: Summary,
    /// Against the hourly model (`run --check-accuracy` only).
    pub accuracy: Option<accuracy::Accuracy>,
    /// Seconds spent writing the LP file (`run_writing_lp` with a file; not in summary.json).
    pub lp_file_seconds: Option<f64>,
    /// Every combination of the lumpy projects' choices (a scenario with `lumpy = true`).
    pub lumpy: Option<lumpy::Table>,
    /// A stochastic scenario's years and regret table (`stochastic`); None otherwise.
    pub stochastic: Option<stochastic::Report>,
    /// The status quo's results, when it was solved to optimal and the scenario allows
    /// anything new (`baseline.rs`): the run folder draws its curtailment curve beside this one.
    pub status_quo: Option<baseline::StatusQuoResults>,
}

/// What a solve fixes in the LP as built.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Fixing<'a> {
    /// Nothing: the scenario as written.
    Nothing,
    /// Every column of new capacity at zero (`model::build_status_quo`).
    StatusQuo,
    /// The capacity columns `capacity[ENTITY]` within these bounds (MW): one combination of
    /// lumpy choices.
    Capacities(&'a [(String, f64, f64)]),
}

/// Load a scenario file and its series at `resolution` (None: the scenario's own
/// `time.resolution_hours`) and validate both, reporting every problem at once. Values outside
/// their typical range (`crate::plausible`) are printed as `warning:` lines on stderr, once per
/// scenario file prepared: every command prepares its scenario here exactly once (a sweep or
/// a break-even search prepares the base and then solves changed copies with `solve`).
pub fn prepare(path: &Path, resolution: Option<Resolution>) -> Result<(LoadedScenario, Inputs)> {
    let (loaded, inputs, _) = prepare_warned(path, resolution)?;
    Ok((loaded, inputs))
}

/// `prepare`, also returning the warnings it printed (for the run's summary and report).
fn prepare_warned(
    path: &Path,
    resolution: Option<Resolution>,
) -> Result<(LoadedScenario, Inputs, Vec<Warning>)> {
    let loaded = load_scenario(path)?;
    let resolution = match resolution {
        Some(r) => settings::check_resolution(r)
            .map_err(|m| Error::input(InputProblem::new("--resolution", m))),
        None => settings::check_resolution_hours(loaded.scenario.time.resolution_hours)
            .map(Resolution::Hours)
            .map_err(|m| Error::input(loaded.problem("time.resolution_hours", m))),
    };
    // Without a valid step length the series cannot be read: report the scenario's problems.
    let inputs = resolution.and_then(|r| Inputs::load(&loaded, Some(r)));
    let inputs = match inputs {
        Ok(i) => i,
        // Report the scenario's own problems together with those of its series.
        Err(Error::Input(problems)) => {
            return Err(match validate(&loaded, None, problems.clone()) {
                Err(e) => e,
                Ok(()) => Error::Input(problems),
            })
        }
        Err(e) => return Err(e),
    };
    validate(&loaded, Some(&inputs), Vec::new())?;
    if is_stochastic(&loaded.scenario) {
        // The years asked for must be in the record (`check` reports it too).
        stochastic::years::years(&loaded)?;
    }
    let warnings = plausible::check(&loaded);
    for w in &warnings {
        eprintln!("{}", w.line());
    }
    Ok((loaded, inputs, warnings))
}

/// Prepare and solve a scenario file (no files written).
pub fn run(path: &Path, settings: &RunSettings) -> Result<Outcome> {
    run_writing_lp(path, settings, None)
}

/// `run`, first writing the LP it solves to `lp_file` as free MPS (`lp_file.rs`), if given.
pub fn run_writing_lp(
    path: &Path,
    settings: &RunSettings,
    lp_file: Option<&Path>,
) -> Result<Outcome> {
    run_against_status_quo(path, settings, lp_file, None)
}

/// `run_writing_lp`, then, with `cache_dir`, the net benefit against the status quo
/// (`baseline.rs`: solved, or reused from the cache in `cache_dir`).
pub fn run_against_status_quo(
    path: &Path,
    settings: &RunSettings,
    lp_file: Option<&Path>,
    cache_dir: Option<&Path>,
) -> Result<Outcome> {
    let start = Instant::now();
    let (loaded, inputs, warnings) = prepare_warned(path, settings.resolution())?;
    let load_seconds = start.elapsed().as_secs_f64();
    let mut lp_file_seconds = None;
    let lp_file = lp_file.map(|p| (p, &mut lp_file_seconds));
    let (results, mut summary, table, report) = if is_stochastic(&loaded.scenario) {
        if lp_file.is_some() {
            return Err(Error::input(InputProblem::new(
                "--write-lp",
                "a stochastic scenario is solved as several LPs: write the LP of one year instead (a scenario without [stochastic])",
            )));
        }
        let (r, s, report) = stochastic::solve(&loaded, &inputs, settings)?;
        // summary.json reads as compare's row of the same scenario: the expectation over the
        // years (with the expected net benefit); the dispatch files stay the representative
        // year's, and `years.csv` holds each year.
        let s = stochastic::expected::summary(&s, &report);
        (r, s, None, Some(report))
    } else {
        let (r, s, t) = solve_exactly(&loaded, &inputs, settings, lp_file)?;
        (r, s, t, None)
    };
    summary.build_seconds += load_seconds;
    // The plausibility warnings were printed by `prepare_warned`; these come from the answer.
    let divisible = lumpy::divisible_lines(&loaded, &summary);
    for w in &divisible {
        eprintln!("{}", w.line());
    }
    let mut warnings = warnings;
    warnings.extend(divisible);
    summary.warnings = warnings.iter().map(Warning::for_report).collect();
    summary.provenance = provenance::provenance(&loaded, &inputs)?;
    let mut outcome = Outcome {
        loaded,
        results,
        summary,
        accuracy: None,
        lp_file_seconds,
        lumpy: table,
        stochastic: report,
        status_quo: None,
    };
    // A stochastic plan's net benefit is per year, in `years.csv`: the status quo of one
    // scenario would be read against the representative year's dispatch alone.
    if let (Some(dir), None) = (cache_dir, &outcome.stochastic) {
        baseline::attach(&mut outcome, &inputs, settings, dir)?;
    }
    if let Some(t) = outcome.lumpy.as_mut() {
        t.against_status_quo(outcome.summary.decision.baseline.as_ref());
    }
    Ok(outcome)
}

/// Solve an outcome's scenario again hourly and compare (`run --check-accuracy`). The series
/// are read again at 1 h; the scenario was validated and its warnings printed already.
pub fn check_accuracy(outcome: &mut Outcome, settings: &RunSettings) -> Result<()> {
    let hourly_settings = RunSettings::builder()
        .solver(settings.solver())
        .resolution(Some(Resolution::Hours(1)))
        .max_iterations(settings.max_iterations())
        .build()?;
    let inputs = Inputs::load(&outcome.loaded, Some(Resolution::Hours(1)))?;
    let (_, hourly) = solve(&outcome.loaded, &inputs, &hourly_settings)?;
    outcome.accuracy = Some(accuracy::Accuracy::compare(&hourly, &outcome.summary));
    Ok(())
}

/// Validate a scenario against series already loaded (a study's changed copy of a prepared
/// scenario), then build, solve and read it back. Studies reuse `inputs` between solves (the
/// series do not change); `summary.build_seconds` counts validating, building and reading back.
/// A stochastic scenario is solved as one case: its plan, with its results weighted over the
/// years (`stochastic::expected`).
pub fn solve(
    loaded: &LoadedScenario,
    inputs: &Inputs,
    settings: &RunSettings,
) -> Result<(Results, Summary)> {
    let start = Instant::now();
    validate(loaded, Some(inputs), Vec::new())?;
    let validate_seconds = start.elapsed().as_secs_f64();
    let (results, mut summary) = if is_stochastic(&loaded.scenario) {
        stochastic::expected::solve_as_case(loaded, inputs, settings)?
    } else {
        let (r, s, _) = solve_exactly(loaded, inputs, settings, None)?;
        (r, s)
    };
    summary.build_seconds += validate_seconds;
    Ok((results, summary))
}

/// Build, solve and read back; a scenario with projects that come whole goes through
/// `lumpy::solve` (every combination, or the MILP), so its answer is never the divisible LP.
fn solve_exactly(
    loaded: &LoadedScenario,
    inputs: &Inputs,
    settings: &RunSettings,
    lp_file: Option<(&Path, &mut Option<f64>)>,
) -> Result<(Results, Summary, Option<lumpy::Table>)> {
    let projects = lumpy::projects(&loaded.scenario);
    if projects.is_empty() {
        let (r, s, _) = build_solve_read(loaded, inputs, settings, lp_file, Fixing::Nothing)?;
        return Ok((r, s, None));
    }
    let (r, s, table) = lumpy::solve(loaded, inputs, settings, &projects)?;
    if let Some((path, seconds)) = lp_file {
        // The LP of the answer: the chosen combination's, capacities fixed.
        let fixed = table.fixing_of_best(&projects);
        let mut m = model::build(&loaded.scenario, inputs);
        fix_capacities(&mut m.lp, &fixed)?;
        *seconds = Some(lp_file::write(&m, &loaded.scenario.name, path)?);
    }
    Ok((r, s, Some(table)))
}

/// Bound the capacity columns `capacity[ENTITY]` of an LP as built (one combination of lumpy
/// choices); returns the columns, in order.
fn fix_capacities(
    lp: &mut model::lp::Lp,
    bounds: &[(String, f64, f64)],
) -> Result<Vec<model::lp::Col>> {
    bounds
        .iter()
        .map(|(entity, lo, hi)| {
            let c = lp.single_col("capacity", entity).ok_or_else(|| {
                Error::Internal(format!("no single column `capacity[{entity}]` to fix"))
            })?;
            lp.lo[c.0 as usize] = *lo;
            lp.hi[c.0 as usize] = *hi;
            Ok(c)
        })
        .collect()
}

/// The model's entry points in order, for a scenario already validated against `inputs`.
/// With `lp_file`, the LP is written there before it is solved, and the seconds that took
/// are recorded (they count in no summary time). `fixing` says what is fixed in the LP as
/// built; with `Fixing::Capacities`, the third value holds the solved value of each column it
/// names, in its order (empty otherwise).
pub(crate) fn build_solve_read(
    loaded: &LoadedScenario,
    inputs: &Inputs,
    settings: &RunSettings,
    lp_file: Option<(&Path, &mut Option<f64>)>,
    fixing: Fixing,
) -> Result<(Results, Summary, Vec<f64>)> {
    let sc = &loaded.scenario;
    let start = Instant::now();
    let mut m = match fixing {
        Fixing::StatusQuo => model::build_status_quo(sc, inputs),
        _ => model::build(sc, inputs),
    };
    let fixed_cols = match fixing {
        Fixing::Capacities(bounds) => fix_capacities(&mut m.lp, bounds)?,
        _ => Vec::new(),
    };
    let build_seconds = start.elapsed().as_secs_f64();
    if let Some((path, seconds)) = lp_file {
        *seconds = Some(lp_file::write(&m, &sc.name, path)?);
    }
    let lp = std::mem::take(&mut m.lp);
    if settings.verbose() {
        for line in crate::solve::describe(&lp) {
            eprintln!("{line}");
        }
    }
    let solve_start = Instant::now();
    let solved = match crate::solve::solve(lp, settings.solver(), settings.max_iterations()) {
        Err(e) if e.status() == crate::status::Status::Unbounded => {
            return Err(unbounded::diagnose(sc, inputs, settings, e))
        }
        // An unconfirmed claim of unboundedness is one only if a quantity runs to the cap.
        Err(
            e @ Error::Unconfirmed {
                claim: crate::status::Status::Unbounded,
                ..
            },
        ) => return Err(unbounded::diagnose(sc, inputs, settings, e)),
        other => other?,
    };
    let solve_seconds = solve_start.elapsed().as_secs_f64();
    if settings.verbose() {
        for line in &solved.log {
            eprintln!("{line}");
        }
    }
    let fixed_values = fixed_cols.iter().map(|&c| solved.values.get(c)).collect();
    let (results, summary) = read_back(
        sc,
        inputs,
        settings,
        &m,
        &solved,
        (build_seconds, solve_seconds),
    );
    Ok((results, summary, fixed_values))
}

/// Read a solved model back into results and the run's summary (with the binding constraints
/// and decision metrics). `seconds` are (building, solving); reading back is added to building.
pub(crate) fn read_back(
    sc: &crate::scenario::Scenario,
    inputs: &Inputs,
    settings: &RunSettings,
    m: &model::Model,
    solved: &crate::solve::Solved,
    (build_seconds, solve_seconds): (f64, f64),
) -> (Results, Summary) {
    let extract_start = Instant::now();
    let results = results::extract(m, solved, &sc.name, &sc.time.flood_season_months);
    let info = RunInfo {
        solver: settings.solver().name().into(),
        solve_seconds,
        solver_setup_seconds: solved.setup_seconds,
        build_seconds: build_seconds + extract_start.elapsed().as_secs_f64(),
        resolution_hours: inputs.axis.longest_step_h(),
        resolution: inputs.axis.resolution.to_string(),
    };
    let mut summary = Summary::new(&results, &info);
    summary.binding = binding::binding(sc, &results, &summary.capacity_built_mw);
    summary.decision = results::decision::Decision::new(
        &results,
        &summary.binding,
        &summary.capacity_built_mw,
        binding::BUILT_MW,
    );
    (results, summary)
}
