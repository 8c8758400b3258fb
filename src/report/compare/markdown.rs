//! `report.md` of a comparison: the cases, a sentence per case on what differs from the first,
//! the case table (the numbers of `compare.csv`, rounded for reading) and the charts.

use super::read::{CompareFiles, TableRow};
use crate::charts::{format_number, palette};
use crate::output::compare::*;
use crate::output::files::COMPARE_CSV;
use crate::report::figures::Figures;
use crate::report::words::{cell, join_and, option_name};
use std::fmt::Write;

/// A metric of `compare.csv` in words, for the table's first column (and the printed table's).
pub fn metric_name(metric: &str) -> String {
    if let Some(k) = metric.strip_prefix(CAPACITY_PREFIX) {
        return format!("new capacity: {}", option_name(k));
    }
    if let Some(k) = metric.strip_prefix("committed.") {
        // A committed generator has no option name: its key is its name.
        let name = k
            .strip_prefix("generator.")
            .map_or_else(|| option_name(k), String::from);
        return format!("committed: {name}");
    }
    if let Some(k) = metric.strip_prefix(ENERGY_PREFIX) {
        return format!("energy: {}", palette::use_label(k));
    }
    if let Some(k) = metric.strip_prefix(INVESTMENT_PREFIX) {
        return if k == INVESTMENT_TOTAL {
            "investment in all".into()
        } else {
            format!("investment: {}", option_name(k))
        };
    }
    match metric {
        OBJECTIVE => "objective (negative = net revenue)",
        NET_BENEFIT => "net benefit against the status quo",
        CURTAILMENT_ANNUAL => "spilled over the year",
        CURTAILMENT_FLOOD_SEASON => "spilled in the flood season",
        HYDROGEN => "hydrogen made",
        LCOH => "levelised cost of hydrogen",
        EXPORT_REVENUE => "export revenue",
        other => other,
    }
    .to_string()
}

fn value(v: Option<f64>, unit: &str) -> String {
    v.map_or("–".into(), |x| format_number(x, digits(unit)))
}

/// A difference with its sign; 0 when it rounds to nothing.
fn difference(v: Option<f64>, unit: &str) -> String {
    let d = digits(unit);
    match v {
        Some(x) if x.abs() >= 0.5 * 10f64.powi(-(d as i32)) => {
            let s = format_number(x, d);
            if x > 0.0 {
                format!("+{s}")
            } else {
                s
            }
        }
        Some(_) => "0".into(),
        None => "–".into(),
    }
}

/// "2,500 MW more of electrolysers" for a capacity difference, if it is at least 1 MW.
fn capacity_change(key: &str, d: f64) -> Option<String> {
    if d.abs() < 1.0 {
        return None;
    }
    let what = option_name(key);
    let unit = if key == "data_centre" {
        "MW of IT load"
    } else {
        "MW"
    };
    let more = if d > 0.0 { "more" } else { "less" };
    Some(format!(
        "{} {unit} {more} of {what}",
        format_number(d.abs(), 0)
    ))
}

/// "0.351 TWh less" (energies below 0.5 GWh count as no change).
fn energy_change(d: f64) -> Option<String> {
    (d.abs() >= 5e-4).then(|| {
        format!(
            "{} TWh {}",
            format_number(d.abs(), 3),
            if d > 0.0 { "more" } else { "less" }
        )
    })
}

