//! The data of a sweep's decision charts, from its table alone (so tests can check them against
//! `sweep.csv`): each option's capacity and the energy by use against the one parameter that
//! varies ([`versus`]); with two, the switch-price data — one option's capacity and export
//! against the first parameter, one line per value of the second ([`switches`]); with Monte
//! Carlo, how often each two-clustered outcome is on its high side ([`shares`]).

use super::bimodal::{split, Split};
use super::read::{DesignPoint, SweepFiles};
use super::units::named_value;
use crate::output::sweep::{capacity_column, energy_column, CAPACITY_PREFIX};
use crate::report::uses::{use_order, BELOW_ZERO};
use crate::report::words::option_name;

/// An option counts as built above 1 MW (as for break-even and `binding`).
pub const BUILT_MW: f64 = 1.0;
/// An energy use "moves" over a sweep when its values span more than this share of the largest
/// energy in the sweep (3.5 GWh of the shipped 35 TWh): less is solver noise or rounding, and
/// would only crowd the chart. Relative, so a small test system keeps its lines.
const MOVES_SHARE: f64 = 1e-4;
/// An option's capacity "moves" when it spans more than this (MW).
const MOVES_MW: f64 = 1.0;

/// Against the one parameter that varies: x sorted, then per moving option its MW, per moving
/// energy use its TWh (design values: the mean over hydrology years when crossed).
#[derive(Debug, Clone)]
pub struct Versus {
    pub parameter: String,
    pub x: Vec<f64>,
    pub capacity_mw: Vec<(String, Vec<f64>)>,
    /// Options built at every point by the same amount: (option, MW), named in the subtitle.
    pub unchanged_mw: Vec<(String, f64)>,
    pub energy_twh: Vec<(String, Vec<f64>)>,
}

/// One line of a switch-price chart: the second parameter at one value.
#[derive(Debug, Clone)]
pub struct SwitchLine {
    /// "electrolyser capex: 1,400 CNY/kW".
    pub label: String,
    pub capacity_mw: Vec<f64>,
    pub energy_twh: Vec<f64>,
}

/// An option's capacity and an energy use against the first varied parameter, one line per
/// value of the second.
#[derive(Debug, Clone)]
pub struct Switch {
    pub option: String,
    pub x_parameter: String,
    pub line_parameter: String,
    /// The energy use of the lower panel (`export` when the sweep has it, else the use that
    /// moves most).
    pub energy_use: String,
    pub x: Vec<f64>,
    pub lines: Vec<SwitchLine>,
}

/// A two-clustered Monte Carlo outcome: its column, its words, and the split.
#[derive(Debug, Clone)]
pub struct Share {
    pub column: String,
    /// "electrolysers built (> 1 MW)", "export above 12 TWh/yr".
    pub label: String,
    pub split: Split,
}

fn span(v: &[f64]) -> f64 {
    let f: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    let lo = f.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = f.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if f.is_empty() {
        0.0
    } else {
        hi - lo
    }
}

/// Options built (above 1 MW) at some row, in column order.
pub fn built_options(t: &SweepFiles) -> Vec<String> {
    (t.options().into_iter())
        .filter(|o| t.column(&capacity_column(o)).iter().any(|v| *v > BUILT_MW))
        .collect()
}

/// The energy uses of the sweep's columns in the run charts' stacking order, then the supplies
/// (import, unserved).
pub fn energy_uses(t: &SweepFiles) -> Vec<String> {
    let has = |k: &str| t.output(&energy_column(k)).is_some();
    let industry: Vec<String> = (t.outputs.iter())
        .filter_map(|o| o.strip_prefix(&energy_column("")))
        .filter(|k| k.starts_with("industry"))
        .map(String::from)
        .collect();
    let mut uses = use_order(&industry, has);
    uses.extend(BELOW_ZERO.map(String::from));
    uses.retain(|k| has(k));
    uses
}

/// The span above which an energy use moves (see [`MOVES_SHARE`]), TWh.
fn moves_twh(t: &SweepFiles) -> f64 {
    let largest = (energy_uses(t).iter())
        .chain(["available".to_string()].iter())
        .flat_map(|u| t.column(&energy_column(u)))
        .filter(|v| v.is_finite())
        .fold(0.0, |m: f64, v| m.max(v.abs()));
    largest * MOVES_SHARE
}

fn values(t: &SweepFiles, dps: &[DesignPoint], column: &str) -> Vec<f64> {
    dps.iter().map(|d| t.design_value(d, column)).collect()
}

/// Design points ordered by the number in parameter `j`; None when a value is not a number.
fn by_number(dps: &[DesignPoint], j: usize) -> Option<Vec<(f64, &DesignPoint)>> {
    let mut v: Vec<(f64, &DesignPoint)> = dps
        .iter()
        .map(|d| d.params[j].parse().ok().map(|x| (x, d)))
        .collect::<Option<_>>()?;
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    Some(v)
}

