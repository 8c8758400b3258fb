//! The charts of a report, and how every drawing ends: the one [`Figures`] each kind of folder
//! draws into, and [`finish`], which makes `charts/`, removes charts a previous drawing left,
//! and writes `report.md` and, from its text, `report.html`.

use crate::charts::{self, write_file_atomically, Chart};
use crate::error::{Error, Result};
use crate::i18n::Translator;
use crate::output::files::{CHARTS_DIR, REPORT, REPORT_HTML};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What a drawing wrote.
#[derive(Debug, Clone)]
pub struct Drawn {
    pub files: Vec<PathBuf>,
    /// Charts not drawn, and why (no prices, nothing expandable).
    pub skipped: Vec<String>,
    /// Reading the folder's files back (for a run, mostly `dispatch.csv`).
    pub read_seconds: f64,
    /// Rendering and writing the charts and the report.
    pub draw_seconds: f64,
}

/// One chart of a report: its file stem, heading, and how to read it.
pub struct Figure {
    pub stem: String,
    pub heading: String,
    pub reading: String,
}

/// What was drawn, and why any chart was not.
#[derive(Default)]
pub struct Figures {
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

    /// Another drawing's charts after these (a stochastic run's charts come first).
    pub fn append(&mut self, other: Figures) {
        self.drawn.extend(other.drawn);
        self.files.extend(other.files);
        self.skipped.extend(other.skipped);
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

/// Make `charts/`, draw into it, remove stale charts, write `report.md` and `report.html` (made
/// from report.md's text and the charts' SVGs) atomically, and say what was written. `draw`
/// returns the figures and the report's text.
///
/// Charts are drawn inside the translator's scope, so their text comes out in its language
/// (`crate::i18n`); the report is translated as a whole once written, before the HTML is made.
pub fn finish(
    dir: &Path,
    read_seconds: f64,
    translator: &Translator,
    draw: impl FnOnce(&Path) -> Result<(Figures, String)>,
) -> Result<Drawn> {
    let start = Instant::now();
    let charts_dir = dir.join(CHARTS_DIR);
    std::fs::create_dir_all(&charts_dir).map_err(|e| Error::output(&charts_dir, e))?;
    let (figs, md) = crate::i18n::scope(translator, || draw(&charts_dir))?;
    let md = translator.markdown(&md);
    remove_stale(&charts_dir, &figs.files);
    let report = dir.join(REPORT);
    write_file_atomically(&report, md.as_bytes()).map_err(|e| Error::output(&report, e))?;
    let page = dir.join(REPORT_HTML);
    let html = super::html::render(&md, &charts_dir)?;
    write_file_atomically(&page, html.as_bytes()).map_err(|e| Error::output(&page, e))?;
    let mut files = figs.files;
    files.push(report);
    files.push(page);
    Ok(Drawn {
        files,
        skipped: figs.skipped,
        read_seconds,
        draw_seconds: start.elapsed().as_secs_f64(),
    })
}

/// Remove charts a previous drawing left that this one did not draw (a redraw of a folder whose
/// outputs changed kind, e.g. no hydrogen any more), so the folder holds what its report shows.
/// Only PNG and SVG files in the folder's own `charts/` are touched.
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
