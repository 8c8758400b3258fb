//! A comparison folder for people: three charts (capacity built, energy by use, curtailment
//! duration of every case) and `report.md`, drawn from `compare.csv`, `compare.json` and
//! `curtailment_duration.csv` (`read::CompareFiles`).

mod charts;
mod markdown;

pub use markdown::metric_name;
mod read;

use super::figures::{finish, Drawn};
use crate::i18n::Lang;
use std::path::Path;
use std::time::Instant;

/// Charts and `report.md` of a comparison folder, from its files.
pub fn draw(dir: &Path, lang: Option<Lang>) -> crate::Result<Drawn> {
    let start = Instant::now();
    let files = read::CompareFiles::read(dir)?;
    let read_seconds = start.elapsed().as_secs_f64();
    // The first case's `lang` and the cases' labels, kept in compare.json (`--lang` wins).
    let translator = files.names.translator(lang);
    finish(dir, read_seconds, &translator, |charts_dir| {
        let figs = charts::draw_all(&files, charts_dir)?;
        let md = markdown::report(&files, &figs);
        Ok((figs, md))
    })
}
