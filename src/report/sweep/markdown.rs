//! `report.md` of a sweep: its definition, the points by status (those without a solution
//! listed), the range of every output, and the charts with the rule that chose them.

use super::read::SweepFiles;
use super::units::number;
use crate::charts::{format_number, palette};
use crate::output::files::SWEEP_CSV;
use crate::output::sweep::*;
use crate::report::figures::Figures;
use crate::report::words::{cell, min_median_max, option_name};
use crate::sweep::design::show;
use crate::sweep::spec::{Distribution, ParameterSpec};
use std::fmt::Write;

/// Points without a solution listed one by one; the rest are counted.
const MAX_LISTED: usize = 50;

/// How a parameter is set, from the sweep file as parsed.
fn how_set(p: &ParameterSpec) -> String {
    let n = |x: f64| number(x);
    if let Some(d) = &p.distribution {
        return match d {
            Distribution::Uniform { low, high } => format!("uniform {} to {}", n(*low), n(*high)),
            Distribution::Triangular { low, mode, high } => {
                format!("triangular {} to {}, mode {}", n(*low), n(*high), n(*mode))
            }
            Distribution::Normal {
                mean,
                sd,
                low,
                high,
            } => {
                let mut s = format!("normal, mean {}, sd {}", n(*mean), n(*sd));
                if low.is_some() || high.is_some() {
                    let b = |v: &Option<f64>, inf: &str| v.map_or(inf.to_string(), n);
                    s.push_str(&format!(
                        ", kept within [{}, {}]",
                        b(low, "−∞"),
                        b(high, "∞")
                    ));
                }
                s
            }
            Distribution::Choice => format!("one of {}", list(p)),
        };
    }
    if let Some(v) = &p.values {
        return if v.len() == 1 {
            format!("the value {}", list(p))
        } else {
            format!("the values {}", list(p))
        };
    }
    match (p.start, p.stop, p.steps, p.low, p.high) {
        (Some(a), Some(b), Some(k), _, _) => format!("{k} steps from {} to {}", n(a), n(b)),
        (_, _, _, Some(lo), Some(hi)) => format!("low {}, high {}", n(lo), n(hi)),
        _ => "–".into(),
    }
}

/// A drawn value to about three significant figures (10.48, 764, 0.0412), trailing zeros cut.
fn sig(v: f64) -> String {
    let a = v.abs();
    let d = if a >= 100.0 {
        0
    } else if a >= 10.0 {
        1
    } else if a >= 1.0 || a == 0.0 {
        2
    } else {
        (2 - a.log10().floor() as i32).clamp(2, 8) as usize
    };
    number(format!("{v:.d$}").parse().unwrap_or(v))
}

fn list(p: &ParameterSpec) -> String {
    p.values
        .iter()
        .flatten()
        .map(|v| show(v).parse().map_or(show(v), number))
        .collect::<Vec<_>>()
        .join(", ")
}

