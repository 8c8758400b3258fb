//! The run's network picture and its lines' loading-duration curves, from the run's files: the
//! nodes are the columns of `curtailment.csv`, the lines the `line.*` rows of `capacities.csv`
//! (capacity = existing + built), their flows the `line_net` rows of `dispatch.csv` at each
//! end, positions and kinds the `nodes.<n>.position` and `.kind` lines of `assumptions.csv`.
//!
//! **Loading** of a line in a step is the power sent into it at its sending end ÷ its capacity
//! (existing + built): `−line_net` at whichever end it is negative (a line sends one way at a
//! time; the flow tie-break keeps the two directions of a lossy line from running together).
//! Energy "sent" is before losses. The loading-duration curve sorts the steps' loadings from
//! the highest, each lasting its step's hours, so the area under it (% × h) is 100 × the energy
//! sent over the horizon ÷ the capacity.

use super::read::RunFiles;
use super::steps::step_hours;
use crate::charts::{palette, Labels, LineChart, NetLine, NetNode, Network, AT_LIMIT, BUILT_MW};
use crate::error::Result;
use crate::report::figures::Figures;
use std::path::Path;

/// One line's flows, as read back.
#[derive(Debug, Clone)]
pub struct LineFlow {
    /// `lines.<name>.label` from the scenario, else the name.
    pub label: String,
    /// Indices into the run's nodes.
    pub from: usize,
    pub to: usize,
    pub capacity_mw: f64,
    /// Power sent `from → to` and `to → from` per step, MW (≥ 0).
    pub forward_mw: Vec<f64>,
    pub backward_mw: Vec<f64>,
}

impl LineFlow {
    /// Sent power ÷ capacity per step (0–1; empty when the line was not built).
    pub fn loading(&self) -> Vec<f64> {
        if self.capacity_mw < BUILT_MW {
            return Vec::new();
        }
        self.forward_mw
            .iter()
            .zip(&self.backward_mw)
            .map(|(f, b)| (f + b) / self.capacity_mw)
            .collect()
    }
}

/// Each step's hours: the segments' own with `auto:N`, else the horizon shared equally (as the
/// duration charts draw them).
fn hours(r: &RunFiles) -> Vec<f64> {
    if r.summary.is_segmented() {
        step_hours(r)
    } else {
        let n = r.timestamps.len().max(1);
        vec![r.summary.horizon_hours / n as f64; r.timestamps.len()]
    }
}

/// MW per step × hours, in TWh.
fn energy_twh(mw: &[f64], hours: &[f64]) -> f64 {
    mw.iter().zip(hours).map(|(p, h)| p * h).sum::<f64>() / 1e6
}

/// The run's nodes, in the order of `curtailment.csv`.
fn node_names(r: &RunFiles) -> Vec<String> {
    r.curtailed_by_node.iter().map(|(n, _)| n.clone()).collect()
}

/// Every line of `capacities.csv`, with its flows from `dispatch.csv`.
pub fn line_flows(r: &RunFiles) -> Vec<LineFlow> {
    let nodes = node_names(r);
    let at = |component: &str, node: &str| {
        r.at_nodes
            .iter()
            .find(|a| a.component == component && a.node == node)
            .map(|a| a.mw.clone())
            .unwrap_or_else(|| vec![0.0; r.timestamps.len()])
    };
    let sent = |mw: Vec<f64>| mw.iter().map(|x| (-x).max(0.0)).collect::<Vec<f64>>();
    r.capacities
        .iter()
        .filter_map(|c| {
            let name = c.component.strip_prefix("line.")?;
            // `capacities.csv` names a line's nodes `from-to`.
            let (from, to) = (0..nodes.len())
                .flat_map(|i| (0..nodes.len()).map(move |j| (i, j)))
                .find(|(i, j)| c.node == format!("{}-{}", nodes[*i], nodes[*j]))?;
            Some(LineFlow {
                label: r
                    .assumption(&format!("lines.{name}.label"))
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| name.to_string()),
                from,
                to,
                capacity_mw: c.existing + c.built,
                forward_mw: sent(at(&c.component, &nodes[from])),
                backward_mw: sent(at(&c.component, &nodes[to])),
            })
        })
        .collect()
}

