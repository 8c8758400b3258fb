//! The five charts of a run, built from its files: curtailment duration (beside the baseline's),
//! monthly energy balance, the flood-season week with the most spill, price duration by node,
//! and capacity built by option and region.

use super::read::RunFiles;
use super::steps::horizon_words;
use crate::charts::{palette, BarGroups, Labels, LineChart, StackedBars};
use crate::error::Result;
use crate::output::run::{monthly_column, monthly_use, Capacity, FLOOD_SEASON, MONTH};
use crate::report::figures::Figures;
use crate::report::uses::{use_order, BELOW_ZERO};
use crate::report::words::{join_and, option_name, MONTHS};
use std::path::Path;

/// A duration curve's (MW, hours) per step, from its values and cumulative hours.
fn steps_of(mw: &[f64], hours_at_or_above: &[f64]) -> Vec<(f64, f64)> {
    let mut before = 0.0;
    mw.iter()
        .zip(hours_at_or_above)
        .map(|(y, h)| {
            let step = h - before;
            before = *h;
            (*y, step)
        })
        .collect()
}

/// Draw every chart into `charts_dir`.
pub(super) fn draw_all(r: &RunFiles, charts_dir: &Path) -> Result<Figures> {
    let mut f = Figures::default();

    // 1. Curtailment duration, with the baseline's curve when its results were found.
    duration(r, charts_dir, &mut f)?;
    // 2. Monthly energy balance.
    monthly(r, charts_dir, &mut f)?;
    // 3. The flood-season week with the most spill.
    super::week::flood_week(r, charts_dir, &mut f)?;

    // 4. Price duration per node.
    prices(r, charts_dir, &mut f)?;
    // 5. Capacity built by option and region.
    capacity(r, charts_dir, &mut f)?;
    // 6. The network picture and the lines' loading-duration curves.
    super::network::draw(r, charts_dir, &mut f)?;
    Ok(f)
}

/// The curtailment duration curve, with the baseline's when its results were found.
fn duration(r: &RunFiles, charts_dir: &Path, f: &mut Figures) -> Result<()> {
    let name = r.summary.scenario.as_str();
    let title = format!("Curtailment duration — {name}");
    let mut curves = Vec::new();
    let mut sub = format!(
        "Spill summed over all nodes, sorted from largest; {}; {:.2} TWh a year",
        r.summary.step_words(),
        r.summary.curtailment.annual_twh
    );
    // With segments, each value lasts its own step (the file's hours), not an equal share.
    let segmented = r.summary.is_segmented()
        || r.baseline
            .as_ref()
            .is_some_and(|b| b.summary.is_segmented());
    let mut timed = Vec::new();
    if let Some(b) = &r.baseline {
        let mut label = r.baseline_label();
        if b.summary.step_words() != r.summary.step_words() {
            label = format!("{label}, {}", b.summary.step_words());
        }
        timed.push((label.clone(), steps_of(&b.duration_mw, &b.duration_hours)));
        sub.push_str(&format!(
            "; {} {:.2} TWh",
            if r.baseline_is_status_quo() {
                "status quo"
            } else {
                "baseline"
            },
            b.summary.curtailment.annual_twh
        ));
        curves.push((label, b.duration_mw.clone()));
    }
    curves.push((name.to_string(), r.duration_mw.clone()));
    timed.push((
        name.to_string(),
        steps_of(&r.duration_mw, &r.duration_hours),
    ));
    let labels = Labels {
        title: &title,
        subtitle: &sub,
        x_axis: horizon_words(r),
        y_axis: "spilled power (MW)",
    };
    let mut chart = if segmented {
        LineChart::duration_of_steps(labels, &timed)
    } else {
        LineChart::duration(labels, &curves, r.summary.horizon_hours)
    };
    let n = chart.series.len();
    for (i, s) in chart.series.iter_mut().enumerate() {
        s.colour = if i + 1 == n {
            palette::VERMILLION
        } else {
            palette::BLUE
        };
    }
    let reading = match &r.baseline {
        Some(_) if r.baseline_is_status_quo() => "How many hours a year each level of spill lasts, in this scenario (vermillion) and in its status quo, with nothing new built (blue): the area under a curve is the energy spilled.".into(),
        Some(b) => format!(
            "How many hours a year each level of spill lasts, in this scenario (vermillion) and in the baseline {} (blue): the area under a curve is the energy spilled.",
            b.summary.scenario
        ),
        None => "How many hours a year each level of spill lasts; the area under the curve is the energy spilled.".into(),
    };
    f.emit(
        charts_dir,
        "curtailment_duration",
        "Curtailment duration",
        reading,
        &chart,
    )?;
    Ok(())
}

