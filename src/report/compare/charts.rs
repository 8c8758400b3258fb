//! The three charts of a comparison: capacity built per option, energy by use, and every
//! case's curtailment duration curve on one chart.

use super::read::CompareFiles;
use crate::charts::{format_number, palette, BarGroups, Labels, LineChart};
use crate::error::Result;
use crate::output::compare::{
    capacity_metric, energy_metric, CAPACITY_PREFIX, HYDROGEN_STORAGE, MW,
};
use crate::output::files::DURATION;
use crate::report::figures::Figures;
use crate::report::uses::{use_order, BELOW_ZERO};
use std::path::Path;

/// Uses in the order of the run's monthly chart (firm demand first, waste last), then supplies.
fn energy_keys(f: &CompareFiles) -> Vec<String> {
    let mut products: Vec<String> = f
        .info
        .iter()
        .flat_map(|c| c.summary.energy_twh.industry_by_product.keys())
        .map(|p| format!("industry.{p}"))
        .collect();
    products.sort();
    products.dedup();
    if products.is_empty() {
        products.push("industry".into());
    }
    let mut keys = use_order(&products, |_| true);
    keys.extend(BELOW_ZERO.map(String::from));
    keys
}

/// A use's TWh in case `i`: industry by product from `compare.json`, the rest from the table.
fn energy(f: &CompareFiles, key: &str, i: usize) -> Option<f64> {
    match key.strip_prefix("industry.") {
        Some(p) => f.info[i]
            .summary
            .energy_twh
            .industry_by_product
            .get(p)
            .copied(),
        None => f.row(&energy_metric(key))?.values[i],
    }
}

/// Solver noise (1e-6 MW) shown as 0, so a label reads "0", not "0.00".
fn clean(v: f64) -> f64 {
    if v.abs() < 1e-3 {
        0.0
    } else {
        v
    }
}

/// "34.9 TWh in every case", or "0.35 / 0.00 / 0.00 TWh (in case order)".
fn per_case(values: &[String], unit: &str) -> String {
    if values.windows(2).all(|w| w[0] == w[1]) {
        format!("{} {unit} in every case", values.first().map_or("–", |v| v))
    } else {
        format!("{} {unit} (in case order)", values.join(" / "))
    }
}

fn resolution_words(f: &CompareFiles) -> String {
    let mut res: Vec<String> = f.info.iter().map(|c| c.summary.step_words()).collect();
    res.dedup();
    match res.as_slice() {
        [one] => one.clone(),
        _ => "steps of different lengths per case".into(),
    }
}

pub(super) fn draw_all(f: &CompareFiles, dir: &Path) -> Result<Figures> {
    let mut figs = Figures::default();
    capacity(f, dir, &mut figs)?;
    energy_by_use(f, dir, &mut figs)?;
    duration(f, dir, &mut figs)?;
    Ok(figs)
}

fn capacity(f: &CompareFiles, dir: &Path, figs: &mut Figures) -> Result<()> {
    let keys: Vec<String> = f
        .rows
        .iter()
        .filter(|r| r.unit == MW)
        .filter_map(|r| r.metric.strip_prefix(CAPACITY_PREFIX))
        .map(String::from)
        .collect();
    if keys.is_empty() {
        figs.skipped
            .push("capacity built: no case allows new capacity".into());
        return Ok(());
    }
    // No bar where a case does not allow the option (it is not among its summary's keys).
    let values: Vec<Vec<f64>> = (0..f.cases.len())
        .map(|i| {
            keys.iter()
                .map(|k| {
                    let allowed = f.info[i].summary.capacity_built_mw.contains_key(k);
                    let v = f.row(&capacity_metric(k)).and_then(|r| r.values[i]);
                    match v {
                        Some(v) if allowed => clean(v),
                        _ => f64::NAN,
                    }
                })
                .collect()
        })
        .collect();
    let mut sub = format!(
        "New capacity per option; no bar: not allowed in that case; 0: allowed, not built; {}",
        resolution_words(f)
    );
    if let Some(r) = f.row(HYDROGEN_STORAGE) {
        if r.values.iter().flatten().any(|v| *v > 0.5) {
            let t: Vec<String> = r
                .values
                .iter()
                .map(|v| v.map_or("–".into(), |x| format!("{x:.0}")))
                .collect();
            sub.push_str(&format!("; hydrogen storage {} t", t.join(" / ")));
        }
    }
    let chart = BarGroups {
        labels: Labels {
            title: "Capacity built in each case",
            subtitle: &sub,
            x_axis: "case",
            y_axis: "new capacity (MW; data centres: MW of IT load)",
        },
        groups: f.cases.clone(),
        keys,
        values,
        limits: None,
        value_labels: f.cases.len() <= 6,
    };
    let reading = "What the optimiser builds in each case, option by option, in the colours of the run charts; a case that does not allow an option has no bar for it.".into();
    figs.emit(dir, "capacity_built", "Capacity built", reading, &chart)
}

