//! `report.md`: one page a planner can hand on: the scenario, its headline numbers (from
//! `summary.json`), the charts, and the assumptions with their sources (from the scenario files'
//! own comments). It must read on its own, without the tool or its README beside it.

use super::read::RunFiles;
use crate::charts::{format_number, palette};
use crate::output::files::ASSUMPTIONS;
use crate::output::run::RunSummary;
use crate::report::figures::Figures;
use crate::report::words::{cell, join_and, option_name, MONTHS};
use std::collections::BTreeMap;
use std::fmt::Write;

fn twh(v: f64) -> String {
    format_number(v, 3)
}

/// `Jun–Oct` for a run of consecutive months, else a list.
fn months(ms: &[u32]) -> String {
    let name = |m: u32| {
        MONTHS
            .get(m.wrapping_sub(1) as usize)
            .copied()
            .unwrap_or("?")
    };
    let consecutive = ms.windows(2).all(|w| w[1] == w[0] + 1);
    match (ms.first(), ms.last()) {
        (Some(a), Some(b)) if consecutive && ms.len() > 2 => format!("{}–{}", name(*a), name(*b)),
        _ => ms.iter().map(|m| name(*m)).collect::<Vec<_>>().join(", "),
    }
}

/// Capacity per summary key with the most allowed, as `summary.json` groups it.
fn capacity_limits(r: &RunFiles) -> BTreeMap<String, f64> {
    let mut m = BTreeMap::new();
    for c in &r.capacities {
        if c.max_new <= 0.0 || c.unit == "kg" {
            continue;
        }
        let single = c.component.starts_with("line.") || c.component.starts_with("generator.");
        let key = if single { &c.component } else { &c.option };
        *m.entry(key.clone()).or_insert(0.0) += c.max_new;
    }
    m
}

/// Inputs outside their typical range, and divisible sizes of lines that come whole, before
/// anything is read from the results.
fn warnings(o: &mut String, r: &RunFiles) {
    let w = &r.summary.warnings;
    if w.is_empty() {
        return;
    }
    o.push_str(
        "## Warnings\n\nCheck these before reading on: an input outside the range typical for its \
         unit most often means a unit slip (the run used it as written); a line built at a \
         divisible size is not a project that can be built as it stands.\n\n",
    );
    for line in w {
        let _ = writeln!(o, "- {}", cell(line));
    }
    o.push('\n');
}

fn headline(o: &mut String, r: &RunFiles) {
    let s = &r.summary;
    let c = &s.curtailment;
    let season = months(&c.flood_season_months);
    let _ = write!(
        o,
        "Over the year, **{} TWh** of the {} TWh that the rivers, sun and wind offer is spilled, {} TWh of it in the flood season ({season})",
        twh(c.annual_twh),
        format_number(s.energy_twh.available, 1),
        twh(c.flood_season_twh)
    );
    match &r.baseline {
        Some(b) => {
            let _ = writeln!(
                o,
                "; the status quo ({}) spills {} TWh.",
                r.baseline_name(),
                twh(b.summary.curtailment.annual_twh)
            );
        }
        None => o.push_str(".\n"),
    }
    let built: Vec<String> = s
        .capacity_built_mw
        .iter()
        .filter(|(_, v)| **v >= 0.5)
        .map(|(k, v)| {
            let unit = if k == "data_centre" {
                "MW of IT load"
            } else {
                "MW"
            };
            format!(
                "{} {unit} of {}",
                format_number(*v, 0),
                r.shown(&option_name(k))
            )
        })
        .collect();
    if s.capacity_built_mw.is_empty() {
        o.push_str("The scenario allows no new capacity.");
    } else if built.is_empty() {
        o.push_str(
            "The optimiser builds nothing new: no option pays for itself under these assumptions.",
        );
    } else {
        let _ = write!(o, "The optimiser builds {}.", join_and(&built));
    }
    if s.hydrogen_kt > 1e-3 {
        let _ = write!(
            o,
            " The electrolysers make {} kt of hydrogen",
            format_number(s.hydrogen_kt, 1)
        );
        if let Some(l) = s.lcoh_cny_per_kg {
            let _ = write!(o, " at a levelised cost of {} CNY/kg", format_number(l, 1));
        }
        if let Some(cf) = s.electrolyser_capacity_factor {
            let _ = write!(
                o,
                ", running at {} % of capacity on average",
                format_number(cf * 100.0, 0)
            );
        }
        o.push('.');
        o.push_str(&blocks_sentence(s));
    }
    if s.energy_twh.unserved > 1e-6 {
        let _ = write!(
            o,
            " **{} TWh of demand goes unserved.**",
            twh(s.energy_twh.unserved)
        );
    }
    o.push_str("\n\n");
}