/// A `[x, y]` written in the scenario (`[102.3, 31.5]`), read as TOML.
fn position(r: &RunFiles, node: &str) -> Option<[f64; 2]> {
    let text = r.assumption(&format!("nodes.{node}.position"))?;
    let v: toml::Table = toml::from_str(&format!("p = {text}")).ok()?;
    let p: Vec<f64> = v.get("p")?.as_array()?.iter().filter_map(number).collect();
    match p[..] {
        [x, y] if x.is_finite() && y.is_finite() => Some([x, y]),
        _ => None,
    }
}

fn number(v: &toml::Value) -> Option<f64> {
    v.as_float().or_else(|| v.as_integer().map(|i| i as f64))
}

/// The network picture's nodes and lines.
fn network_parts(r: &RunFiles, flows: &[LineFlow], hours: &[f64]) -> (Vec<NetNode>, Vec<NetLine>) {
    let nodes = r
        .curtailed_by_node
        .iter()
        .map(|(n, spill)| {
            // The rows kept per node that are not a line's are local demand (negative).
            let demand_twh: f64 = r
                .at_nodes
                .iter()
                .filter(|a| a.node == *n && !a.component.starts_with("line."))
                .map(|a| -energy_twh(&a.mw, hours))
                .sum();
            let outside = r.assumption(&format!("nodes.{n}.kind")).as_deref() == Some("outside");
            let spill_twh = energy_twh(spill, hours);
            let e = &r.summary.energy_twh;
            let words = if outside && demand_twh.abs() < 5e-3 && spill_twh < 5e-3 {
                format!("export {:.2} · import {:.2} TWh", e.export, e.import)
            } else {
                format!("demand {demand_twh:.2} · spill {spill_twh:.2} TWh")
            };
            NetNode {
                label: r.node_short(n),
                position: position(r, n),
                outside,
                demand_twh,
                spill_twh,
                words,
            }
        })
        .collect();
    let lines = flows
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let loading = l.loading();
            let total_h: f64 = hours.iter().sum();
            NetLine {
                label: l.label.clone(),
                from: l.from,
                to: l.to,
                capacity_mw: l.capacity_mw,
                forward_twh: energy_twh(&l.forward_mw, hours),
                backward_twh: energy_twh(&l.backward_mw, hours),
                mean_loading: loading.iter().zip(hours).map(|(x, h)| x * h).sum::<f64>()
                    / total_h.max(1e-9),
                hours_at_limit: loading
                    .iter()
                    .zip(hours)
                    .filter(|(x, _)| **x >= AT_LIMIT)
                    .map(|(_, h)| h)
                    .sum(),
                colour: palette::line(i),
            }
        })
        .collect();
    (nodes, lines)
}

/// The loading-duration curves (loading in %) of the built lines, in their network colours.
pub fn loading_chart<'a>(
    labels: Labels<'a>,
    flows: &[LineFlow],
    hours: &[f64],
    segmented: bool,
) -> LineChart<'a> {
    let built: Vec<(usize, String, Vec<f64>)> = flows
        .iter()
        .enumerate()
        .filter(|(_, l)| l.capacity_mw >= BUILT_MW)
        .map(|(i, l)| {
            (
                i,
                l.label.clone(),
                l.loading().iter().map(|x| 100.0 * x).collect(),
            )
        })
        .collect();
    let mut chart = if segmented {
        let timed: Vec<(String, Vec<(f64, f64)>)> = built
            .iter()
            .map(|(_, n, v)| {
                (
                    n.clone(),
                    v.iter().copied().zip(hours.iter().copied()).collect(),
                )
            })
            .collect();
        LineChart::duration_of_steps(labels, &timed)
    } else {
        let curves: Vec<(String, Vec<f64>)> = built
            .iter()
            .map(|(_, n, v)| (n.clone(), v.clone()))
            .collect();
        LineChart::duration(labels, &curves, hours.iter().sum())
    };
    for (s, (i, _, _)) in chart.series.iter_mut().zip(&built) {
        s.colour = palette::line(*i);
    }
    chart
}

