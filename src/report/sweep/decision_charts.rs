//! Drawing the decision charts of a sweep (data from `decisions`), each with a one-line reading
//! computed from the data: the capacity of each option and the energy by use against the one
//! parameter that varies; the switch-price charts with two; the Monte Carlo shares.

use super::context::{Ctx, CAPACITY_AXIS};
use super::decisions::{self, Switch, Versus, BUILT_MW};
use super::units::{number, parameter, with_unit};
use crate::charts::{palette, Curve, Panel, Panels, Shares};
use crate::error::Result;
use crate::report::figures::Figures;
use crate::report::words::{join_and, option_name, stem_of};
use std::path::Path;

const ENERGY_AXIS: &str = "energy (TWh/yr)";

/// "8 CNY/kg" for a value of `path`.
fn at(path: &str, x: f64) -> String {
    with_unit(path, &x.to_string())
}

fn curve(name: &str, colour: plotters::style::RGBColor, x: &[f64], y: &[f64]) -> Curve {
    Curve {
        name: name.to_string(),
        colour,
        points: (x.iter().zip(y))
            .filter(|(a, b)| a.is_finite() && b.is_finite())
            .map(|(a, b)| (*a, *b))
            .collect(),
        markers: true,
    }
}

/// Where an option is built along sorted `x`: "electrolysers: built above 12 CNY/kg (up to
/// 2,500 MW at 22 CNY/kg)", "…: built up to 4,500 CNY/kW …", "…: built at every value (…)".
pub fn option_words(option: &str, path: &str, x: &[f64], mw: &[f64]) -> String {
    let name = option_name(option);
    let built: Vec<bool> = mw.iter().map(|v| *v > BUILT_MW).collect();
    let (lo, hi) = (
        mw.iter().copied().fold(f64::INFINITY, f64::min),
        mw.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    let mw_words = |v: f64| format!("{} MW", number(v.round()));
    let first = built.iter().position(|b| *b);
    let last = built.iter().rposition(|b| *b);
    match (first, last) {
        (None, _) | (_, None) => format!("{name}: not built"),
        (Some(0), Some(l)) if l + 1 == built.len() => format!(
            "{name}: built at every value ({} to {})",
            mw_words(lo),
            mw_words(hi)
        ),
        (Some(f), Some(l)) if l + 1 == built.len() && built[f..].iter().all(|b| *b) => format!(
            "{name}: built above {} (up to {} at {})",
            at(path, x[f - 1]),
            mw_words(hi),
            at(path, x[l])
        ),
        (Some(0), Some(l)) if built[..=l].iter().all(|b| *b) => format!(
            "{name}: built up to {} ({} at {}), not above",
            at(path, x[l]),
            mw_words(mw[0]),
            at(path, x[0])
        ),
        _ => format!(
            "{name}: built at {} of the {} values",
            built.iter().filter(|b| **b).count(),
            built.len()
        ),
    }
}

/// "export falls by 2.79 TWh across the range (24.51 to 21.72 TWh)".
pub fn energy_words(use_key: &str, v: &[f64]) -> String {
    let f: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    let (Some(a), Some(b)) = (f.first(), f.last()) else {
        return String::new();
    };
    let d = b - a;
    format!(
        "{} {} by {:.2} TWh across the range ({a:.2} to {b:.2} TWh)",
        palette::use_label(use_key),
        if d >= 0.0 { "rises" } else { "falls" },
        d.abs()
    )
}

/// Capitalise the first letter of a sentence.
fn sentence(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

/// The capacity of each option and the energy by use against the one parameter that varies.
pub(super) fn versus(c: &Ctx, dir: &Path, f: &mut Figures) -> Result<()> {
    let Some(v) = decisions::versus(c.t) else {
        return Ok(());
    };
    if v.capacity_mw.is_empty() && v.energy_twh.is_empty() {
        f.skipped
            .push("decisions: no option's capacity and no energy use moves".into());
        return Ok(());
    }
    let Versus {
        parameter: path, x, ..
    } = &v;
    let (short, _) = parameter(path);
    // One legend for both panels: each name carries its unit, so an option (MW) and the use
    // that shares its colour (TWh) are told apart.
    let top = (v.capacity_mw.iter().enumerate())
        .map(|(i, (o, y))| {
            let name = format!("{} (MW)", palette::use_label(o));
            curve(&name, palette::series(o, i), x, y)
        })
        .collect();
    let bottom = (v.energy_twh.iter().enumerate())
        .map(|(i, (u, y))| {
            let name = format!("{} (TWh)", palette::use_label(u));
            curve(&name, palette::series(u, i + 3), x, y)
        })
        .collect();
    let sub = format!("Against {path} · {}", c.design_context);
    let same: Vec<String> = (v.unchanged_mw.iter())
        .map(|(o, mw)| format!("{} {} MW", option_name(o), number(mw.round())))
        .collect();
    let same = if same.is_empty() {
        String::new()
    } else {
        format!(
            " The same at every value, so not drawn: {}.",
            join_and(&same)
        )
    };
    let title = format!("What is built, and where the energy goes, against {short}");
    let x_axis = super::units::axis_title(path);
    let chart = Panels {
        labels: c.labels(&title, &sub, &x_axis, ""),
        top: Panel {
            y_axis: CAPACITY_AXIS,
            series: top,
        },
        bottom: Panel {
            y_axis: ENERGY_AXIS,
            series: bottom,
        },
    };
    let mut parts: Vec<String> = (v.capacity_mw.iter())
        .map(|(o, y)| option_words(o, path, x, y))
        .collect();
    if let Some((u, y)) = (v.energy_twh.iter())
        .find(|(u, _)| u == "export")
        .or_else(|| v.energy_twh.first())
    {
        parts.push(energy_words(u, y));
    }
    let reading = format!(
        "New capacity of each option (top) and the energy by use (bottom) at each value of {short}. {}.{same}",
        sentence(&parts.join("; "))
    );
    f.emit(dir, "decisions", "Decisions", reading, &chart)
}

/// The switch-price charts: one per option whose capacity moves.
pub(super) fn switches(c: &Ctx, dir: &Path, f: &mut Figures) -> Result<()> {
    for s in decisions::switches(c.t) {
        switch(c, &s, dir, f)?;
    }
    Ok(())
}

fn switch(c: &Ctx, s: &Switch, dir: &Path, f: &mut Figures) -> Result<()> {
    let (short, _) = parameter(&s.x_parameter);
    let (line_short, _) = parameter(&s.line_parameter);
    let n = s.lines.len();
    // Viridis from dark to green: the yellow end is too light on white.
    let colour = |k: usize| palette::viridis(0.85 * k as f64 / (n.max(2) - 1) as f64);
    let top = (s.lines.iter().enumerate())
        .map(|(k, l)| curve(&l.label, colour(k), &s.x, &l.capacity_mw))
        .collect();
    let bottom = (s.lines.iter().enumerate())
        .map(|(k, l)| curve(&l.label, colour(k), &s.x, &l.energy_twh))
        .collect();
    let what = option_name(&s.option);
    let use_name = palette::use_label(&s.energy_use);
    let title = format!("{} and {use_name} against {short}", sentence(&what));
    let sub = format!("One line per value of {line_short} · {}", c.design_context);
    let top_axis = format!("{what} (MW)");
    let bottom_axis = format!("{use_name} (TWh/yr)");
    let x_axis = super::units::axis_title(&s.x_parameter);
    let chart = Panels {
        labels: c.labels(&title, &sub, &x_axis, ""),
        top: Panel {
            y_axis: &top_axis,
            series: top,
        },
        bottom: Panel {
            y_axis: &bottom_axis,
            series: bottom,
        },
    };
    let ends: Vec<String> = [s.lines.first(), s.lines.last()]
        .into_iter()
        .flatten()
        .map(|l| {
            format!(
                "at {}, {}",
                l.label,
                option_words(&s.option, &s.x_parameter, &s.x, &l.capacity_mw)
            )
        })
        .collect();
    let swing = (s.lines.iter())
        .map(|l| {
            let v: Vec<f64> = l
                .energy_twh
                .iter()
                .copied()
                .filter(|x| x.is_finite())
                .collect();
            v.first().zip(v.last()).map_or(0.0, |(a, b)| b - a)
        })
        .fold(0.0, |m: f64, d| if d.abs() > m.abs() { d } else { m });
    let reading = format!(
        "The switch price: {what} (top) and {use_name} (bottom) against {short}, one line per value of {line_short}. {}; {use_name} {} by up to {:.2} TWh across the range of {short}.",
        sentence(&ends.join("; ")),
        if swing >= 0.0 { "rises" } else { "falls" },
        swing.abs()
    );
    let stem = format!("switch_{}", stem_of(&s.option));
    f.emit(
        dir,
        &stem,
        &format!("Switch price: {what}"),
        reading,
        &chart,
    )
}

/// Monte Carlo: the share of draws on the high side of every outcome that splits in two.
pub(super) fn shares(c: &Ctx, dir: &Path, f: &mut Figures) -> Result<()> {
    let shares = decisions::shares(c.t);
    if shares.is_empty() {
        f.skipped.push(
            "shares of the samples: no outcome splits in two (built or not, or two clusters)"
                .into(),
        );
        return Ok(());
    }
    let rows = (shares.iter())
        .map(|s| (s.label.clone(), s.split.share(), s.split.short_words()))
        .collect();
    let sub = format!(
        "Outcomes that fall in two groups (built or not, or a gap of a quarter of their range) · {}",
        c.context
    );
    let chart = Shares {
        labels: c.labels(
            "How often each split outcome is on its high side",
            &sub,
            "share of the samples (%)",
            "",
        ),
        rows,
    };
    let said: Vec<String> = (shares.iter())
        .map(|s| format!("{} in {}", s.label, s.split.words()))
        .collect();
    let reading = format!(
        "Where an outcome is all or nothing, a box hides the split; this counts the draws on each side (docs/sweeps.md says how the split is found). {}.",
        sentence(&join_and(&said))
    );
    f.emit(dir, "shares", "Shares of the samples", reading, &chart)
}
