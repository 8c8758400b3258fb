//! A comparison folder for people: three charts (capacity built, energy by use, curtailment
//! duration of every case) and `report.md`, drawn from `compare.csv`, `compare.json` and
//! `curtailment_duration.csv` (`read::CompareFiles`).

mod charts;
mod markdown;
mod read;

use super::figures::{finish, Drawn};
use std::path::Path;
use std::time::Instant;

/// Charts and `report.md` of a comparison folder, from its files.
pub fn draw(dir: &Path) -> crate::Result<Drawn> {
    let start = Instant::now();
    let files = read::CompareFiles::read(dir)?;
    let read_seconds = start.elapsed().as_secs_f64();
    finish(dir, read_seconds, |charts_dir| {
        let figs = charts::draw_all(&files, charts_dir)?;
        let md = markdown::report(&files, &figs);
        Ok((figs, md))
    })
}
