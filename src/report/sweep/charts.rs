//! Which charts a sweep gets, and drawing them from its table. The rule (docs/sweeps.md):
//!
//! - **Design charts** take one value per design point: the point's own, or, when the design is
//!   crossed with hydrology years, the mean over its years (so the parameters' effect is read on
//!   an average year). `monte_carlo` → spreads of the key outputs and the shares of outcomes
//!   that split in two; `one_at_a_time` → tornados of the objective, curtailment, each built
//!   option's capacity and export; `grid` with one parameter that varies → lines against it and
//!   the decisions (capacity and energy by use), two → heat maps and the switch-price charts,
//!   three or more → spreads (a grid of three cannot be drawn flat).
//! - **Hydrology charts** whenever years are swept: the spread across years of curtailment and of
//!   each option's capacity — one box per output when there is one design point (and curtailment
//!   against the year's inflow), one box per design point when there are up to 12
//!   (`sweep_years`).

use super::context::*;
use super::read::SweepFiles;
use super::units::{axis_title, parameter, tick};
use crate::charts::{palette, Heatmap, LineChart, Spread};
use crate::error::Result;
use crate::output::files::SWEEP_CSV;
use crate::output::sweep::{
    capacity_column, energy_column, CURTAILMENT_ANNUAL_TWH as ANNUAL,
    CURTAILMENT_FLOOD_SEASON_TWH as FLOOD, HYDROGEN_KT, OBJECTIVE_CNY as OBJECTIVE,
};
use crate::report::figures::Figures;
use std::path::Path;

/// Draw the sweep's charts into `dir`; also returns, in a sentence, which rule chose them.
pub(super) fn draw_all(t: &SweepFiles, dir: &Path) -> Result<(Figures, String)> {
    let dps = t.design_points();
    let varied = t.varied(&dps);
    let context = format!(
        "{} · {} of {} points at {}",
        t.meta.base_scenario,
        t.rows.len(),
        t.meta.points_total,
        match &t.meta.resolution {
            Some(r) => format!("{r} (segments of up to {} h)", t.meta.resolution_hours),
            None => format!("{} h", t.meta.resolution_hours),
        }
    );
    let crossed = t.hydrology && dps.iter().any(|d| d.rows.len() > 1);
    let design_context = if crossed && dps.len() > 1 {
        format!(
            "{context} · {} over {} years",
            t.mean_over_years(),
            t.years().len()
        )
    } else {
        context.clone()
    };
    let c = Ctx {
        t,
        dps,
        varied,
        context,
        design_context,
    };
    let mut f = Figures::default();
    let mut rule = match (t.meta.design.as_str(), c.varied.len()) {
        ("monte_carlo", _) => {
            spreads(&c, dir, &mut f)?;
            super::decision_charts::shares(&c, dir, &mut f)?;
            "Monte Carlo: the spread of the key outputs over the draws, and how often each outcome that splits in two is on its high side".to_string()
        }
        ("one_at_a_time", _) => {
            super::tornado::tornados(&c, dir, &mut f)?;
            "one at a time: tornado charts of the objective, of curtailment, of each built option's capacity and of export".into()
        }
        (_, 0) => "no parameter takes more than one value, so there is no design chart".into(),
        (_, 1) => {
            lines(&c, c.varied[0], dir, &mut f)?;
            super::decision_charts::versus(&c, dir, &mut f)?;
            "one parameter varies: the key outputs, and each option's capacity with the energy by use, against it".into()
        }
        (_, 2) => {
            heatmaps(&c, dir, &mut f)?;
            super::decision_charts::switches(&c, dir, &mut f)?;
            "two parameters vary: heat maps of the objective and of curtailment over both, and each option's capacity with export against the first, one line per value of the second".into()
        }
        (_, n) => {
            spreads(&c, dir, &mut f)?;
            format!("{n} parameters vary, too many for one flat chart: the spread of the key outputs over the points")
        }
    };
    if crossed && c.dps.len() > 1 {
        rule.push_str(&format!(
            ", each design point taken as its {} over the {} hydrology years",
            t.mean_over_years(),
            t.years().len()
        ));
    }
    if t.hydrology {
        super::years::years(&c, dir, &mut f)?;
        rule.push_str("; hydrology years: the spread of curtailment and of each option's capacity across the years");
    }
    Ok((f, format!("{rule}.")))
}

