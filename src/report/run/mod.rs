//! A run folder for people: seven charts (curtailment duration beside the status quo's, monthly
//! energy balance, the flood-season week with the most spill, price duration by node, capacity
//! built, the network picture, the lines' loading-duration curves) and `report.md` (with
//! `report.html` made from it), drawn from the run's files (`read::RunFiles`).
//!
//! `run` writes its results, `assumptions.csv` and (when solved) its status quo's results into its
//! temporary folder, then calls [`draw`] on it before renaming it into place; `spillway plot DIR`
//! calls the same [`draw`] on a finished folder.

mod charts;
mod markdown;
mod network;
mod read;
mod steps;
mod stochastic;
mod stochastic_charts;
mod week;

use super::figures::{finish, Drawn};
use crate::i18n::Lang;
use std::path::Path;
use std::time::Instant;

/// Draw every chart and write `report.md` in a run folder, from the files in it.
pub fn draw(dir: &Path, lang: Option<Lang>) -> crate::Result<Drawn> {
    let start = Instant::now();
    let files = read::RunFiles::read(dir)?;
    let read_seconds = start.elapsed().as_secs_f64();
    let translator = files.translator(lang);
    finish(dir, read_seconds, &translator, |charts_dir| {
        // A stochastic run's two charts come first, as its answer heads the report.
        let mut figs = super::figures::Figures::default();
        stochastic_charts::draw(dir, charts_dir, &mut figs)?;
        figs.append(charts::draw_all(&files, charts_dir)?);
        let mut md = markdown::report(&files, &figs);
        // A stochastic run's answer goes right under the title.
        if let (Some(section), Some(at)) =
            (stochastic::section(dir, &files.summary), md.find("\n\n"))
        {
            md.insert_str(at + 2, &section);
        }
        Ok((figs, md))
    })
}