fn energy_by_use(f: &CompareFiles, dir: &Path, figs: &mut Figures) -> Result<()> {
    // "Zero" is relative to the largest use, so a small test system keeps its bars and solver
    // noise (1e-9 TWh) on a real one does not make a bar of its own.
    let all = energy_keys(f);
    let largest = all
        .iter()
        .flat_map(|k| (0..f.cases.len()).filter_map(move |i| energy(f, k, i)))
        .fold(0.0, |m: f64, v| m.max(v.abs()));
    let zero = largest * 1e-6;
    let keys: Vec<String> = all
        .into_iter()
        .filter(|k| (0..f.cases.len()).any(|i| energy(f, k, i).is_some_and(|v| v.abs() > zero)))
        .collect();
    let values = (0..f.cases.len())
        .map(|i| {
            keys.iter()
                .map(|k| energy(f, k, i).map_or(f64::NAN, |v| if v.abs() > zero { v } else { 0.0 }))
                .collect()
        })
        .collect();
    let available: Vec<String> = f
        .info
        .iter()
        .map(|c| format_number(c.summary.energy_twh.available, 1))
        .collect();
    let sub = format!(
        "Where each case's energy goes over the year; available generation {}; {}",
        per_case(&available, "TWh"),
        resolution_words(f)
    );
    let chart = BarGroups {
        labels: Labels {
            title: "Energy by use in each case",
            subtitle: &sub,
            x_axis: "case",
            y_axis: "energy (TWh/yr)",
        },
        groups: f.cases.clone(),
        keys,
        values,
        limits: None,
        value_labels: f.cases.len() <= 4,
    };
    let reading = "Each case's energy by use over the year, each use in its fixed colour: what export loses, hydrogen or industry gains, and what is still spilled. Uses that are zero in every case are left out.".into();
    figs.emit(dir, "energy_by_use", "Energy by use", reading, &chart)
}

/// "0.35 TWh a year", "320 MWh a year" (a small system), or "nothing spilled" below 1 MWh
/// (interior-point noise is ~0.01 MWh a year).
fn spilled_words(twh: f64) -> String {
    if twh < 1e-6 {
        "nothing spilled".into()
    } else if twh >= 0.01 {
        format!("{} TWh a year", format_number(twh, 2))
    } else if twh >= 1e-5 {
        format!("{} GWh a year", format_number(twh * 1e3, 2))
    } else {
        format!("{} MWh a year", format_number(twh * 1e6, 1))
    }
}

fn duration(f: &CompareFiles, dir: &Path, figs: &mut Figures) -> Result<()> {
    let Some(durations) = &f.durations else {
        figs.skipped.push(format!(
            "curtailment duration: this folder has no {DURATION} (written by an older spillway)"
        ));
        return Ok(());
    };
    // The legend says how much each case spills, so a case lying on the axis is still read.
    let curves: Vec<(String, Vec<f64>)> = f
        .info
        .iter()
        .zip(durations)
        .map(|(c, d)| {
            let twh = c.summary.curtailment.annual_twh;
            let name = format!("{}: {}", c.summary.scenario, spilled_words(twh));
            (name, d.clone())
        })
        .collect();
    let horizon = f
        .info
        .iter()
        .map(|c| c.summary.horizon_hours)
        .fold(0.0, f64::max);
    let sub = format!(
        "Spill summed over all nodes, sorted from largest; {}",
        resolution_words(f)
    );
    let x_axis = if (horizon - 8760.0).abs() < 1.0 {
        "hours of the year at or above (h)"
    } else {
        "hours of the horizon at or above (h)"
    };
    let mut chart = LineChart::duration(
        Labels {
            title: "Curtailment duration in each case",
            subtitle: &sub,
            x_axis,
            y_axis: "spilled power (MW)",
        },
        &curves,
        horizon,
    );
    // Case names are not uses: each case takes the next case colour, as in every study chart.
    for (i, s) in chart.series.iter_mut().enumerate() {
        s.colour = palette::case(i);
    }
    let reading = "How many hours a year each level of spill lasts in each case; the area under a curve is the energy spilled. A case that spills nothing lies on the axis.".into();
    figs.emit(
        dir,
        "curtailment_duration",
        "Curtailment duration",
        reading,
        &chart,
    )
}
