//! A pathway folder for people: capacity by period (a chart) and `report.md`, drawn from
//! `pathway.json`, `capacity_by_period.csv` and `energy_by_period.csv`.

mod charts;
mod markdown;

use super::figures::{finish, Drawn};
use super::read::{json, problem, reader_with_header, rows};
use crate::error::Result;
use crate::i18n::names::Names;
use crate::i18n::{Lang, Translator};
use crate::output::files::{CAPACITY_BY_PERIOD, ENERGY_BY_PERIOD, PATHWAY_JSON};
use crate::output::pathway::{CapacityRecord, PathwaySummary};
use std::path::Path;
use std::time::Instant;

/// Everything the pathway's chart and report are drawn from.
pub struct PathwayFiles {
    pub summary: PathwaySummary,
    pub capacity: Vec<CapacityRecord>,
    /// `energy_by_period.csv`: its header and one row of numbers per period.
    pub energy_header: Vec<String>,
    pub energy: Vec<Vec<f64>>,
}

impl PathwayFiles {
    pub fn read(dir: &Path) -> Result<PathwayFiles> {
        let summary = json(&dir.join(PATHWAY_JSON), "a pathway.json")?;
        let capacity = rows(&dir.join(CAPACITY_BY_PERIOD))?;
        let path = dir.join(ENERGY_BY_PERIOD);
        let (mut r, energy_header) = reader_with_header(&path)?;
        let mut energy = Vec::new();
        for (i, rec) in r.records().enumerate() {
            let rec = rec.map_err(|e| problem(&path, e))?;
            let row: std::result::Result<Vec<f64>, _> = rec
                .iter()
                .map(|c| {
                    if c.is_empty() {
                        Ok(f64::NAN)
                    } else {
                        c.parse()
                    }
                })
                .collect();
            energy.push(row.map_err(|e| problem(&path, format!("row {}: {e}", i + 2)))?);
        }
        Ok(PathwayFiles {
            summary,
            capacity,
            energy_header,
            energy,
        })
    }

    /// A column of `energy_by_period.csv` by name, one value per period.
    pub fn energy_column(&self, name: &str) -> Option<Vec<f64>> {
        let i = self.energy_header.iter().position(|h| h == name)?;
        Some(self.energy.iter().map(|r| r[i]).collect())
    }
}

/// The chart and `report.md` of a pathway folder, from its files.
/// `lang`: `--lang` (English without it; a pathway folder keeps no scenario labels).
pub fn draw(dir: &Path, lang: Option<Lang>) -> Result<Drawn> {
    let start = Instant::now();
    let files = PathwayFiles::read(dir)?;
    let read_seconds = start.elapsed().as_secs_f64();
    let translator = Translator::new(lang.unwrap_or_default(), Names::default());
    finish(dir, read_seconds, &translator, |charts_dir| {
        let figs = charts::draw_all(&files, charts_dir)?;
        let md = markdown::report(&files, &figs);
        Ok((figs, md))
    })
}
