//! What a run leaves for people: charts (`charts/*.png`, `charts/*.svg`) and `report.md`.
//!
//! Both are drawn from the files the run wrote, never from memory: `run` writes its results into
//! its temporary folder, adds `assumptions.csv` and (when found) the baseline's results, then
//! calls [`draw`] on that folder before renaming it into place; `spillway plot DIR` calls the same
//! [`draw`] on a finished folder. So `plot` reproduces exactly what `run` drew.
//!
//! The baseline is not solved again: a scenario's `baseline` key names the status-quo scenario,
//! and its results are taken from the sibling folder `<out>/../<baseline name>/` if that exists
//! (`outputs/aba-2025-baseline/` beside `outputs/aba-2025/`). Its summary and duration curve are
//! copied into this run's folder, so the run stays self-contained and redrawable.

mod figures;
mod markdown;
pub mod read;
mod week;

/// Uses in stacking order, shared with the comparison's energy chart.
pub(crate) use figures::use_order;

use crate::charts::write_file_atomically;
use crate::error::{Error, Result};
use crate::scenario::assumptions;
use crate::scenario::{load_scenario, Scenario, SourceFile};
use std::io;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Sub-folder of a run folder that holds the charts.
pub const CHARTS_DIR: &str = "charts";
pub const REPORT: &str = "report.md";
/// Every key the scenario files set, with its comment (see `scenario::assumptions`).
pub const ASSUMPTIONS: &str = "assumptions.csv";
/// The baseline's `summary.json` and `curtailment_duration.csv`, copied at run time.
pub const BASELINE_SUMMARY: &str = "baseline_summary.json";
pub const BASELINE_DURATION: &str = "baseline_curtailment_duration.csv";

/// What [`draw`] wrote.
#[derive(Debug, Clone)]
pub struct Drawn {
    pub files: Vec<PathBuf>,
    /// Charts not drawn, and why (no prices, nothing expandable).
    pub skipped: Vec<String>,
    /// Reading the run's files back (mostly `dispatch.csv`).
    pub read_seconds: f64,
    /// Rendering and writing the charts and the report.
    pub draw_seconds: f64,
}

/// Draw every chart and write `report.md` in a run folder, from the files in it. Each file is
/// written atomically. A missing or malformed result file is an input error (exit 2); a file
/// that cannot be written is an output error (exit 5).
pub fn draw(dir: &Path) -> Result<Drawn> {
    let start = Instant::now();
    let files = read::RunFiles::read(dir)?;
    let read_seconds = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let charts_dir = dir.join(CHARTS_DIR);
    std::fs::create_dir_all(&charts_dir).map_err(|e| Error::output(&charts_dir, e))?;
    let figs = figures::draw_all(&files, &charts_dir)?;
    let report = dir.join(REPORT);
    write_file_atomically(&report, markdown::report(&files, &figs).as_bytes())
        .map_err(|e| Error::output(&report, e))?;
    let mut written = figs.files;
    written.push(report);
    Ok(Drawn {
        files: written,
        skipped: figs.skipped,
        read_seconds,
        draw_seconds: start.elapsed().as_secs_f64(),
    })
}

/// Write `assumptions.csv`: file, line, key, value, comment of every key line.
pub fn write_assumptions(dir: &Path, files: &[SourceFile]) -> io::Result<()> {
    let mut w = csv::Writer::from_path(dir.join(ASSUMPTIONS))?;
    for a in assumptions::extract(files) {
        w.serialize(a).map_err(io::Error::other)?;
    }
    w.flush()
}

/// Where a run's baseline results are, or why they are not used.
#[derive(Debug, Clone, PartialEq)]
pub enum BaselineResults {
    /// The scenario names no baseline (or names itself).
    NotNamed,
    /// The baseline's run folder.
    Found(PathBuf),
    /// Named but not usable: a note for the user.
    Missing(String),
}

/// Look for the results of `sc.baseline` beside the output folder `out`.
pub fn find_baseline(sc: &Scenario, out: &Path) -> BaselineResults {
    let Some(path) = &sc.baseline else {
        return BaselineResults::NotNamed;
    };
    let name = match load_scenario(path) {
        Ok(b) => b.scenario.name,
        Err(e) => {
            return BaselineResults::Missing(format!(
                "the baseline {} could not be read ({e}); its curve is not drawn",
                path.display()
            ))
        }
    };
    if name == sc.name {
        return BaselineResults::NotNamed;
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let folder = parent.join(&name);
    if folder.join("summary.json").is_file() && folder.join("curtailment_duration.csv").is_file() {
        BaselineResults::Found(folder)
    } else {
        BaselineResults::Missing(format!(
            "no results of the baseline `{name}` in {}/: run `spillway run {} --out {}` first to draw its curtailment curve beside this one",
            folder.display(),
            path.display(),
            folder.display()
        ))
    }
}

/// Copy the baseline's summary and duration curve into the run folder `dir`.
pub fn copy_baseline(dir: &Path, baseline: &Path) -> io::Result<()> {
    std::fs::copy(baseline.join("summary.json"), dir.join(BASELINE_SUMMARY))?;
    std::fs::copy(
        baseline.join("curtailment_duration.csv"),
        dir.join(BASELINE_DURATION),
    )?;
    Ok(())
}