/// Price duration per node, when the solver gave duals.
fn prices(r: &RunFiles, charts_dir: &Path, f: &mut Figures) -> Result<()> {
    let name = r.summary.scenario.as_str();
    if r.prices.is_empty() {
        f.skipped
            .push("price duration: this run has no prices (the solver gave no duals)".into());
    } else {
        let title = format!("Price duration by node — {name}");
        let sub = format!(
            "Shadow price of each node's balance, sorted from highest; 0 where the node spills; {}",
            r.summary.step_words()
        );
        let curves: Vec<(String, Vec<f64>)> = r
            .prices
            .iter()
            .map(|(n, p)| (r.node_label(n), p.clone()))
            .collect();
        let labels = Labels {
            title: &title,
            subtitle: &sub,
            x_axis: horizon_words(r),
            y_axis: "nodal price (CNY/MWh)",
        };
        let chart = if r.summary.is_segmented() {
            let hours = super::steps::step_hours(r);
            let timed: Vec<(String, Vec<(f64, f64)>)> = curves
                .iter()
                .map(|(n, p)| {
                    (
                        n.clone(),
                        p.iter().copied().zip(hours.iter().copied()).collect(),
                    )
                })
                .collect();
            LineChart::duration_of_steps(labels, &timed)
        } else {
            LineChart::duration(labels, &curves, r.summary.horizon_hours)
        };
        let reading = "What one more MWh would be worth at each node, sorted: hours at 0 are hours the node spills; these are shadow prices of the model, not market prices.".into();
        f.emit(
            charts_dir,
            "price_duration",
            "Price duration by node",
            reading,
            &chart,
        )?;
    }
    Ok(())
}

/// Industry use keys present in the monthly file (`industry.silicon`, …), or the total.
fn industry_keys(r: &RunFiles) -> Vec<String> {
    let per: Vec<String> = r
        .monthly
        .names
        .iter()
        .filter_map(|n| monthly_use(n))
        .filter(|n| n.starts_with("industry."))
        .map(String::from)
        .collect();
    if per.is_empty() {
        vec!["industry".into()]
    } else {
        per
    }
}

fn monthly(r: &RunFiles, dir: &Path, f: &mut Figures) -> Result<()> {
    let m = &r.monthly;
    let months: Vec<usize> = m
        .get(MONTH)
        .unwrap_or_default()
        .iter()
        .map(|x| *x as usize)
        .collect();
    let categories: Vec<String> = months
        .iter()
        .map(|k| MONTHS.get(k.wrapping_sub(1)).unwrap_or(&"?").to_string())
        .collect();
    let mut layers: Vec<(String, Vec<f64>)> = use_order(&industry_keys(r), |_| true)
        .into_iter()
        .filter_map(|k| m.get(&monthly_column(&k)).map(|v| (k, v)))
        .collect();
    for k in BELOW_ZERO {
        if let Some(v) = m.get(&monthly_column(k)) {
            layers.push((k.to_string(), v.iter().map(|x| -x).collect()));
        }
    }
    layers.retain(|(_, v)| v.iter().any(|x| x.abs() > 1e-6));
    let flood: Vec<bool> = m
        .get(FLOOD_SEASON)
        .unwrap_or_default()
        .iter()
        .map(|x| *x > 0.5)
        .collect();
    let name = &r.summary.scenario;
    let title = format!("Monthly energy balance — {name}");
    let below = layers.iter().any(|(_, v)| v.iter().any(|x| *x < -1e-6));
    let sub = format!(
        "Where each month's energy goes, stacked{}; black tick: available generation",
        if below { "; import below zero" } else { "" }
    );
    let chart = StackedBars {
        labels: Labels {
            title: &title,
            subtitle: &sub,
            x_axis: "month",
            y_axis: "energy (TWh)",
        },
        categories,
        layers,
        marker: m
            .get(&monthly_column("available"))
            .map(|v| ("available generation (inflow, sun, wind)".to_string(), v)),
        shaded: Some(("flood season".into(), flood)),
    };
    let reading = "Each bar is a month's energy by use; the black tick is what the rivers, sun and wind offered. Reservoirs move water between months, so a bar can stand above or below its tick.".into();
    f.emit(
        dir,
        "monthly_energy",
        "Monthly energy balance",
        reading,
        &chart,
    )
}

/// Committed capacity, kept apart from the bars of new builds (it is no option): lines by name,
/// generators summed.
fn committed_words(committed: &std::collections::BTreeMap<String, f64>) -> String {
    if committed.is_empty() {
        return String::new();
    }
    let mut parts: Vec<String> = committed
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("line.")
                .map(|l| format!("line {l} {v:.0} MW"))
        })
        .collect();
    let gens: Vec<f64> = committed
        .iter()
        .filter(|(k, _)| k.starts_with("generator."))
        .map(|(_, v)| *v)
        .collect();
    if !gens.is_empty() {
        let total: f64 = gens.iter().sum();
        parts.push(format!("{} plants {total:.0} MW", gens.len()));
    }
    format!(". Committed (sunk, not drawn): {}", parts.join("; "))
}

