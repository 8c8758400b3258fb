//! Tornado charts of a one-at-a-time sweep: each parameter moved alone from its low to its high
//! setting, the others at base. Of the objective and curtailment, and of the decisions: each
//! built option's capacity and the energy exported.

use super::context::*;
use super::decisions::built_options;
use super::units::{number, parameter, tick};
use crate::charts::Tornado;
use crate::error::Result;
use crate::output::sweep::{
    capacity_column, energy_column, CURTAILMENT_ANNUAL_TWH as ANNUAL, OBJECTIVE_CNY as OBJECTIVE,
};
use crate::report::figures::Figures;
use crate::report::words::{option_name, stem_of};
use std::path::Path;

/// One tornado: its column, file stem, heading, what it is in words, axis title, and whether
/// its reading names the widest swing (the decision tornados do).
struct Of {
    column: String,
    stem: String,
    heading: String,
    what: String,
    axis: String,
    unit: &'static str,
    widest: bool,
}

/// The tornados a sweep gets: objective and curtailment, then each built option's capacity and
/// export (when the sweep has it).
fn outputs(c: &Ctx) -> Vec<Of> {
    let mut v = vec![
        Of {
            column: OBJECTIVE.into(),
            stem: "tornado_objective".into(),
            heading: "Objective".into(),
            what: "objective".into(),
            axis: OBJECTIVE_AXIS.into(),
            unit: "M CNY/yr",
            widest: false,
        },
        Of {
            column: ANNUAL.into(),
            stem: "tornado_curtailment".into(),
            heading: "Curtailment".into(),
            what: "curtailment".into(),
            axis: "spilled over the year (TWh/yr)".into(),
            unit: "TWh/yr",
            widest: false,
        },
    ];
    for o in built_options(c.t) {
        let name = option_name(&o);
        let unit = if o == "data_centre" { "MW IT" } else { "MW" };
        v.push(Of {
            column: capacity_column(&o),
            stem: format!("tornado_capacity_{}", stem_of(&o)),
            heading: format!("Capacity: {name}"),
            what: format!("new capacity of {name}"),
            axis: format!("new capacity of {name} ({unit})"),
            unit,
            widest: true,
        });
    }
    if c.t.output(&energy_column("export")).is_some() {
        v.push(Of {
            column: energy_column("export"),
            stem: "tornado_export".into(),
            heading: "Export".into(),
            what: "export".into(),
            axis: "exported over the year (TWh/yr)".into(),
            unit: "TWh/yr",
            widest: true,
        });
    }
    v
}

/// Tornado charts: each parameter from its lowest to its highest setting, the others at base.
pub(super) fn tornados(c: &Ctx, dir: &Path, f: &mut Figures) -> Result<()> {
    let Some(base) = c
        .dps
        .iter()
        .position(|d| d.rows.iter().any(|i| c.t.rows[*i].point == 0))
    else {
        f.skipped
            .push("tornado charts: the base point (point 0) is not in this folder".into());
        return Ok(());
    };
    let settings = low_and_high(c, base);
    let sub = format!(
        "Each parameter alone from its low to its high setting · {}",
        c.design_context
    );
    for o in outputs(c) {
        let v = c.design(&o.column);
        if !v[base].is_finite() {
            f.skipped.push(format!(
                "tornado of the {}: the base point has no solution",
                o.what
            ));
            continue;
        }
        // Decisions move when they change by more than solver noise in their unit.
        let noise = match o.unit {
            "TWh/yr" if o.widest => 1e-3,
            "MW" | "MW IT" => 0.5,
            _ => 1e-6 * v[base].abs().max(1.0),
        };
        let moved = settings
            .iter()
            .flat_map(|(_, lo, hi)| [v[*lo], v[*hi]])
            .any(|x| (x - v[base]).abs() > noise);
        if !moved {
            f.skipped.push(format!(
                "tornado of the {}: no parameter moves it from the base case's {}",
                o.what,
                number(v[base])
            ));
            continue;
        }
        let rows: Vec<(String, f64, f64)> = settings
            .iter()
            .map(|(l, lo, hi)| (l.clone(), v[*lo], v[*hi]))
            .collect();
        let widest = if o.widest {
            widest(&rows, v[base], o.unit)
        } else {
            String::new()
        };
        let title = format!("What moves the {}", o.what);
        let chart = Tornado {
            labels: c.labels(&title, &sub, &o.axis, "parameter (low → high setting)"),
            base: v[base],
            rows,
        };
        let reading = format!("How far each parameter, moved alone from its low to its high setting, moves the {} from the base case (black line); the widest swing is on top.{widest}", o.what);
        f.emit(dir, &o.stem, &o.heading, reading, &chart)?;
    }
    Ok(())
}

/// " The widest swing: hydrogen price: 6 → 22 CNY/kg, from 0 to 2,500 MW (base 2,500 MW)."
fn widest(rows: &[(String, f64, f64)], base: f64, unit: &str) -> String {
    // The first of equal swings, in the sweep file's order.
    let swing = |r: &(String, f64, f64)| (r.2 - r.1).abs();
    let Some((label, lo, hi)) = rows
        .iter()
        .filter(|r| r.1.is_finite() && r.2.is_finite())
        .fold(None, |best: Option<&(String, f64, f64)>, r| match best {
            Some(b) if swing(b) >= swing(r) => Some(b),
            _ => Some(r),
        })
    else {
        return String::new();
    };
    let n = |v: f64| {
        if unit.starts_with("MW") {
            number(v.round())
        } else {
            crate::charts::format_number(v, 2)
        }
    };
    format!(
        " The widest swing: {label}, from {} to {} {unit} (base {} {unit}).",
        n(*lo),
        n(*hi),
        n(base)
    )
}

/// For each parameter moved alone from the base point `base`: (label, index of its low design
/// point, of its high one). Parameters never moved alone are left out.
fn low_and_high(c: &Ctx, base: usize) -> Vec<(String, usize, usize)> {
    let b = &c.dps[base].params;
    let mut settings = Vec::new();
    for (j, path) in c.t.meta.parameters.iter().enumerate() {
        let mut own: Vec<usize> = (0..c.dps.len())
            .filter(|k| {
                let p = &c.dps[*k].params;
                p[j] != b[j] && (0..p.len()).all(|i| i == j || p[i] == b[i])
            })
            .collect();
        if own.is_empty() {
            continue;
        }
        own.push(base);
        let x = |k: &usize| c.dps[*k].params[j].parse::<f64>().ok();
        let (lo, hi) = if own.iter().all(|k| x(k).is_some()) {
            let key = |k: &usize| x(k).unwrap_or(0.0);
            let lo = own.iter().copied().min_by(|a, b| key(a).total_cmp(&key(b)));
            let hi = own.iter().copied().max_by(|a, b| key(a).total_cmp(&key(b)));
            (lo.unwrap_or(base), hi.unwrap_or(base))
        } else {
            (own[0], own[own.len() - 2])
        };
        let (short, unit) = parameter(path);
        // A unit that is not a measure ("fraction") reads better left out after a number.
        let unit = match unit.as_str() {
            "as in the scenario" | "fraction" | "ratio" | "true/false" => String::new(),
            u => format!(" {u}"),
        };
        let label = format!(
            "{short}: {} → {}{unit}",
            tick(&c.dps[lo].params[j]),
            tick(&c.dps[hi].params[j])
        );
        settings.push((label, lo, hi));
    }
    settings
}
