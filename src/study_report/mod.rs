//! What a comparison or a sweep leaves for people: charts (`charts/*.png`, `charts/*.svg`) and
//! `report.md`, drawn from the files the study wrote, never from memory.
//!
//! `compare` and `sweep`/`merge` write their CSV and JSON files into their temporary folder and
//! call [`draw_compare`] or [`draw_sweep`] on it before the rename; `spillway plot DIR` calls
//! [`draw`], which recognises the folder by its files (`summary.json`: a run, `compare.csv`: a
//! comparison, `sweep.csv`: a sweep). So `plot` reproduces byte for byte what the study drew, and
//! nothing here can change `sweep.csv` (it is only read).

mod compare;
mod compare_md;
mod sweep_charts;
mod sweep_md;
mod sweep_table;
mod sweep_years;
pub mod units;

use crate::charts::{self, write_file_atomically, Chart};
use crate::error::{Error, InputProblem, Result};
use crate::report::{Drawn, CHARTS_DIR, REPORT};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What kind of output folder `spillway plot` was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderKind {
    Run,
    Compare,
    Sweep,
}

/// Recognise a folder by the file only that command writes.
pub fn detect(dir: &Path) -> Result<FolderKind> {
    for (file, kind) in [
        ("summary.json", FolderKind::Run),
        ("compare.csv", FolderKind::Compare),
        ("sweep.csv", FolderKind::Sweep),
    ] {
        if dir.join(file).is_file() {
            return Ok(kind);
        }
    }
    Err(Error::input(
        InputProblem::new(
            "",
            "not a spillway output folder: no summary.json (run), compare.csv (compare) or sweep.csv (sweep)",
        )
        .in_file(dir),
    ))
}

/// Redraw the charts and `report.md` of any output folder (`spillway plot DIR`).
pub fn draw(dir: &Path) -> Result<Drawn> {
    match detect(dir)? {
        FolderKind::Run => crate::report::draw(dir),
        FolderKind::Compare => draw_compare(dir),
        FolderKind::Sweep => draw_sweep(dir),
    }
}

/// Charts and `report.md` of a comparison folder, from `compare.csv`, `compare.json` and
/// `curtailment_duration.csv`.
pub fn draw_compare(dir: &Path) -> Result<Drawn> {
    let start = Instant::now();
    let files = compare::CompareFiles::read(dir)?;
    let read_seconds = start.elapsed().as_secs_f64();
    finish(dir, read_seconds, |charts_dir| {
        let figs = compare::draw_all(&files, charts_dir)?;
        let md = compare_md::report(&files, &figs);
        Ok((figs, md))
    })
}

/// Charts and `report.md` of a sweep folder, from `sweep.csv` and `sweep.json`.
pub fn draw_sweep(dir: &Path) -> Result<Drawn> {
    let start = Instant::now();
    let table = sweep_table::SweepFiles::read(dir)?;
    let read_seconds = start.elapsed().as_secs_f64();
    finish(dir, read_seconds, |charts_dir| {
        let (figs, rule) = sweep_charts::draw_all(&table, charts_dir)?;
        let md = sweep_md::report(&table, &figs, &rule);
        Ok((figs, md))
    })
}

/// Make `charts/`, draw, write `report.md` atomically, and say what was written.
fn finish(
    dir: &Path,
    read_seconds: f64,
    draw: impl FnOnce(&Path) -> Result<(Figures, String)>,
) -> Result<Drawn> {
    let start = Instant::now();
    let charts_dir = dir.join(CHARTS_DIR);
    std::fs::create_dir_all(&charts_dir).map_err(|e| Error::output(&charts_dir, e))?;
    let (figs, md) = draw(&charts_dir)?;
    remove_stale(&charts_dir, &figs.files);
    let report = dir.join(REPORT);
    write_file_atomically(&report, md.as_bytes()).map_err(|e| Error::output(&report, e))?;
    let mut files = figs.files;
    files.push(report);
    Ok(Drawn {
        files,
        skipped: figs.skipped,
        read_seconds,
        draw_seconds: start.elapsed().as_secs_f64(),
    })
}

