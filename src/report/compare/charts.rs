//! The three charts of a comparison: capacity built per option, energy by use, and every
//! case's curtailment duration curve on one chart.

use super::read::CompareFiles;
use crate::charts::{format_number, palette, BarGroups, Labels, LineChart, StackedBars};
use crate::error::Result;
use crate::output::compare::{
    capacity_metric, energy_metric, CAPACITY_PREFIX, HYDROGEN_STORAGE, MW,
};
use crate::output::files::DURATION;
use crate::output::run::RunSummary;
use crate::report::figures::Figures;
use crate::report::uses::{use_order, BELOW_ZERO};
use crate::report::words::{join_and, option_name};
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

/// An option counts as built above 1 MW (as for `binding` and break-even).
const BUILT_MW: f64 = 1.0;

/// A case's MW in a capacity row (None: not in the table, or not allowed in that case).
fn capacity_of(f: &CompareFiles, key: &str, i: usize) -> Option<f64> {
    let allowed = f.info[i].summary.capacity_built_mw.contains_key(key);
    let v = f.row(&capacity_metric(key)).and_then(|r| r.values[i])?;
    allowed.then_some(clean(v))
}

/// The keys of the capacity chart: options built (above 1 MW) in some case, then committed
/// assets that are no option; and the options built in no case, in words.
fn capacity_keys(f: &CompareFiles) -> (Vec<String>, Vec<String>) {
    let allowed: Vec<String> = f
        .rows
        .iter()
        .filter(|r| r.unit == MW)
        .filter_map(|r| r.metric.strip_prefix(CAPACITY_PREFIX))
        .map(String::from)
        .collect();
    let n = f.cases.len();
    let (mut keys, mut not_built) = (Vec::new(), Vec::new());
    for k in allowed {
        if (0..n).any(|i| capacity_of(f, &k, i).is_some_and(|v| v > BUILT_MW)) {
            keys.push(k);
        } else {
            not_built.push(option_name(&k));
        }
    }
    let mut committed_only: Vec<String> = (f.info.iter())
        .flat_map(|c| c.summary.capacity_committed_mw.keys().cloned())
        .filter(|k| !keys.contains(k))
        .collect();
    committed_only.sort();
    committed_only.dedup();
    keys.extend(committed_only);
    (keys, not_built)
}

/// Committed MW of a key in case `i`, if any.
fn committed(f: &CompareFiles, k: &str, i: usize) -> Option<f64> {
    (f.info[i].summary.capacity_committed_mw.get(k).copied()).filter(|v| *v > 0.0)
}

/// New capacity per option, solid, on top of committed capacity, hatched. Options built in no
/// case are left out (named in the subtitle), so the axis is scaled to what was built.
fn capacity(f: &CompareFiles, dir: &Path, figs: &mut Figures) -> Result<()> {
    let n = f.cases.len();
    let (keys, not_built) = capacity_keys(f);
    if keys.is_empty() {
        figs.skipped.push(if not_built.is_empty() {
            "capacity built: no case allows new capacity".into()
        } else {
            format!(
                "capacity built: no case builds any ({} allowed, none built)",
                join_and(&not_built)
            )
        });
        return Ok(());
    }
    // No bar where a case neither allows the option nor has it committed.
    let values: Vec<Vec<f64>> = (0..n)
        .map(|i| {
            (keys.iter())
                .map(|k| match (capacity_of(f, k, i), committed(f, k, i)) {
                    (Some(v), _) => v,
                    (None, Some(_)) => 0.0,
                    (None, None) => f64::NAN,
                })
                .collect()
        })
        .collect();
    let base: Vec<Vec<f64>> = (0..n)
        .map(|i| {
            keys.iter()
                .map(|k| committed(f, k, i).unwrap_or(0.0))
                .collect()
        })
        .collect();
    let has_committed = base.iter().flatten().any(|v| *v > 0.0);
    let mut sub = format!(
        "Solid: new{}; no bar: not allowed",
        if has_committed {
            "; hatched: committed"
        } else {
            ""
        },
    );
    // One line: the options left out say more than the step length, which the other charts give.
    if not_built.is_empty() {
        sub.push_str(&format!("; {}", resolution_words(f)));
    } else {
        sub.push_str(&format!(
            "; not built in any case: {}",
            join_and(&not_built)
        ));
    }
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
            y_axis: if has_committed {
                "capacity (MW; data centres: MW of IT load)"
            } else {
                "new capacity (MW; data centres: MW of IT load)"
            },
        },
        groups: f.cases.clone(),
        keys,
        values,
        limits: None,
        base: has_committed.then(|| ("hatched: committed (sunk)".to_string(), base)),
        value_labels: n <= 6,
    };
    let totals: Vec<String> = (0..n)
        .map(|i| {
            let mw: f64 = chart.values[i].iter().filter(|v| v.is_finite()).sum();
            format!("{} MW in {}", format_number(mw, 0), f.cases[i])
        })
        .collect();
    let reading = format!(
        "What the optimiser builds in each case, option by option, in the colours of the run charts{}; a case that does not allow an option has no bar for it. New capacity in all: {}.{}",
        if has_committed { ", on top of committed capacity (hatched)" } else { "" },
        join_and(&totals),
        if not_built.is_empty() {
            String::new()
        } else {
            format!(" Not built in any case, so not drawn: {}.", join_and(&not_built))
        }
    );
    figs.emit(dir, "capacity_built", "Capacity built", reading, &chart)
}