/// " The demand blocks take …": kt per block, which are full (empty without blocks).
fn blocks_sentence(s: &RunSummary) -> String {
    let Some(by_block) = &s.hydrogen_by_block_kt else {
        return String::new();
    };
    let full = s.hydrogen_blocks_full.as_deref().unwrap_or_default();
    let parts: Vec<String> = by_block
        .iter()
        .map(|(name, kt)| {
            let mark = if full.contains(name) { " (full)" } else { "" };
            format!("{} kt to `{name}`{mark}", format_number(*kt, 2))
        })
        .collect();
    let mut out = format!(" The demand blocks take {}", join_and(&parts));
    let plant_gate_kt = s.hydrogen_kt - by_block.values().sum::<f64>();
    if plant_gate_kt > 5e-3 {
        let _ = write!(
            out,
            "; {} kt sells at the plant gate",
            format_number(plant_gate_kt, 2)
        );
    }
    out.push('.');
    out
}

/// How one row of the numbers table reads a summary.
type Cell = fn(&RunSummary) -> String;

fn numbers_table(o: &mut String, r: &RunFiles) {
    let b = r.baseline.as_ref().map(|b| &b.summary);
    let rows: [(&str, Cell); 13] = [
        ("spilled over the year (TWh)", |s| {
            twh(s.curtailment.annual_twh)
        }),
        ("spilled in the flood season (TWh)", |s| {
            twh(s.curtailment.flood_season_twh)
        }),
        ("available generation (TWh)", |s| {
            twh(s.energy_twh.available)
        }),
        ("generation (TWh)", |s| twh(s.energy_twh.generation)),
        ("local demand (TWh)", |s| twh(s.energy_twh.local_demand)),
        ("export to the grid (TWh)", |s| twh(s.energy_twh.export)),
        ("import from the grid (TWh)", |s| twh(s.energy_twh.import)),
        ("hydrogen, electricity used (TWh)", |s| {
            twh(s.energy_twh.hydrogen)
        }),
        ("data centres (TWh)", |s| twh(s.energy_twh.data_centre)),
        ("industry (TWh)", |s| twh(s.energy_twh.industry)),
        ("line losses (TWh)", |s| twh(s.energy_twh.line_losses)),
        ("unserved demand (TWh)", |s| twh(s.energy_twh.unserved)),
        ("objective (M CNY a year; negative = net revenue)", |s| {
            format_number(s.objective_cny / 1e6, 1)
        }),
    ];
    match b {
        Some(b) => {
            let _ = writeln!(
                o,
                "| | {} | {} |\n|---|---:|---:|",
                r.summary.scenario,
                r.baseline_label()
            );
            for (name, f) in rows {
                let _ = writeln!(o, "| {name} | {} | {} |", f(&r.summary), f(b));
            }
        }
        None => {
            let _ = writeln!(o, "| | {} |\n|---|---:|", r.summary.scenario);
            for (name, f) in rows {
                let _ = writeln!(o, "| {name} | {} |", f(&r.summary));
            }
        }
    }
    o.push('\n');
}

fn capacity_table(o: &mut String, r: &RunFiles) {
    let s = &r.summary;
    if !s.capacity_committed_mw.is_empty() {
        // A committed project is never "not built": it is listed apart, as sunk.
        let list: Vec<String> = s
            .capacity_committed_mw
            .iter()
            .map(|(k, v)| {
                format!(
                    "{} {} MW",
                    r.shown(&palette::use_label(k)),
                    format_number(*v, 0)
                )
            })
            .collect();
        let _ = writeln!(
            o,
            "**Committed** (under construction, in service in the study year; its cost is sunk and not in the objective): {}.\n",
            list.join(", ")
        );
    }
    if s.capacity_built_mw.is_empty() {
        return;
    }
    let limits = capacity_limits(r);
    o.push_str(
        "**Capacity built**\n\n| option | built | most allowed | unit | what binds |\n\
         |---|---:|---:|---|---|\n",
    );
    for (k, v) in &s.capacity_built_mw {
        let unit = if k == "data_centre" { "MW IT" } else { "MW" };
        let lim = limits.get(k).map_or("–".into(), |l| format_number(*l, 0));
        let binds = s.binding.get(k).map_or("–", String::as_str);
        let _ = writeln!(
            o,
            "| {} | {} | {lim} | {unit} | {} |",
            cell(&r.shown(&palette::use_label(k))),
            format_number(*v, 1),
            cell(binds)
        );
    }
    if s.hydrogen_storage_built_kg > 0.5 {
        let _ = writeln!(
            o,
            "| hydrogen storage | {} | | t | |",
            format_number(s.hydrogen_storage_built_kg / 1e3, 1)
        );
    }
    if !s.binding.is_empty() {
        o.push_str(
            "\n*What binds*: the constraint that stops each option at its size, read from the \
             results: *site limit* (built to the most allowed), *minimum utilisation* (every MW \
             more would have to run through hours where it does not pay), *line congested N % of \
             hours* (the hours whose value paid for the line), *none* (the last MW just pays for \
             itself), *not built* (not even the first MW pays).\n",
        );
    }
    o.push('\n');
}