/// Remove charts a previous drawing left that this one did not draw (a redraw of a sweep
/// whose outputs changed kind, e.g. no hydrogen any more), so the folder holds what its report
/// shows. Only PNG and SVG files in the folder's own `charts/` are touched.
fn remove_stale(charts_dir: &Path, drawn: &[PathBuf]) {
    let Ok(entries) = std::fs::read_dir(charts_dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let chart = matches!(p.extension().and_then(|x| x.to_str()), Some("png" | "svg"));
        if chart && !drawn.contains(&p) {
            let _ = std::fs::remove_file(&p);
        }
    }
}

/// One chart of a study report: its file stem, heading, and how to read it.
pub(crate) struct Figure {
    pub stem: String,
    pub heading: String,
    pub reading: String,
}

/// What was drawn, and why any chart was not.
#[derive(Default)]
pub(crate) struct Figures {
    pub drawn: Vec<Figure>,
    pub files: Vec<PathBuf>,
    pub skipped: Vec<String>,
}

impl Figures {
    /// Write a chart as `<dir>/<stem>.png` and `.svg` and remember it for the report.
    pub fn emit(
        &mut self,
        dir: &Path,
        stem: &str,
        heading: &str,
        reading: String,
        chart: &impl Chart,
    ) -> Result<()> {
        self.files.extend(charts::write(&dir.join(stem), chart)?);
        self.drawn.push(Figure {
            stem: stem.to_string(),
            heading: heading.to_string(),
            reading,
        });
        Ok(())
    }

    /// The report's chart section: each chart embedded by relative path, then what was not drawn.
    pub fn markdown(&self, o: &mut String) {
        o.push_str("Each chart is a PNG for slides with an SVG beside it for print.\n\n");
        for f in &self.drawn {
            let _ = writeln!(
                o,
                "### {}\n\n{}\n\n![{}]({CHARTS_DIR}/{}.png)\n\n[SVG for print]({CHARTS_DIR}/{}.svg)\n",
                f.heading, f.reading, f.heading, f.stem, f.stem
            );
        }
        for s in &self.skipped {
            let _ = writeln!(o, "*Not drawn: {s}.*\n");
        }
    }
}

/// An option in words: "electrolysers", "silicon plants", "the line x".
pub(crate) fn option_name(key: &str) -> String {
    match key.strip_prefix("industry.") {
        Some(p) => format!("{p} plants"),
        None => match key.strip_prefix("line.") {
            Some(l) => format!("the line {l}"),
            None => crate::charts::palette::use_label(key),
        },
    }
}

/// Escape a markdown table cell.
pub(crate) fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// A file stem from a key (`industry.silicon` → `industry_silicon`): a dot would be taken
/// for the start of the extension.
pub(crate) fn stem_of(key: &str) -> String {
    key.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// (lowest, median, highest) of the finite values, or None when there are none.
pub(crate) fn min_median_max(values: &[f64]) -> Option<(f64, f64, f64)> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    Some((v[0], median, v[n - 1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_stems_and_folder_kinds() {
        assert_eq!(
            min_median_max(&[3.0, f64::NAN, 1.0, 2.0, 10.0]),
            Some((1.0, 2.5, 10.0))
        );
        assert_eq!(min_median_max(&[f64::NAN]), None);
        assert_eq!(
            stem_of("line.aba_chengdu_1000kv"),
            "line_aba_chengdu_1000kv"
        );
        let d = tempfile::tempdir().unwrap();
        assert!(detect(d.path()).is_err());
        std::fs::write(d.path().join("sweep.csv"), "point\n").unwrap();
        assert_eq!(detect(d.path()).unwrap(), FolderKind::Sweep);
        std::fs::write(d.path().join("summary.json"), "{}").unwrap();
        assert_eq!(detect(d.path()).unwrap(), FolderKind::Run);
    }
}
