//! The files of `spillway run`: a solved scenario (from `crate::study`) written to its folder.

use crate::error::Result;
use crate::report;
use crate::results::write;
use crate::study::Outcome;
use std::path::{Path, PathBuf};

/// What writing a run left besides its files.
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// For the user: a chart not drawn.
    pub notes: Vec<String>,
    /// Of the write: reading the files back, drawing the charts and the report.
    pub chart_seconds: f64,
}

/// Write an outcome's files atomically into `dir`: the results, `assumptions.csv`, the status
/// quo's summary and curtailment curve when it was solved, then the charts and `report.md`
/// drawn from those files (see `crate::report`), all before the folder is renamed into place.
pub fn write_outcome(
    outcome: &Outcome,
    dir: &Path,
    options: crate::output::folder::Options,
) -> Result<Written> {
    let mut written = Written::default();
    crate::output::folder::write_atomically(dir, options, |tmp| {
        write::write_files(tmp, &outcome.results, &outcome.summary)?;
        write::write_assumptions(tmp, &outcome.loaded.files)?;
        if let Some(report) = &outcome.stochastic {
            use crate::output::{files, stochastic};
            stochastic::write_years(&tmp.join(files::YEARS), &report.year_rows())?;
            // `[stochastic] regret = false`: only the mean-year and stochastic plans were
            // evaluated, which is not the table the file promises.
            if report.table.complete() {
                stochastic::write_regret(&tmp.join(files::REGRET), &report.regret_rows())?;
            }
        }
        if let Some(a) = &outcome.accuracy {
            a.write(&tmp.join(crate::output::files::ACCURACY))?;
        }
        if let Some(t) = &outcome.lumpy {
            t.write(&tmp.join(crate::output::files::LUMPY_COMBINATIONS))?;
        }
        if let Some(sq) = &outcome.status_quo {
            write::write_status_quo(tmp, &sq.summary, &sq.duration)?;
        }
        let drawn =
            report::draw(tmp, options.lang).map_err(|e| std::io::Error::other(e.to_string()))?;
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