/// Lines of the key outputs against the one parameter that varies.
fn lines(c: &Ctx, j: usize, dir: &Path, f: &mut Figures) -> Result<()> {
    let path = &c.t.meta.parameters[j];
    let xs: Vec<Option<f64>> = c.dps.iter().map(|d| d.params[j].parse().ok()).collect();
    if xs.iter().any(Option::is_none) {
        f.skipped.push(format!(
            "lines against `{path}`: its values are not numbers (see {SWEEP_CSV})"
        ));
        return Ok(());
    }
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|a, b| xs[*a].unwrap_or(0.0).total_cmp(&xs[*b].unwrap_or(0.0)));
    let x: Vec<f64> = order.iter().map(|i| xs[*i].unwrap_or(f64::NAN)).collect();
    let sorted = |v: Vec<f64>| -> Vec<f64> { order.iter().map(|i| v[*i]).collect() };
    let x_axis = axis_title(path);
    let (short, _) = parameter(path);
    let unsolved = c.dps.len() - c.design(OBJECTIVE).iter().filter(|v| v.is_finite()).count();
    let mut sub = format!("Against {path} · {}", c.design_context);
    if unsolved > 0 {
        sub.push_str(&format!(" · {unsolved} without a solution left out"));
    }

    let title = format!("Objective against {short}");
    let mut chart = LineChart::versus(
        c.labels(&title, &sub, &x_axis, OBJECTIVE_AXIS),
        &x,
        &[("objective".into(), sorted(c.design(OBJECTIVE)))],
    );
    chart.y_from_zero = false;
    let reading = format!("The objective (annualised costs minus revenues) at each value of {short}; lower is better for the region.");
    f.emit(dir, "lines_objective", "Objective", reading, &chart)?;

    let options = c.built_options();
    if options.is_empty() {
        f.skipped
            .push("capacity lines: no option is built at any point".into());
    } else {
        let series: Vec<(String, Vec<f64>)> = options
            .iter()
            .map(|o| (o.clone(), sorted(c.design(&capacity_column(o)))))
            .collect();
        let title = format!("Capacity built against {short}");
        let chart = LineChart::versus(c.labels(&title, &sub, &x_axis, CAPACITY_AXIS), &x, &series);
        let reading = format!("New capacity per option at each value of {short} (options never built are left out); data centres in MW of IT load.");
        f.emit(dir, "lines_capacity", "Capacity built", reading, &chart)?;
    }

    let title = format!("Curtailment against {short}");
    let mut chart = LineChart::versus(
        c.labels(&title, &sub, &x_axis, CURTAILMENT_AXIS),
        &x,
        &[
            ("spilled over the year".into(), sorted(c.design(ANNUAL))),
            ("in the flood season".into(), sorted(c.design(FLOOD))),
        ],
    );
    chart.series[0].colour = SPILL_COLOURS[0];
    chart.series[1].colour = SPILL_COLOURS[1];
    let reading = format!(
        "Energy still spilled at each value of {short}, over the year and in the flood season."
    );
    f.emit(dir, "lines_curtailment", "Curtailment", reading, &chart)?;

    let hydrogen = sorted(c.design(HYDROGEN_KT));
    if !hydrogen.iter().any(|v| *v > 1e-3) {
        f.skipped
            .push("hydrogen lines: no hydrogen is made at any point".into());
        return Ok(());
    }
    let title = format!("Hydrogen made against {short}");
    let chart = LineChart::versus(
        c.labels(&title, &sub, &x_axis, "hydrogen made (kt/yr)"),
        &x,
        &[("hydrogen".into(), hydrogen)],
    );
    let reading = format!("Hydrogen made by the electrolysers at each value of {short}.");
    f.emit(dir, "lines_hydrogen", "Hydrogen made", reading, &chart)
}

/// The distinct values of parameter `j` over the design points: numerically sorted when they
/// are numbers, else in order of appearance.
fn distinct(c: &Ctx, j: usize) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for d in &c.dps {
        if !v.contains(&d.params[j]) {
            v.push(d.params[j].clone());
        }
    }
    let nums: Option<Vec<f64>> = v.iter().map(|s| s.parse().ok()).collect();
    if let Some(n) = nums {
        let mut paired: Vec<(f64, String)> = n.into_iter().zip(v).collect();
        paired.sort_by(|a, b| a.0.total_cmp(&b.0));
        return paired.into_iter().map(|p| p.1).collect();
    }
    v
}

