//! A sweep folder for people: the charts its design calls for (see the rule in `charts`) and
//! `report.md`, drawn from `sweep.csv` and `sweep.json` (`read::SweepFiles`).

mod bimodal;
mod charts;
mod context;
mod decision_charts;
pub mod decisions;
mod markdown;
pub mod read;
mod tornado;
mod units;
mod years;

use super::figures::{finish, Drawn};
use crate::i18n::Lang;
use std::path::Path;
use std::time::Instant;

/// Charts and `report.md` of a sweep folder, from its files.
pub fn draw(dir: &Path, lang: Option<Lang>) -> crate::Result<Drawn> {
    let start = Instant::now();
    let table = read::SweepFiles::read(dir)?;
    let read_seconds = start.elapsed().as_secs_f64();
    // The base scenario's `lang` and labels, kept in sweep.json (`--lang` wins).
    let translator = table.meta.names.translator(lang);
    finish(dir, read_seconds, &translator, |charts_dir| {
        let (figs, rule) = charts::draw_all(&table, charts_dir)?;
        let md = markdown::report(&table, &figs, &rule);
        Ok((figs, md))
    })
}