/// The decision data against the one parameter that varies (None with more or fewer, or when
/// its values are not numbers).
pub fn versus(t: &SweepFiles) -> Option<Versus> {
    let dps = t.design_points();
    let [j] = t.varied(&dps)[..] else {
        return None;
    };
    let sorted = by_number(&dps, j)?;
    let ordered: Vec<DesignPoint> = sorted.iter().map(|(_, d)| (*d).clone()).collect();
    let mut capacity_mw = Vec::new();
    let mut unchanged_mw = Vec::new();
    for o in built_options(t) {
        let v = values(t, &ordered, &capacity_column(&o));
        if span(&v) > MOVES_MW {
            capacity_mw.push((o, v));
        } else if let Some(first) = v.iter().find(|x| x.is_finite()) {
            unchanged_mw.push((o, *first));
        }
    }
    let energy_twh = (energy_uses(t).into_iter())
        .map(|u| {
            let v = values(t, &ordered, &energy_column(&u));
            (u, v)
        })
        .filter(|(_, v)| span(v) > moves_twh(t))
        .collect();
    Some(Versus {
        parameter: t.meta.parameters[j].clone(),
        x: sorted.iter().map(|(x, _)| *x).collect(),
        capacity_mw,
        unchanged_mw,
        energy_twh,
    })
}

/// The use of a switch chart's lower panel: export if the sweep has it and it moves, else the
/// use that moves most (None when nothing moves).
fn switch_use(t: &SweepFiles) -> Option<String> {
    let moving: Vec<(String, f64)> = (energy_uses(t).into_iter())
        .map(|u| {
            let s = span(&t.column(&energy_column(&u)));
            (u, s)
        })
        .filter(|(_, s)| *s > moves_twh(t))
        .collect();
    if let Some(e) = moving.iter().find(|(u, _)| u == "export") {
        return Some(e.0.clone());
    }
    (moving.into_iter())
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|m| m.0)
}

/// The switch-price data of a sweep where exactly two parameters vary, both numbers: one
/// [`Switch`] per option whose capacity moves, against the first varied parameter.
pub fn switches(t: &SweepFiles) -> Vec<Switch> {
    let dps = t.design_points();
    let [jx, jl] = t.varied(&dps)[..] else {
        return Vec::new();
    };
    let (Some(xs), Some(ls)) = (distinct_numbers(&dps, jx), distinct_numbers(&dps, jl)) else {
        return Vec::new();
    };
    let Some(energy_use) = switch_use(t).or_else(|| energy_uses(t).first().cloned()) else {
        return Vec::new();
    };
    let (px, pl) = (&t.meta.parameters[jx], &t.meta.parameters[jl]);
    let at = |column: &str, x: &str, l: &str| {
        dps.iter()
            .find(|d| d.params[jx] == x && d.params[jl] == l)
            .map_or(f64::NAN, |d| t.design_value(d, column))
    };
    let mut out = Vec::new();
    for option in built_options(t) {
        let cap = capacity_column(&option);
        if span(&t.column(&cap)) <= MOVES_MW {
            continue;
        }
        let lines = (ls.iter())
            .map(|(_, l)| SwitchLine {
                label: named_value(pl, l),
                capacity_mw: xs.iter().map(|(_, x)| at(&cap, x, l)).collect(),
                energy_twh: (xs.iter())
                    .map(|(_, x)| at(&energy_column(&energy_use), x, l))
                    .collect(),
            })
            .collect();
        out.push(Switch {
            option,
            x_parameter: px.clone(),
            line_parameter: pl.clone(),
            energy_use: energy_use.clone(),
            x: xs.iter().map(|(x, _)| *x).collect(),
            lines,
        });
    }
    out
}

/// The distinct values of parameter `j` as (number, cell), sorted; None when one is not a number.
fn distinct_numbers(dps: &[DesignPoint], j: usize) -> Option<Vec<(f64, String)>> {
    let mut v: Vec<(f64, String)> = Vec::new();
    for d in dps {
        let x: f64 = d.params[j].parse().ok()?;
        if !v.iter().any(|(_, c)| *c == d.params[j]) {
            v.push((x, d.params[j].clone()));
        }
    }
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    Some(v)
}

/// Every Monte Carlo outcome that splits in two (`bimodal::split`): each built option's
/// capacity (built or not, else two clusters) and each energy use, over the rows with a
/// solution.
pub fn shares(t: &SweepFiles) -> Vec<Share> {
    let solved: Vec<usize> = (0..t.rows.len()).filter(|i| t.rows[*i].solved()).collect();
    let of = |column: &str| -> Vec<f64> {
        let all = t.column(column);
        solved.iter().map(|i| all[*i]).collect()
    };
    let mut out = Vec::new();
    for o in built_options(t) {
        let column = capacity_column(&o);
        if let Some(s) = split(&of(&column), Some(BUILT_MW)) {
            let what = option_name(&o);
            let unit = if o == "data_centre" { "MW IT" } else { "MW" };
            let label = if s.threshold == BUILT_MW {
                format!("{what} built (> {} {unit})", s.threshold_words())
            } else {
                format!("{what} above {} {unit}", s.threshold_words())
            };
            out.push(Share {
                column,
                label,
                split: s,
            });
        }
    }
    // The energies a decision moves; losses and imports follow them and would only repeat.
    let decided = |u: &str| {
        ["export", "hydrogen", "data_centre", "curtailed"].contains(&u) || u.starts_with("industry")
    };
    for u in energy_uses(t).into_iter().filter(|u| decided(u)) {
        let column = energy_column(&u);
        if let Some(s) = split(&of(&column), None) {
            let label = format!(
                "{} above {} TWh/yr",
                crate::charts::palette::use_label(&u),
                s.threshold_words()
            );
            out.push(Share {
                column,
                label,
                split: s,
            });
        }
    }
    out
}

/// Whether a column is an option's capacity.
pub fn is_capacity(column: &str) -> bool {
    column.starts_with(CAPACITY_PREFIX)
}
