//! The dispatch chart: the flood-season week with the most spill, every node together, stacked
//! by use. When nothing spills, the flood-season week of highest generation stands in.

use super::read::RunFiles;
use crate::charts::{Labels, StackedArea};
use crate::error::Result;
use crate::report::figures::Figures;
use crate::report::uses::{is_generation, use_order, BELOW_ZERO};
use crate::report::words::MONTHS;
use std::path::Path;

/// Month (1–12) of a `YYYY-MM-DD HH:MM` label.
fn month(label: &str) -> u32 {
    label.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(0)
}

/// "12 Jul" from `2025-07-12 03:00`.
fn day(label: &str) -> String {
    let d: u32 = label.get(8..10).and_then(|d| d.parse().ok()).unwrap_or(0);
    let m = MONTHS
        .get(month(label).wrapping_sub(1) as usize)
        .unwrap_or(&"?");
    format!("{d} {m}")
}

/// The first step of the week to draw, and whether it was chosen for its spill.
fn choose(r: &RunFiles, steps: usize) -> (usize, bool, bool) {
    let n = r.timestamps.len();
    let flood = &r.summary.curtailment.flood_season_months;
    let in_flood = |t: usize| flood.contains(&month(&r.timestamps[t]));
    let mut starts: Vec<usize> = (0..=n - steps)
        .filter(|s| (*s..s + steps).all(in_flood))
        .collect();
    let flood_found = !starts.is_empty();
    if !flood_found {
        starts = (0..=n - steps).collect();
    }
    let total = |v: &[f64], s: usize| v[s..s + steps].iter().sum::<f64>();
    let mut generation = vec![0.0; n];
    for (k, v) in &r.dispatch {
        if is_generation(k) {
            for (g, x) in generation.iter_mut().zip(v) {
                *g += x;
            }
        }
    }
    let best = |v: &[f64]| {
        starts
            .iter()
            .copied()
            .fold((0, f64::NEG_INFINITY), |(bs, bv), s| {
                let t = total(v, s);
                if t > bv + 1e-9 {
                    (s, t)
                } else {
                    (bs, bv)
                }
            })
    };
    let (s, spill) = best(&r.curtailed_mw);
    if spill > 1e-6 {
        (s, true, flood_found)
    } else {
        (best(&generation).0, false, flood_found)
    }
}

/// The week's layers (MW per step from step `s`), in stacking order, supplies below zero;
/// layers that are zero throughout are left out.
fn layers(r: &RunFiles, s: usize, steps: usize) -> Vec<(String, Vec<f64>)> {
    let industry: Vec<String> = r
        .dispatch
        .keys()
        .filter(|k| k.starts_with("industry."))
        .cloned()
        .collect();
    let window = |v: &Vec<f64>| v[s..s + steps].to_vec();
    // Per step there is the total curtailment only (curtailment.csv), not its split.
    let has = |k: &str| k != "hydro_spill";
    let mut layers: Vec<(String, Vec<f64>)> = use_order(&industry, has)
        .into_iter()
        .filter_map(|k| {
            let v = if k == "curtailed" {
                Some(window(&r.curtailed_mw))
            } else if k == "storage_charge" {
                // dispatch.csv has a store's net injection: charging is its negative part.
                r.dispatch
                    .get("storage")
                    .map(|v| window(v).iter().map(|x| (-x).max(0.0)).collect())
            } else {
                r.dispatch.get(&k).map(window)
            };
            v.map(|v| (k, v))
        })
        .collect();
    for k in BELOW_ZERO {
        if let Some(v) = r.dispatch.get(k) {
            layers.push((k.to_string(), window(v).iter().map(|x| -x).collect()));
        }
    }
    if let Some(v) = r.dispatch.get("storage") {
        let discharge = window(v).iter().map(|x| -x.max(0.0)).collect();
        layers.push(("storage_discharge".to_string(), discharge));
    }
    layers.retain(|(_, v)| v.iter().any(|x| x.abs() > 1e-6));
    layers
}

pub(super) fn flood_week(r: &RunFiles, dir: &Path, f: &mut Figures) -> Result<()> {
    if r.timestamps.is_empty() {
        f.skipped.push("dispatch week: the run has no steps".into());
        return Ok(());
    }
    if r.summary.is_segmented() {
        // Segments of varying length: drawn hour by hour, each hour at its segment's mean.
        let hourly = super::steps::hourly_view(r);
        let words = format!("means over {}", r.summary.step_words());
        return draw(&hourly, 1, &words, dir, f);
    }
    let res = r.summary.resolution_hours.max(1);
    let words = if res == 1 {
        "hourly".to_string()
    } else {
        format!("means over {res} h steps")
    };
    draw(r, res, &words, dir, f)
}

/// The week chart of steps of `res` hours; `words` says what a step's value is.
fn draw(r: &RunFiles, res: usize, words: &str, dir: &Path, f: &mut Figures) -> Result<()> {
    let n = r.timestamps.len();
    let steps = 168usize.div_ceil(res).min(n);
    let (s, by_spill, in_flood) = choose(r, steps);
    let layers = layers(r, s, steps);
    let x: Vec<f64> = (0..steps).map(|i| (i * res) as f64).collect();
    let mut ticks: Vec<(f64, String)> = (0..steps)
        .filter(|i| res >= 24 || r.timestamps[s + i].ends_with("00:00"))
        .map(|i| ((i * res) as f64, day(&r.timestamps[s + i])))
        .collect();
    if ticks.len() > 10 {
        let every = ticks.len().div_ceil(10);
        ticks = ticks.into_iter().step_by(every).collect();
    }
    let name = &r.summary.scenario;
    let season = if in_flood {
        "Flood-season week"
    } else {
        "Week"
    };
    let title = if by_spill {
        format!("{season} with the most spill — {name}")
    } else {
        format!("{season} of highest generation — {name}")
    };
    let first = &r.timestamps[s];
    let last = &r.timestamps[s + steps - 1];
    let below = layers.iter().any(|(_, v)| v.iter().any(|x| *x < -1e-6));
    let mut sub = format!(
        "{} to {}, all nodes, {}{}",
        first.get(..10).unwrap_or(first),
        last.get(..10).unwrap_or(last),
        words,
        if below { "; import below zero" } else { "" }
    );
    if !by_spill {
        sub.push_str(if in_flood {
            "; no flood-season week spills"
        } else {
            "; no week spills"
        });
    }
    let chart = StackedArea {
        labels: Labels {
            title: &title,
            subtitle: &sub,
            x_axis: "day",
            y_axis: "power (MW)",
        },
        x,
        x_ticks: ticks,
        layers,
    };
    let reading = if by_spill {
        "Hour by hour in the week that spills most: what the plants' output served, and on top (vermillion) what was spilled."
    } else {
        "Nothing spilled, so this is the week of highest generation: what the plants' output served, hour by hour."
    };
    f.emit(
        dir,
        "flood_week_dispatch",
        "Dispatch in the flood-season week",
        reading.into(),
        &chart,
    )
}