/// Heat maps of the objective and of curtailment over the two parameters that vary.
fn heatmaps(c: &Ctx, dir: &Path, f: &mut Figures) -> Result<()> {
    let (jy, jx) = (c.varied[0], c.varied[1]);
    let (px, py) = (&c.t.meta.parameters[jx], &c.t.meta.parameters[jy]);
    let (xs, ys) = (distinct(c, jx), distinct(c, jy));
    let (x_axis, y_axis) = (axis_title(px), axis_title(py));
    let sub = c.design_context.clone();
    for (name, stem, heading, z_title, what) in [
        (
            OBJECTIVE,
            "heatmap_objective",
            "Objective",
            "objective (M CNY/yr)",
            "the objective (annualised costs minus revenues; lower is better)",
        ),
        (
            ANNUAL,
            "heatmap_curtailment",
            "Curtailment",
            "spilled (TWh/yr)",
            "the energy still spilled over the year",
        ),
    ] {
        let values = c.design(name);
        let z: Vec<Vec<f64>> = ys
            .iter()
            .map(|y| {
                xs.iter()
                    .map(|x| {
                        c.dps
                            .iter()
                            .position(|d| &d.params[jx] == x && &d.params[jy] == y)
                            .map_or(f64::NAN, |k| values[k])
                    })
                    .collect()
            })
            .collect();
        let sub = if z.iter().flatten().any(|v| !v.is_finite()) {
            format!("Grey: no solution · {sub}")
        } else {
            sub.clone()
        };
        let title = format!("{heading} over {} and {}", parameter(py).0, parameter(px).0);
        let chart = Heatmap {
            labels: c.labels(&title, &sub, &x_axis, &y_axis),
            x_values: xs.iter().map(|s| tick(s)).collect(),
            y_values: ys.iter().map(|s| tick(s)).collect(),
            z,
            z_title,
        };
        let reading =
            format!("Each cell is {what} at one pair of values; light is high, dark is low.");
        f.emit(dir, stem, heading, reading, &chart)?;
    }
    Ok(())
}

/// Spreads of the key outputs over the design points.
fn spreads(c: &Ctx, dir: &Path, f: &mut Figures) -> Result<()> {
    let sub = format!(
        "Box: middle half · whiskers: lowest and highest · {}",
        c.design_context
    );
    let chart = Spread {
        labels: c.labels(
            "Spread of the objective",
            &sub,
            "all points",
            OBJECTIVE_AXIS,
        ),
        groups: vec![("objective".into(), c.design(OBJECTIVE))],
        colours: Vec::new(),
        from_zero: false,
    };
    let reading =
        "How far the objective (annualised costs minus revenues) moves over the points.".into();
    f.emit(dir, "spread_objective", "Objective", reading, &chart)?;
    let options = c.built_options();
    if options.is_empty() {
        f.skipped
            .push("capacity spread: no option is built at any point".into());
    } else {
        let chart = Spread {
            labels: c.labels(
                "Spread of the capacity built",
                &sub,
                "option",
                CAPACITY_AXIS,
            ),
            groups: options
                .iter()
                .map(|o| (o.clone(), c.design(&capacity_column(o))))
                .collect(),
            colours: Vec::new(),
            from_zero: true,
        };
        let reading =
            "How much of each option is built over the points (options never built are left out)."
                .into();
        f.emit(dir, "spread_capacity", "Capacity built", reading, &chart)?;
    }
    let chart = Spread {
        labels: c.labels(
            "Spread of curtailment and hydrogen",
            &sub,
            "output",
            "energy (TWh/yr)",
        ),
        groups: vec![
            ("spilled over the year".into(), c.design(ANNUAL)),
            ("spilled in the flood season".into(), c.design(FLOOD)),
            ("hydrogen".into(), c.design(&energy_column("hydrogen"))),
        ],
        colours: vec![SPILL_COLOURS[0], SPILL_COLOURS[1], palette::GREEN],
        from_zero: true,
    };
    let reading = "Energy still spilled (over the year, in the flood season) and electricity turned into hydrogen, over the points; hydrogen in kt is in the table of ranges.".into();
    f.emit(
        dir,
        "spread_energy",
        "Curtailment and hydrogen",
        reading,
        &chart,
    )
}