/// One sentence: what case `i` does differently from the first.
fn differs(f: &CompareFiles, i: usize) -> String {
    let d = |metric: &str| f.row(metric).and_then(|r: &TableRow| r.differences[i - 1]);
    let mut parts = Vec::new();
    if let Some(x) = d(OBJECTIVE).filter(|x| x.abs() >= 0.05) {
        parts.push(format!(
            "its objective is {} M CNY a year {} ({})",
            format_number(x.abs(), 1),
            if x < 0.0 { "lower" } else { "higher" },
            if x < 0.0 { "better" } else { "worse" }
        ));
    }
    let built: Vec<String> = f
        .rows
        .iter()
        .filter(|r| r.unit == MW)
        .filter_map(|r| {
            let key = r.metric.strip_prefix(CAPACITY_PREFIX)?;
            capacity_change(key, r.differences[i - 1]?)
        })
        .collect();
    if !built.is_empty() {
        parts.push(format!("it builds {}", join_and(&built)));
    }
    if let Some(s) = d(CURTAILMENT_ANNUAL).and_then(energy_change) {
        let flood = d(CURTAILMENT_FLOOD_SEASON)
            .and_then(energy_change)
            .map_or(String::new(), |x| format!(" ({x} in the flood season)"));
        parts.push(format!("it spills {s} over the year{flood}"));
    }
    if let Some(x) = d(HYDROGEN).filter(|x| x.abs() >= 0.05) {
        parts.push(format!(
            "it makes {} kt {} hydrogen",
            format_number(x.abs(), 1),
            if x > 0.0 { "more" } else { "less" }
        ));
    }
    if let Some(s) = d(&energy_metric("export")).and_then(energy_change) {
        parts.push(format!("it exports {s}"));
    }
    let (name, first) = (&f.cases[i], &f.cases[0]);
    if parts.is_empty() {
        return format!(
            "- **{name}** gives the same results as {first} (within the table's rounding)."
        );
    }
    let twin = (1..i).find(|j| same(f, *j, i)).map_or(String::new(), |j| {
        format!(
            " Every number of the table is the same as {}'s (within its rounding).",
            f.cases[j]
        )
    });
    format!("- **{name}**, against {first}: {}.{twin}", join_and(&parts))
}

/// Whether cases `a` and `b` agree on every row as the table rounds it.
fn same(f: &CompareFiles, a: usize, b: usize) -> bool {
    f.rows
        .iter()
        .all(|r| value(r.values[a], &r.unit) == value(r.values[b], &r.unit))
}

/// The headline: each case's net benefit against its status quo and its investment, the best
/// case named, then what changes against the status quo, one sentence each.
fn against_status_quo(o: &mut String, f: &CompareFiles) {
    let of = |metric: &str, i: usize| f.row(metric).and_then(|r| r.values[i]);
    let benefits: Vec<Option<f64>> = (0..f.cases.len()).map(|i| of(NET_BENEFIT, i)).collect();
    if benefits.iter().all(Option::is_none) {
        return;
    }
    o.push_str(
        "## Against the status quo

",
    );
    let best = benefits
        .iter()
        .flatten()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    // Cases within the table's rounding of the best share the headline.
    let top: Vec<usize> = (0..f.cases.len())
        .filter(|i| benefits[*i].is_some_and(|b| b >= best - 0.05))
        .collect();
    if let Some(&i) = top.first() {
        let invest = of(&investment_metric(INVESTMENT_TOTAL), i).map_or(String::new(), |x| {
            format!(" for {} M CNY invested", format_number(x, 1))
        });
        let names: Vec<String> = top.iter().map(|j| format!("**{}**", f.cases[*j])).collect();
        let _ = writeln!(
            o,
            "{} {} the largest net benefit against the status quo (the same scenario with nothing new built): \
             **{} M CNY a year**{invest}. The net benefit is money only (the LP's steering penalties left out); \
             positive = better than building nothing new.\n",
            join_and(&names),
            if top.len() > 1 { "have" } else { "has" },
            format_number(best, 1)
        );
    }
    o.push_str("| case | net benefit (M CNY/yr) | investment (M CNY) |\n|---|---:|---:|\n");
    for (i, c) in f.cases.iter().enumerate() {
        let _ = writeln!(
            o,
            "| {} | {} | {} |",
            cell(c),
            value(benefits[i], M_CNY_PER_YEAR),
            value(of(&investment_metric(INVESTMENT_TOTAL), i), M_CNY)
        );
    }
    o.push('\n');
    for (i, c) in f.info.iter().enumerate() {
        if c.summary.changes_vs_baseline.is_empty() {
            continue;
        }
        let _ = writeln!(
            o,
            "What changes in **{}** against its status quo:\n",
            f.cases[i]
        );
        for line in &c.summary.changes_vs_baseline {
            let _ = writeln!(o, "- {line}");
        }
        o.push('\n');
    }
}