/// Draw the network picture and the lines' loading-duration curves.
pub(super) fn draw(r: &RunFiles, charts_dir: &Path, f: &mut Figures) -> Result<()> {
    let name = r.summary.scenario.as_str();
    let flows = line_flows(r);
    let hours = hours(r);
    let (nodes, lines) = network_parts(r, &flows, &hours);
    let placed = if nodes.iter().all(|n| n.position.is_some()) {
        "positions from the scenario"
    } else if nodes.iter().any(|n| n.position.is_some()) {
        "positions from the scenario where given, the rest computed from the lines"
    } else {
        "positions computed from the lines (set nodes.<n>.position to place them)"
    };
    let title = format!("Network — {name}");
    let sub = format!(
        "Schematic, not to scale: {placed}; {}",
        r.summary.step_words()
    );
    let net = Network {
        labels: Labels {
            title: &title,
            subtitle: &sub,
            x_axis: "",
            y_axis: "",
        },
        nodes,
        lines,
    };
    let reading = "The nodes and lines of the model, drawn schematically: each line as wide as its capacity, with the energy it sent each way over the year (before losses), its mean loading and the hours it ran at its limit; each node's disk is its local demand and the vermillion ring around it what it spilled.".into();
    f.emit(charts_dir, "network", "Network", reading, &net)?;
    if flows.iter().all(|l| l.capacity_mw < BUILT_MW) {
        f.skipped.push("line loading: no line has capacity".into());
        return Ok(());
    }
    let title = format!("Line loading duration — {name}");
    let sub = format!(
        "Power sent into each line ÷ its capacity, sorted from highest; {}",
        r.summary.step_words()
    );
    let labels = Labels {
        title: &title,
        subtitle: &sub,
        x_axis: super::steps::horizon_words(r),
        y_axis: "loading (% of capacity)",
    };
    let chart = loading_chart(labels, &flows, &hours, r.summary.is_segmented());
    let reading = "How many hours a year each line runs at each loading: a curve that stays at 100 % for many hours is a line that limits what can leave; the area under a curve is the energy the line sent ÷ its capacity.".into();
    f.emit(
        charts_dir,
        "line_loading",
        "Line loading duration",
        reading,
        &chart,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Area under a chart's curve as drawn: each point's value over the hours since the last.
    fn area(points: &[(f64, f64)]) -> f64 {
        points
            .windows(2)
            .map(|w| (w[1].0 - w[0].0) * w[1].1)
            .sum::<f64>()
            + points.first().map_or(0.0, |p| p.0 * p.1)
    }

    fn flow(capacity_mw: f64, steps: usize) -> LineFlow {
        // A deterministic, irregular pattern both ways, never both at once.
        let wave: Vec<f64> = (0..steps)
            .map(|t| capacity_mw * (((t * 37 + 11) % 101) as f64 / 100.0 - 0.45))
            .collect();
        LineFlow {
            label: "l".into(),
            from: 0,
            to: 1,
            capacity_mw,
            forward_mw: wave.iter().map(|x| x.max(0.0)).collect(),
            backward_mw: wave.iter().map(|x| (-x).max(0.0)).collect(),
        }
    }

    fn check(l: &LineFlow, hours: &[f64], segmented: bool) {
        let chart = loading_chart(Labels::default(), std::slice::from_ref(l), hours, segmented);
        let pts = &chart.series[0].points;
        assert!(
            pts.windows(2).all(|w| w[1].1 <= w[0].1 + 1e-12),
            "not non-increasing"
        );
        assert!(pts.windows(2).all(|w| w[1].0 >= w[0].0), "hours go back");
        let sent_mwh: f64 = (0..hours.len())
            .map(|t| (l.forward_mw[t] + l.backward_mw[t]) * hours[t])
            .sum();
        let expected = 100.0 * sent_mwh / l.capacity_mw;
        assert!(
            (area(pts) - expected).abs() <= 1e-9 * expected,
            "area {} against energy/capacity {expected}",
            area(pts)
        );
        let total: f64 = hours.iter().sum();
        assert!((pts.last().unwrap().0 - total).abs() < 1e-9);
    }

    #[test]
    fn loading_curves_fall_and_their_area_is_energy_over_capacity() {
        // Few equal steps (drawn as flats), many (drawn as points), and segments.
        check(&flow(300.0, 365), &[24.0; 365], false);
        check(&flow(4250.0, 8760), &[1.0; 8760], false);
        let segments: Vec<f64> = (0..400).map(|k| 1.0 + (k % 7) as f64 * 5.0).collect();
        check(&flow(1000.0, 400), &segments, true);
    }

    #[test]
    fn a_line_not_built_has_no_loading() {
        assert!(flow(0.1, 10).loading().is_empty());
        let chart = loading_chart(Labels::default(), &[flow(0.1, 10)], &[1.0; 10], false);
        assert!(chart.series.is_empty());
    }
}
