//! The pathway's chart: new capacity in service in each period, stacked by option or line.

use super::PathwayFiles;
use crate::charts::{Labels, StackedBars};
use crate::error::Result;
use crate::report::figures::Figures;
use std::path::Path;

/// File stem of the chart (`charts/capacity_by_period.png` and `.svg`).
pub const CAPACITY_BY_PERIOD: &str = "capacity_by_period";

pub fn draw_all(f: &PathwayFiles, dir: &Path) -> Result<Figures> {
    let mut figs = Figures::default();
    let years = &f.summary.years;
    // New capacity standing in each period (total less existing and committed), per key that
    // is ever built.
    let mut layers: Vec<(String, Vec<f64>)> = Vec::new();
    for (key, enters) in &f.summary.enters {
        if enters.is_none() {
            continue;
        }
        let values = (years.iter())
            .map(|y| {
                (f.capacity.iter())
                    .find(|r| r.period == *y && &r.option == key)
                    .map_or(0.0, |r| r.total_mw - r.existing_committed_mw)
            })
            .collect();
        layers.push((key.clone(), values));
    }
    if layers.is_empty() {
        figs.skipped
            .push("capacity by period: nothing is built in any period".into());
        return Ok(figs);
    }
    let subtitle = format!(
        "{} · {} foresight · each bar is what stands in the period: built then or earlier",
        f.summary.pathway, f.summary.foresight
    );
    let chart = StackedBars {
        labels: Labels {
            title: "New capacity in service by period",
            subtitle: &subtitle,
            x_axis: "period (first year)",
            y_axis: "new capacity in service (MW)",
        },
        categories: years.iter().map(|y| y.to_string()).collect(),
        layers,
        marker: None,
        shaded: None,
    };
    let reading = "New capacity standing in each period, by option or line: what that period \
                   built plus what earlier periods built and is still within its lifetime. \
                   Existing and committed assets are in capacity_by_period.csv."
        .to_string();
    figs.emit(
        dir,
        CAPACITY_BY_PERIOD,
        "Capacity by period",
        reading,
        &chart,
    )?;
    Ok(figs)
}