/// An option counts as built above 1 MW (as for `binding` and break-even).
const BUILT_MW: f64 = 1.0;

/// (group, key) → (built, existing, most allowed in all), in order of first appearance: a
/// region's options, a line by its name.
fn capacity_cells(r: &RunFiles, rows: &[&Capacity]) -> Vec<((String, String), [f64; 3])> {
    let mut cells: Vec<((String, String), [f64; 3])> = Vec::new();
    for c in rows {
        let g = match c.component.strip_prefix("line.") {
            Some(line) => format!("line {line}"),
            None => r.node_short(&c.node),
        };
        let k = if c.component.starts_with("generator.") || c.component.starts_with("line.") {
            c.component.clone()
        } else {
            c.option.clone()
        };
        let add = [c.built, c.existing, c.existing + c.max_new];
        match cells.iter_mut().find(|(gk, _)| gk.0 == g && gk.1 == k) {
            Some((_, v)) => (0..3).for_each(|i| v[i] += add[i]),
            None => cells.push(((g, k), add)),
        }
    }
    cells
}

/// New capacity by option and region: solid on top of what exists there (hatched), inside the
/// most the scenario allows (outline). Cells with nothing built are left out, and options built
/// nowhere are named in the subtitle instead, so the axis is scaled to what was built.
fn capacity(r: &RunFiles, dir: &Path, f: &mut Figures) -> Result<()> {
    let rows: Vec<_> = r
        .capacities
        .iter()
        .filter(|c| c.max_new > 0.0 && c.unit != "kg")
        .collect();
    if rows.is_empty() {
        f.skipped
            .push("capacity built: this scenario allows no new capacity".into());
        return Ok(());
    }
    let mut cells = capacity_cells(r, &rows);
    let mut not_built: Vec<String> = Vec::new();
    for ((_, k), _) in &cells {
        let anywhere = (cells.iter()).any(|((_, k2), v)| k2 == k && v[0] > BUILT_MW);
        if !anywhere && !not_built.contains(k) {
            not_built.push(k.clone());
        }
    }
    cells.retain(|(_, v)| v[0] > BUILT_MW);
    let mut groups: Vec<String> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for ((g, k), _) in &cells {
        if !groups.contains(g) {
            groups.push(g.clone());
        }
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    let not_built_words = join_and(&not_built.iter().map(|k| option_name(k)).collect::<Vec<_>>());
    if cells.is_empty() {
        f.skipped.push(format!(
            "capacity built: nothing is built ({not_built_words} allowed)"
        ));
        return Ok(());
    }
    let mut values = vec![vec![f64::NAN; keys.len()]; groups.len()];
    let mut base = vec![vec![0.0; keys.len()]; groups.len()];
    let mut limits = values.clone();
    for ((g, k), [built, existing, most]) in &cells {
        let gi = groups.iter().position(|x| x == g).unwrap_or(0);
        let ki = keys.iter().position(|x| x == k).unwrap_or(0);
        (values[gi][ki], base[gi][ki], limits[gi][ki]) = (*built, *existing, *most);
    }
    let has_existing = base.iter().flatten().any(|v| *v > 0.0);
    let name = &r.summary.scenario;
    let title = format!("Capacity built by option and region — {name}");
    let mut sub = format!(
        "Solid: built{}; outline: most allowed",
        if has_existing {
            "; hatched: existing"
        } else {
            ""
        }
    );
    if !not_built.is_empty() {
        sub.push_str(&format!("; not built: {not_built_words}"));
    }
    if r.summary.hydrogen_storage_built_kg > 1.0 {
        sub.push_str(&format!(
            "; hydrogen storage {:.0} t",
            r.summary.hydrogen_storage_built_kg / 1e3
        ));
    }
    sub.push_str(&committed_words(&r.summary.capacity_committed_mw));
    let chart = BarGroups {
        labels: Labels {
            title: &title,
            subtitle: &sub,
            x_axis: "region or line",
            y_axis: "capacity (MW; data centres: MW of IT load)",
        },
        groups,
        keys,
        values,
        limits: Some(("outline: most allowed (site limit)".into(), limits)),
        base: has_existing.then(|| ("hatched: existing".to_string(), base)),
        value_labels: true,
    };
    let reading = format!(
        "What the optimiser chose to build where (solid, labelled with the new MW){}, against the most each site allows (outline): a bar that fills its outline means the assumed site limit binds.{}",
        if has_existing { " on top of what exists (hatched)" } else { "" },
        if not_built.is_empty() {
            String::new()
        } else {
            format!(" Allowed but not built anywhere, so not drawn: {not_built_words}.")
        }
    );
    f.emit(dir, "capacity_built", "Capacity built", reading, &chart)
}