fn definition(o: &mut String, t: &SweepFiles) {
    let m = &t.meta;
    o.push_str("## Definition\n\n");
    let _ = writeln!(
        o,
        "Sweep file `{}` on the base scenario **{}**, design **{}**, {} points in all at {}, solved by {}. Definition hash `{}` (shards of one sweep share it).",
        m.sweep_file, m.base_scenario, m.design, m.points_total,
        match &m.resolution {
            Some(r) => format!("{r} (segments of up to {} h)", m.resolution_hours),
            None => format!("{} h steps", m.resolution_hours),
        },
        m.solver, m.hash
    );
    if let Some(s) = m.shard {
        let _ = writeln!(
            o,
            "\nThis folder is **shard {} of {}**: the {} points whose index mod {} is {}. Join the shards with `spillway merge` for the whole sweep.",
            s.index, s.count, t.rows.len(), s.count, s.index - 1
        );
    }
    o.push('\n');
    let spec = m.spec.as_ref();
    if let Some(s) = spec {
        if let (Some(n), Some(seed)) = (s.samples, s.seed) {
            let _ = writeln!(o, "Monte Carlo: {n} draws from seed {seed}.\n");
        }
    }
    o.push_str("| parameter | set to | values in this folder |\n|---|---|---|\n");
    for (j, path) in m.parameters.iter().enumerate() {
        let how = spec
            .and_then(|s| s.parameters.get(j))
            .map_or("–".into(), how_set);
        let mut seen: Vec<&str> = Vec::new();
        for r in &t.rows {
            if !seen.contains(&r.params[j].as_str()) {
                seen.push(&r.params[j]);
            }
        }
        let nums: Vec<f64> = seen.iter().filter_map(|s| s.parse().ok()).collect();
        let values = match min_median_max(&nums) {
            Some((lo, _, hi)) if nums.len() == seen.len() && seen.len() > 1 => {
                format!("{} values, {} to {}", seen.len(), sig(lo), sig(hi))
            }
            _ => seen.join(", "),
        };
        let _ = writeln!(o, "| `{path}` | {} | {} |", cell(&how), cell(&values));
    }
    if t.hydrology {
        let years = t.years();
        let rel: Vec<f64> = t.rows.iter().map(|r| r.relative_to_mean).collect();
        let mut sorted = years.clone();
        sorted.sort_unstable();
        // A few years are listed; a run of many is given as its first and last.
        let span = match (sorted.first(), sorted.last()) {
            (Some(a), Some(b)) if sorted.len() > 8 => format!("{a}–{b}"),
            _ => sorted
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        };
        let range = min_median_max(&rel).map_or(String::new(), |(lo, _, hi)| {
            format!(
                "; annual inflow {} to {} × the mean",
                format_number(lo, 2),
                format_number(hi, 2)
            )
        });
        let _ = writeln!(
            o,
            "\nHydrology: every design point is solved in each of {} years ({span}{range}); reservoir inflow and run-of-river availability scaled by the year's annual volume (see docs/sweeps.md for the method and its limits).",
            years.len()
        );
    }
    o.push('\n');
}

fn statuses(o: &mut String, t: &SweepFiles) {
    o.push_str("## Points by status\n\n| status | points |\n|---|---:|\n");
    let mut counts: Vec<(String, usize)> = Vec::new();
    for r in &t.rows {
        match counts.iter_mut().find(|c| c.0 == r.status) {
            Some(c) => c.1 += 1,
            None => counts.push((r.status.clone(), 1)),
        }
    }
    counts.sort();
    for (s, n) in &counts {
        let _ = writeln!(o, "| {} | {n} |", cell(s));
    }
    let bad: Vec<_> = t.rows.iter().filter(|r| !r.solved()).collect();
    if bad.is_empty() {
        o.push_str("\nEvery point has a solution.\n\n");
        return;
    }
    let _ = writeln!(
        o,
        "\n{} point(s) have no solution; they are left out of the ranges and the charts:\n",
        bad.len()
    );
    o.push_str("| point | values |");
    if t.hydrology {
        o.push_str(" year |");
    }
    o.push_str(" status | why |\n|---:|---|");
    if t.hydrology {
        o.push_str("---:|");
    }
    o.push_str("---|---|\n");
    for r in bad.iter().take(MAX_LISTED) {
        let values: Vec<String> = t
            .meta
            .parameters
            .iter()
            .zip(&r.params)
            .map(|(p, v)| format!("{p} = {v}"))
            .collect();
        let _ = write!(o, "| {} | {} |", r.point, cell(&values.join(", ")));
        if t.hydrology {
            let _ = write!(o, " {} |", r.year.map_or(String::new(), |y| y.to_string()));
        }
        let _ = writeln!(o, " {} | {} |", cell(&r.status), cell(&r.message));
    }
    if bad.len() > MAX_LISTED {
        let _ = writeln!(
            o,
            "\n…and {} more (see `{STATUS}` and `{MESSAGE}` in {SWEEP_CSV}).",
            bad.len() - MAX_LISTED
        );
    }
    o.push('\n');
}