/// A use's TWh in the status quo of `compare.json`.
fn status_quo_energy(sq: &RunSummary, key: &str) -> Option<f64> {
    match key.strip_prefix("industry.") {
        Some(p) => sq.energy_twh.industry_by_product.get(p).copied(),
        None => sq.energy_twh.get(key),
    }
}

/// A bar's TWh of a use (None: the bar has no such use).
type EnergyOf<'a> = Box<dyn Fn(&str) -> Option<f64> + 'a>;

/// Energy by use per case, stacked up to the available energy (a black tick), the status quo
/// first: where the energy of each plan goes, against doing nothing new.
fn energy_by_use(f: &CompareFiles, dir: &Path, figs: &mut Figures) -> Result<()> {
    let sq = f.status_quo.as_ref();
    let mut categories: Vec<String> = Vec::new();
    let mut columns: Vec<EnergyOf> = Vec::new();
    let mut available = Vec::new();
    if let Some(sq) = sq {
        categories.push("status quo".into());
        columns.push(Box::new(move |k| status_quo_energy(&sq.summary, k)));
        available.push(sq.summary.energy_twh.available);
    }
    for i in 0..f.cases.len() {
        categories.push(f.cases[i].clone());
        columns.push(Box::new(move |k| energy(f, k, i)));
        available.push(f.info[i].summary.energy_twh.available);
    }
    // "Zero" is relative to the largest use, so a small test system keeps its bars and solver
    // noise (1e-9 TWh) on a real one does not make a layer of its own.
    let all = energy_keys(f);
    let largest = (all.iter())
        .flat_map(|k| columns.iter().filter_map(move |c| c(k)))
        .fold(0.0, |m: f64, v| m.max(v.abs()));
    let zero = largest * 1e-6;
    let layers: Vec<(String, Vec<f64>)> = all
        .into_iter()
        .filter(|k| columns.iter().any(|c| c(k).is_some_and(|v| v.abs() > zero)))
        .map(|k| {
            let v = (columns.iter())
                .map(|c| c(&k).filter(|v| v.abs() > zero).unwrap_or(0.0))
                .collect();
            // Supplies (import) are drawn below zero, under the uses they served.
            let below = BELOW_ZERO.contains(&k.as_str());
            let v = if below { negate(v) } else { v };
            (k, v)
        })
        .collect();
    let shown: Vec<String> = available.iter().map(|a| format_number(*a, 1)).collect();
    let sub = format!(
        "{}Stacked to the available generation ({}); {}",
        sq.map_or(String::new(), |s| format!(
            "Status quo: {} with no new capacity. ",
            s.case
        )),
        per_case(&shown, "TWh"),
        resolution_words(f)
    );
    let chart = StackedBars {
        labels: Labels {
            title: "Energy by use in each case",
            subtitle: &sub,
            x_axis: "case",
            y_axis: "energy (TWh/yr)",
        },
        categories,
        layers,
        marker: Some(("available generation".into(), available)),
        shaded: None,
    };
    // The reading states the decision-relevant layers bar by bar, from the data drawn.
    let said: Vec<String> = ["export", "hydrogen", "hydro_spill", "curtailed"]
        .iter()
        .filter_map(|k| chart.layers.iter().find(|(key, _)| key == k))
        .map(|(k, v)| layer_words(k, &chart.categories, v))
        .collect();
    let reading = format!(
        "Each case's energy by use over the year, stacked up to the energy available (black tick), each use in its fixed colour{}: what export loses, hydrogen or industry gains, and what is still spilled. Uses that are zero in every case are left out; imports are drawn below zero. {}",
        if sq.is_some() { ", the status quo (nothing new built) first" } else { "" },
        said.join(" ")
    );
    figs.emit(dir, "energy_by_use", "Energy by use", reading, &chart)
}

/// "Export to the grid: 28.64 TWh in status quo, 21.72 in case-export and 14.11 in case-hydrogen."
fn layer_words(key: &str, categories: &[String], v: &[f64]) -> String {
    let parts: Vec<String> = (categories.iter().zip(v).enumerate())
        .map(|(i, (c, x))| {
            let unit = if i == 0 { " TWh" } else { "" };
            format!("{}{unit} in {c}", format_number(x.abs(), 2))
        })
        .collect();
    let name = palette::use_label(key);
    let mut name_chars = name.chars();
    let name = name_chars.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + name_chars.as_str()
    });
    format!("{name}: {}.", join_and(&parts))
}

fn negate(v: Vec<f64>) -> Vec<f64> {
    v.into_iter().map(|x| -x).collect()
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
