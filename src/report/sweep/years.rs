//! The hydrology charts of a sweep (see the rule in `charts`): with one design point, the
//! spread across years of curtailment and of each option's capacity, and curtailment against
//! the year's inflow; with up to 12 design points, one box per design point.

use super::context::{Ctx, CAPACITY_AXIS, CURTAILMENT_AXIS, SPILL_COLOURS};
use super::units::parameter;
use crate::charts::{palette, LineChart, Spread};
use crate::error::Result;
use crate::output::files::SWEEP_CSV;
use crate::output::sweep::{
    capacity_column, CURTAILMENT_ANNUAL_TWH as ANNUAL, CURTAILMENT_FLOOD_SEASON_TWH as FLOOD,
    HYDRO_CLIPPED_TWH as CLIPPED,
};
use crate::report::figures::Figures;
use crate::report::words::stem_of;
use std::path::Path;

/// Most design points that get a box each in the hydrology charts (more would not be legible).
const MAX_BOXES: usize = 12;

/// Spreads across hydrology years (see the module's rule).
pub(super) fn years(c: &Ctx, dir: &Path, f: &mut Figures) -> Result<()> {
    if c.dps.len() == 1 {
        return one_design_point(c, dir, f);
    }
    if c.dps.len() > MAX_BOXES {
        f.skipped.push(format!(
            "spread across hydrology years: {} design points, more than {MAX_BOXES} boxes would not be legible (see {SWEEP_CSV})",
            c.dps.len()
        ));
        return Ok(());
    }
    box_per_design_point(c, dir, f)
}

/// The values of `rows` in a column.
fn solved(v: Vec<f64>, rows: &[usize]) -> Vec<f64> {
    rows.iter().map(|i| v[*i]).collect()
}

/// One design point: the spread across years of curtailment and of each option's capacity, and
/// curtailment against the year's inflow.
fn one_design_point(c: &Ctx, dir: &Path, f: &mut Figures) -> Result<()> {
    let n_years = c.t.years().len();
    let all: Vec<usize> = (0..c.t.rows.len()).collect();
    let sub = format!("{n_years} hydrology years · {}", c.context);
    let chart = Spread {
        labels: c.labels(
            "Curtailment across hydrology years",
            &sub,
            "output",
            "energy (TWh/yr)",
        ),
        groups: vec![
            (
                "spilled over the year".into(),
                solved(c.t.column(ANNUAL), &all),
            ),
            (
                "spilled in the flood season".into(),
                solved(c.t.column(FLOOD), &all),
            ),
            (
                "run-of-river clipped (not counted as curtailment)".into(),
                solved(c.t.column(CLIPPED), &all),
            ),
        ],
        colours: SPILL_COLOURS.to_vec(),
        from_zero: true,
    };
    let reading = "How much is spilled across the historical years (annual inflow only, the 2020 shape every year); clipped run-of-river energy is water no option could use, reported apart.".into();
    f.emit(
        dir,
        "years_curtailment",
        "Curtailment across years",
        reading,
        &chart,
    )?;
    let options = c.t.options();
    if options.is_empty() {
        f.skipped
            .push("capacity across years: the scenario can build nothing new".into());
    } else {
        let chart = Spread {
            labels: c.labels(
                "Capacity built across hydrology years",
                &sub,
                "option",
                CAPACITY_AXIS,
            ),
            groups: options
                .iter()
                .map(|o| (o.clone(), c.t.column(&capacity_column(o))))
                .collect(),
            colours: Vec::new(),
            from_zero: true,
        };
        let reading =
            "How much of each option the optimiser builds when it plans for each year's water."
                .into();
        f.emit(
            dir,
            "years_capacity",
            "Capacity across years",
            reading,
            &chart,
        )?;
    }
    inflow(c, dir, f, &sub)
}

/// Up to `MAX_BOXES` design points: one box per design point, of curtailment and of each
/// option built.
fn box_per_design_point(c: &Ctx, dir: &Path, f: &mut Figures) -> Result<()> {
    let n_years = c.t.years().len();
    let sub = format!(
        "One box per design point over {n_years} years · {}",
        c.context
    );
    let names: Vec<String> = c.dps.iter().map(|d| c.label(d)).collect();
    let x_axis = match c.varied.as_slice() {
        [j] => parameter(&c.t.meta.parameters[*j]).0,
        _ => "design point".into(),
    };
    let groups = |col: &str| -> Vec<(String, Vec<f64>)> {
        let v = c.t.column(col);
        c.dps
            .iter()
            .zip(&names)
            .map(|(d, n)| (n.clone(), solved(v.clone(), &d.rows)))
            .collect()
    };
    let chart = Spread {
        labels: c.labels(
            "Curtailment across hydrology years",
            &sub,
            &x_axis,
            CURTAILMENT_AXIS,
        ),
        groups: groups(ANNUAL),
        colours: Vec::new(),
        from_zero: true,
    };
    let reading =
        "Energy spilled over the year at each design point, across the hydrology years.".into();
    f.emit(
        dir,
        "years_curtailment",
        "Curtailment across years",
        reading,
        &chart,
    )?;
    for o in c.built_options() {
        let title = format!(
            "{} across hydrology years",
            capitalised(&palette::use_label(&o))
        );
        let chart = Spread {
            labels: c.labels(&title, &sub, &x_axis, CAPACITY_AXIS),
            groups: groups(&capacity_column(&o)),
            colours: Vec::new(),
            from_zero: true,
        };
        let reading = format!(
            "New capacity of {} at each design point, across the hydrology years.",
            palette::use_label(&o)
        );
        let heading = format!("{} across years", capitalised(&palette::use_label(&o)));
        f.emit(
            dir,
            &format!("years_capacity_{}", stem_of(&o)),
            &heading,
            reading,
            &chart,
        )?;
    }
    Ok(())
}

/// "Electrolysers" for a title.
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// Curtailment against each year's relative inflow (one design point only).
fn inflow(c: &Ctx, dir: &Path, f: &mut Figures, sub: &str) -> Result<()> {
    let rel: Vec<f64> = c.t.rows.iter().map(|r| r.relative_to_mean).collect();
    let mut order: Vec<usize> = (0..rel.len()).collect();
    order.sort_by(|a, b| rel[*a].total_cmp(&rel[*b]));
    let x: Vec<f64> = order.iter().map(|i| rel[*i]).collect();
    let sorted = |v: Vec<f64>| -> Vec<f64> { order.iter().map(|i| v[*i]).collect() };
    let mut chart = LineChart::versus(
        c.labels(
            "Curtailment against the year's inflow",
            sub,
            "annual inflow relative to the mean of the years on record (×)",
            "energy spilled (TWh/yr)",
        ),
        &x,
        &[
            ("spilled over the year".into(), sorted(c.t.column(ANNUAL))),
            ("in the flood season".into(), sorted(c.t.column(FLOOD))),
            (
                "run-of-river clipped (not curtailment)".into(),
                sorted(c.t.column(CLIPPED)),
            ),
        ],
    );
    for (s, colour) in chart.series.iter_mut().zip(SPILL_COLOURS) {
        s.colour = colour;
    }
    let reading = "Each year is one point per line, placed by its annual inflow relative to the mean: how spill grows with the water.".into();
    f.emit(
        dir,
        "years_curtailment_vs_inflow",
        "Curtailment against inflow",
        reading,
        &chart,
    )
}