fn nodes_table(o: &mut String, r: &RunFiles) {
    let s = &r.summary;
    o.push_str("**By node**\n\n| node | mean price (CNY/MWh) | spilled (TWh) |\n|---|---:|---:|\n");
    for (n, spilled) in &s.curtailment.by_node_twh {
        let price = s
            .mean_price_cny_per_mwh
            .get(n)
            .copied()
            .flatten()
            .map_or("–".into(), |p| format_number(p, 1));
        let _ = writeln!(
            o,
            "| {} | {price} | {} |",
            cell(&r.node_label(n)),
            twh(*spilled)
        );
    }
    o.push_str("\nPrices are the shadow prices of each node's energy balance (what one more MWh there would cost), averaged over the hours; they are 0 where a node spills and are not market prices.\n\n");
}

fn assumptions_table(o: &mut String, r: &RunFiles) {
    o.push_str("## Assumptions and sources\n\n");
    if r.assumptions.is_empty() {
        let _ = writeln!(o, "(This folder has no `{ASSUMPTIONS}`.)");
        return;
    }
    o.push_str(
        "Every value the scenario files set, with the comment written beside it in the file: its source, or \
         ASSUMPTION where none was found. The most derived file comes first; a key it overrides is listed \
         once, with its value. `sources.md` is `docs/sources.md` and \"spec\" the project's model \
         specification in the spillway repository; hourly profiles are described in `inputs/README.md`.\n\n\
         | key | value | source or note | file:line |\n|---|---|---|---|\n",
    );
    for a in &r.assumptions {
        let text = a.value.starts_with('"');
        if text && a.comment.is_empty() {
            continue; // names, labels and profile columns: not assumptions
        }
        let _ = writeln!(
            o,
            "| `{}` | {} | {} | {}:{} |",
            a.key,
            cell(&a.value),
            cell(&a.comment),
            a.file,
            a.line
        );
    }
}

/// The whole report.
/// The first lines: net benefit against the status quo, investment, what changes.
fn decision_lines(o: &mut String, s: &RunSummary) {
    if let Some(nb) = s.net_benefit_vs_baseline_cny_per_year {
        let _ = writeln!(
            o,
            "**Net benefit against the status quo: {} M CNY per year** (positive = better than building \
             nothing new; money only, the LP's steering penalties left out).\n",
            format_number(nb / 1e6, 1)
        );
    }
    if let Some(total) = s.investment_cny.get("total") {
        let _ = writeln!(
            o,
            "Investment: **{} M CNY** in all.\n",
            format_number(total / 1e6, 1)
        );
    }
    if !s.changes_vs_baseline.is_empty() {
        let _ = writeln!(o, "What changes against the status quo:\n");
        for line in &s.changes_vs_baseline {
            let _ = writeln!(o, "- {line}");
        }
        o.push('\n');
    }
}

pub fn report(r: &RunFiles, figures: &Figures) -> String {
    let s = &r.summary;
    let mut o = String::new();
    let _ = writeln!(o, "# {}: where the flood-season surplus goes\n", s.scenario);
    decision_lines(&mut o, s);
    if let Some(d) = r.assumption("description").filter(|d| !d.is_empty()) {
        let _ = writeln!(o, "*{d}*\n");
    }
    let _ = writeln!(
        o,
        "A capacity-expansion linear program (spillway) chose what to build and how to run it over {}, \
         minimising annualised costs minus revenues. Status: **{}** ({}). Energy figures are totals over the \
         {} hours modelled (a year for the shipped inputs).\n",
        steps_words(s),
        s.status,
        s.solver,
        format_number(s.horizon_hours, 0)
    );
    warnings(&mut o, r);
    o.push_str("## Headline\n\n");
    headline(&mut o, r);
    numbers_table(&mut o, r);
    capacity_table(&mut o, r);
    nodes_table(&mut o, r);
    o.push_str("## Charts\n\n");
    figures.markdown(&mut o);
    assumptions_table(&mut o, r);
    o
}

/// "8760 steps of 1 h", or "400 segments of varying length (auto:400, up to 96 h; see
/// docs/time-segments.md)".
fn steps_words(s: &crate::output::run::RunSummary) -> String {
    if s.is_segmented() {
        format!(
            "{} segments of varying length ({}, up to {} h; see docs/time-segments.md)",
            s.steps, s.resolution, s.resolution_hours
        )
    } else {
        format!("{} steps of {} h", s.steps, s.resolution_hours)
    }
}