/// An output column in words, with its unit and the factor from the file's unit.
fn output_name(col: &str) -> (String, &'static str, f64) {
    if let Some(k) = col.strip_prefix(CAPACITY_PREFIX) {
        let unit = if k == "data_centre" { "MW IT" } else { "MW" };
        return (format!("new capacity: {}", option_name(k)), unit, 1.0);
    }
    if let Some(k) = col.strip_prefix(ENERGY_PREFIX) {
        return (format!("energy: {}", palette::use_label(k)), "TWh/yr", 1.0);
    }
    match col {
        OBJECTIVE_CNY => (
            "objective (negative = net revenue)".into(),
            "M CNY/yr",
            1e-6,
        ),
        HYDROGEN_STORAGE_T => ("new hydrogen storage".into(), "t", 1.0),
        CURTAILMENT_ANNUAL_TWH => ("spilled over the year".into(), "TWh/yr", 1.0),
        CURTAILMENT_FLOOD_SEASON_TWH => ("spilled in the flood season".into(), "TWh/yr", 1.0),
        HYDROGEN_KT => ("hydrogen made".into(), "kt/yr", 1.0),
        LCOH_CNY_PER_KG => ("levelised cost of hydrogen".into(), "CNY/kg", 1.0),
        HYDRO_CLIPPED_TWH => (
            "run-of-river clipped (not curtailment)".into(),
            "TWh/yr",
            1.0,
        ),
        other => (other.to_string(), "", 1.0),
    }
}

fn ranges(o: &mut String, t: &SweepFiles) {
    let solved = t.rows.iter().filter(|r| r.solved()).count();
    let _ = writeln!(
        o,
        "## Ranges\n\nOver the {solved} point(s) with a solution{}:\n\n| output | unit | lowest | median | highest |\n|---|---|---:|---:|---:|",
        if t.hydrology { " (every year counted)" } else { "" }
    );
    for col in &t.outputs {
        let (name, unit, scale) = output_name(col);
        let digits = match unit {
            "TWh/yr" => 3,
            "CNY/kg" | "kt/yr" => 2,
            _ => 1,
        };
        let v: Vec<f64> = t
            .rows
            .iter()
            .filter(|r| r.solved())
            .map(|r| r.values[t.output(col).unwrap_or(0)] * scale)
            .collect();
        let show = |x: f64| format_number(x, digits);
        match min_median_max(&v) {
            Some((lo, med, hi)) => {
                let _ = writeln!(
                    o,
                    "| {} | {unit} | {} | {} | {} |",
                    cell(&name),
                    show(lo),
                    show(med),
                    show(hi)
                );
            }
            None => {
                let _ = writeln!(o, "| {} | {unit} | – | – | – |", cell(&name));
            }
        }
    }
    o.push('\n');
}

/// The whole report.
pub fn report(t: &SweepFiles, figures: &Figures, rule: &str) -> String {
    let mut o = String::new();
    let name = std::path::Path::new(&t.meta.sweep_file)
        .file_stem()
        .map_or("sweep".into(), |s| s.to_string_lossy().into_owned());
    let _ = writeln!(
        o,
        "# Sweep {name}: {} points of {}\n",
        t.rows.len(),
        t.meta.base_scenario
    );
    let description = t.meta.spec.as_ref().map_or("", |s| s.description.trim());
    if !description.is_empty() {
        let _ = writeln!(o, "*{description}*\n");
    }
    o.push_str(
        "spillway solved the base scenario again at every point with the parameters below changed \
         (`sweep.csv` holds one row per point). Objectives are annualised costs minus revenues \
         (negative = net revenue); energies are totals over the horizon, a year for the shipped inputs.\n\n",
    );
    definition(&mut o, t);
    statuses(&mut o, t);
    ranges(&mut o, t);
    let _ = writeln!(
        o,
        "## Charts\n\nChosen by the rule of docs/sweeps.md: {rule}\n"
    );
    figures.markdown(&mut o);
    o
}
