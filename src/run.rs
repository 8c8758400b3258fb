//! The main job: scenario file → validated inputs → LP → solution → results on disk.

use crate::error::{Error, Result};
use crate::inputs::Inputs;
use crate::model;
use crate::report;
use crate::results::summary_info::RunInfo;
use crate::results::{self, write, Results, Summary};
use crate::scenario::{load_scenario, validate, LoadedScenario, Scenario};
use crate::solve::{solve, SolverChoice};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What to run and how.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub scenario: PathBuf,
    pub solver: SolverChoice,
    /// Hours per step (None: the scenario's `time.resolution_hours`).
    pub resolution_hours: Option<usize>,
}

/// A finished run in memory.
pub struct Outcome {
    pub loaded: LoadedScenario,
    pub results: Results,
    pub summary: Summary,
}

/// Load and validate a scenario with its series, reporting every problem at once.
pub fn prepare(path: &Path, resolution_hours: Option<usize>) -> Result<(LoadedScenario, Inputs)> {
    let loaded = load_scenario(path)?;
    // Structural problems first; series problems are added when the files can be read.
    let inputs = match Inputs::load(&loaded, resolution_hours) {
        Ok(i) => i,
        Err(Error::Input(series_problems)) => {
            // Report the scenario's own problems together with those of its series.
            return Err(match validate(&loaded, None, series_problems.clone()) {
                Err(e) => e,
                Ok(()) => Error::Input(series_problems),
            });
        }
        Err(e) => return Err(e),
    };
    validate(&loaded, Some(&inputs), Vec::new())?;
    Ok((loaded, inputs))
}

/// Run a scenario in memory (no files written).
pub fn run(opts: &RunOptions) -> Result<Outcome> {
    let start = Instant::now();
    let (loaded, inputs) = prepare(&opts.scenario, opts.resolution_hours)?;
    let load_seconds = start.elapsed().as_secs_f64();
    let (results, mut summary) = solve_prepared(&loaded.scenario, &inputs, opts.solver)?;
    summary.build_seconds += load_seconds;
    Ok(Outcome {
        loaded,
        results,
        summary,
    })
}

/// Build, solve and read back a scenario whose inputs are already loaded and validated.
/// Sweeps call this once per point and reuse `inputs` (the series do not change between points);
/// `summary.build_seconds` here counts only building and reading back.
pub fn solve_prepared(
    sc: &Scenario,
    inputs: &Inputs,
    solver: SolverChoice,
) -> Result<(Results, Summary)> {
    let start = Instant::now();
    let mut m = model::build(sc, inputs);
    let build_seconds = start.elapsed().as_secs_f64();
    let lp = std::mem::take(&mut m.lp);
    let solve_start = Instant::now();
    let solved = solve(lp, solver)?;
    let solve_seconds = solve_start.elapsed().as_secs_f64();
    let extract_start = Instant::now();
    let results = results::extract(&m, &solved, &sc.name, &sc.time.flood_season_months);
    let info = RunInfo {
        solver: solver.name().into(),
        solve_seconds,
        solver_setup_seconds: solved.setup_seconds,
        build_seconds: build_seconds + extract_start.elapsed().as_secs_f64(),
        resolution_hours: inputs.axis.hours_per_step,
    };
    let summary = Summary::new(&results, &info);
    Ok((results, summary))
}

/// What writing a run left besides its files.
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// For the user: a baseline not found, a chart not drawn.
    pub notes: Vec<String>,
    /// Of the write: reading the files back, drawing the charts and the report.
    pub chart_seconds: f64,
}

/// Write an outcome's files atomically into `dir`: the results, `assumptions.csv`, the
/// baseline's results when found beside `dir`, then the charts and `report.md` drawn from those
/// files (see `crate::report`), all before the folder is renamed into place.
pub fn write_outcome(outcome: &Outcome, dir: &Path, force: bool) -> Result<Written> {
    let mut written = Written::default();
    let baseline = write::find_baseline(&outcome.loaded.scenario, dir);
    if let write::BaselineResults::Missing(note) = &baseline {
        written.notes.push(note.clone());
    }
    crate::output::folder::write_atomically(dir, force, |tmp| {
        write::write_files(tmp, &outcome.results, &outcome.summary)?;
        write::write_assumptions(tmp, &outcome.loaded.files)?;
        if let write::BaselineResults::Found(b) = &baseline {
            write::copy_baseline(tmp, b)?;
        }
        let drawn = report::draw(tmp).map_err(|e| std::io::Error::other(e.to_string()))?;
        written.chart_seconds = drawn.read_seconds + drawn.draw_seconds;
        written.notes.extend(
            drawn
                .skipped
                .iter()
                .map(|s| format!("chart not drawn: {s}")),
        );
        Ok(())
    })?;
    Ok(written)
}

/// `outputs/<scenario name>/` beside the current folder.
pub fn default_out_dir(name: &str) -> PathBuf {
    Path::new("outputs").join(name)
}