fn cases(o: &mut String, f: &CompareFiles) {
    o.push_str("## The cases\n\n| case | scenario file | description | status | steps |\n|---|---|---|---|---|\n");
    for (i, c) in f.info.iter().enumerate() {
        let s = &c.summary;
        let _ = writeln!(
            o,
            "| {} | `{}` | {} | {} | {} × {} h{} |",
            cell(&f.cases[i]),
            cell(&c.file),
            cell(&c.description),
            cell(f.statuses.get(i).map_or(&s.status, |x| x)),
            s.steps,
            s.resolution_hours,
            if s.is_segmented() {
                format!(" at most ({})", s.resolution)
            } else {
                String::new()
            }
        );
    }
    o.push('\n');
}

fn table(o: &mut String, f: &CompareFiles) {
    let _ = write!(o, "## Case table\n\nThe numbers of `{COMPARE_CSV}`, rounded for reading (capacity in MW, hydrogen storage in t; energies are totals over the horizon, a year for the shipped inputs).\n\n| | unit |");
    for c in &f.cases {
        let _ = write!(o, " {} |", cell(c));
    }
    for c in f.cases.iter().skip(1) {
        let _ = write!(o, " {} − {} |", cell(c), cell(&f.cases[0]));
    }
    o.push_str("\n|---|---|");
    o.push_str(&"---:|".repeat(2 * f.cases.len() - 1));
    o.push('\n');
    for r in &f.rows {
        let _ = write!(o, "| {} | {} |", cell(&metric_name(&r.metric)), r.unit);
        for v in &r.values {
            let _ = write!(o, " {} |", value(*v, &r.unit));
        }
        for v in &r.differences {
            let _ = write!(o, " {} |", difference(*v, &r.unit));
        }
        o.push('\n');
    }
    o.push('\n');
}

/// The whole report.
pub fn report(f: &CompareFiles, figures: &Figures) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# Comparison of {} cases: {}\n",
        f.cases.len(),
        f.cases.join(", ")
    );
    let _ = writeln!(
        o,
        "Each case was solved by spillway (`spillway compare`) as a whole capacity-expansion problem; \
         every difference is a later case minus the first, **{}**. Objectives are annualised costs minus \
         revenues (negative = net revenue).\n",
        f.cases[0]
    );
    against_status_quo(&mut o, f);
    cases(&mut o, f);
    o.push_str("## What differs from the first case\n\n");
    if f.cases.len() < 2 {
        o.push_str("(Only one case.)\n");
    }
    for i in 1..f.cases.len() {
        let _ = writeln!(o, "{}", differs(f, i));
    }
    o.push('\n');
    table(&mut o, f);
    o.push_str("## Charts\n\n");
    figures.markdown(&mut o);
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_read_as_words() {
        assert_eq!(
            capacity_change("electrolyser", 2500.0).unwrap(),
            "2,500 MW more of electrolysers"
        );
        assert_eq!(
            capacity_change("industry.silicon", -446.0).unwrap(),
            "446 MW less of silicon plants"
        );
        assert_eq!(capacity_change("line.x", 0.3), None);
        assert_eq!(energy_change(-0.351419).unwrap(), "0.351 TWh less");
        assert_eq!(energy_change(1e-5), None);
        assert_eq!(difference(Some(-452.99), "M CNY/yr"), "−453.0");
        assert_eq!(difference(Some(2500.0), "MW"), "+2,500.0");
        assert_eq!(difference(Some(1e-6), "MW"), "0");
        assert_eq!(
            metric_name("capacity.electrolyser"),
            "new capacity: electrolysers"
        );
    }
}
