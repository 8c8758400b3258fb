//! The short, readable summary printed after a run.

use crate::results::{uses, Results, Summary, Use};
use std::fmt::Write;

/// "365 steps of 24 h", or for adaptive segments "400 segments (auto:400) of up to 96 h".
pub fn steps_words(s: &Summary) -> String {
    if s.resolution.starts_with("auto:") {
        format!(
            "{} segments ({}) of up to {} h",
            s.steps, s.resolution, s.resolution_hours
        )
    } else {
        format!("{} steps of {} h", s.steps, s.resolution_hours)
    }
}

/// A plain-text table: status, objective, capacity built, energy by use, curtailment.
pub fn summary_table(s: &Summary) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "scenario   {}", s.scenario);
    let _ = writeln!(
        o,
        "status     {} ({}; {}; {} columns, {} rows; build {:.2} s, solve {:.2} s)",
        s.status,
        s.solver,
        steps_words(s),
        s.lp_columns,
        s.lp_rows,
        s.build_seconds,
        s.solve_seconds
    );
    let _ = writeln!(
        o,
        "objective  {:>12.1} M CNY per year (negative = net revenue)",
        s.objective_cny / 1e6
    );
    lumpy(&mut o, s);
    stochastic(&mut o, s);
    decision(&mut o, s);
    capacity(&mut o, s);
    energy(&mut o, s);
    curtailment(&mut o, s);
    if s.hydrogen_kt > 0.0 {
        let _ = writeln!(o, "\nhydrogen   {:.1} kt", s.hydrogen_kt);
        hydrogen_blocks(&mut o, s);
        if let Some(l) = s.lcoh_cny_per_kg {
            let _ = writeln!(
                o,
                "LCOH       {l:.2} CNY/kg (electricity at the nodal price)"
            );
        }
    }
    o
}

/// How projects that come whole were solved: the answer is exact, not the divisible LP.
fn lumpy(o: &mut String, s: &Summary) {
    let Some(l) = &s.lumpy else {
        return;
    };
    let (how, rows) = match l.method.as_str() {
        "milp" => (
            "one MILP (HiGHS), its choice then solved as an LP".to_string(),
            "its row",
        ),
        _ => (
            format!("best of {} combinations, each an LP", l.combinations),
            "every combination",
        ),
    };
    let choices: Vec<String> = l.choice.iter().map(|(p, c)| format!("{p} {c}")).collect();
    let _ = writeln!(
        o,
        "lumpy      exact ({how}): {}; {rows} in lumpy_combinations.csv",
        choices.join(", ")
    );
}

/// A stochastic run: one plan for its years, and which figures are expectations (the
/// objective, net benefit, energies, spill and hydrogen) and which are the representative
/// year's (each option's returns and binding constraint, as the dispatch files).
fn stochastic(o: &mut String, s: &Summary) {
    let Some(st) = &s.stochastic else {
        return;
    };
    let years: Vec<String> = (st.years.iter().zip(&st.probabilities))
        .map(|(y, p)| format!("{y} {:.1} %", p * 100.0))
        .collect();
    let _ = writeln!(
        o,
        "stochastic one plan for {} hydrology years ({}), {} method; the figures below are expectations over the years",
        st.years.len(),
        years.join(", "),
        st.method
    );
    if let (Some(vss), Some(evpi)) = (st.vss_cny, st.evpi_cny) {
        let _ = writeln!(
            o,
            "           VSS {:.1} M CNY, EVPI {:.1} M CNY; each year in years.csv",
            vss / 1e6,
            evpi / 1e6
        );
    }
    let _ = writeln!(
        o,
        "           returns, binding constraints and the dispatch files: the representative year {}",
        st.representative_year
    );
}

/// Net benefit against the status quo, what changes, investment and each option's returns.
fn decision(o: &mut String, s: &Summary) {
    let d = &s.decision;
    if let Some(nb) = d.net_benefit_vs_baseline_cny_per_year {
        let cached = if d.baseline_cached == Some(true) {
            ", status quo from cache"
        } else {
            ""
        };
        let _ = writeln!(
            o,
            "net benefit {:>11.1} M CNY per year against the status quo (positive = better{cached})",
            nb / 1e6
        );
    }
    for line in &d.changes_vs_baseline {
        let _ = writeln!(o, "  {line}");
    }
    let total = d.investment_cny.get("total").copied().unwrap_or(0.0);
    if d.options.is_empty() {
        return;
    }
    let _ = writeln!(
        o,
        "
investment {:>12.1} M CNY in all",
        total / 1e6
    );
    let _ = writeln!(
        o,
        "  {:<26} {:>10} {:>10} {:>7} {:>8}  binding",
        "option", "invest M", "NPV M", "IRR %", "payback"
    );
    let opt = |x: Option<f64>, scale: f64, digits: usize| {
        x.map_or("-".to_string(), |v| format!("{:.digits$}", v * scale))
    };
    for (k, r) in &d.options {
        let _ = writeln!(
            o,
            "  {k:<26} {:>10.1} {:>10} {:>7} {:>8}  {}",
            r.investment_cny / 1e6,
            opt(r.npv_cny, 1e-6, 1),
            opt(r.irr, 100.0, 1),
            opt(r.payback_years, 1.0, 1),
            r.binding
        );
    }
}

/// Committed capacity, then what was built (new).
fn capacity(o: &mut String, s: &Summary) {
    if !s.capacity_committed_mw.is_empty() {
        // Committed projects are sunk and in service from their date: never "not built".
        let _ = writeln!(o, "\ncommitted (in service in the study year, no capex)");
        for (k, v) in &s.capacity_committed_mw {
            let _ = writeln!(o, "  {k:<34} {:>10.1} MW", v);
        }
    }
    let _ = writeln!(o, "\ncapacity built (new)");
    if s.capacity_built_mw.is_empty() {
        let _ = writeln!(o, "  (no options in this scenario)");
    }
    for (k, v) in &s.capacity_built_mw {
        let _ = writeln!(o, "  {k:<34} {:>10.1} MW", tidy(*v));
    }
    // Half a kilogram: below it, an interior-point trace, not a store.
    if s.hydrogen_storage_built_kg > 0.5 {
        let _ = writeln!(
            o,
            "  {:<34} {:>10.1} t",
            "hydrogen_storage",
            s.hydrogen_storage_built_kg / 1e3
        );
    }
}

/// Energy by use, from the one table of uses.
fn energy(o: &mut String, s: &Summary) {
    let e = &s.energy_twh;
    let _ = writeln!(o, "\nenergy (TWh per year)");
    // Every use of the one table of uses but curtailment, which has its own lines below.
    let listed = uses::listed(|k| e.get(k).is_some());
    for key in listed.into_iter().filter(|k| *k != "curtailed") {
        let label = uses::find(key).map_or(key, |u| u.label);
        let v = e.get(key).unwrap_or(0.0);
        let _ = writeln!(o, "  {label:<34} {:>10.3}", tidy(v));
    }
}

/// Curtailment over the year and the flood season, and its split.
fn curtailment(o: &mut String, s: &Summary) {
    let c = &s.curtailment;
    let _ = writeln!(o, "\ncurtailment (spilled)");
    let _ = writeln!(o, "  {:<34} {:>10.3} TWh", "annual", c.annual_twh);
    let _ = writeln!(
        o,
        "  {:<34} {:>10.3} TWh",
        format!("flood season (months {:?})", c.flood_season_months),
        c.flood_season_twh
    );
    for (label, v) in [
        ("of which hydro spill", c.hydro_spill_twh),
        (
            "  hydro spill in the flood season",
            c.hydro_spill_flood_season_twh,
        ),
        ("of which solar and wind", c.solar_wind_twh),
    ] {
        let _ = writeln!(o, "  {label:<34} {:>10.3} TWh", tidy(v));
    }
}

/// Hydrogen sold to each demand block, which are full, and the rest (sold at the plant gate).
fn hydrogen_blocks(o: &mut String, s: &Summary) {
    let Some(by_block) = &s.hydrogen_by_block_kt else {
        return;
    };
    let full = s.hydrogen_blocks_full.as_deref().unwrap_or_default();
    for (name, kt) in by_block {
        let mark = if full.contains(name) { "  (full)" } else { "" };
        let label = format!("to block {name}");
        let _ = writeln!(o, "  {label:<34} {:>10.3} kt{mark}", tidy(*kt));
    }
    let plant_gate_kt = s.hydrogen_kt - by_block.values().sum::<f64>();
    if plant_gate_kt > 5e-4 {
        let _ = writeln!(
            o,
            "  {:<34} {:>10.3} kt",
            "at the plant gate", plant_gate_kt
        );
    }
}

/// Solver noise below display precision (−0.0, 1e-9) shown as 0.
fn tidy(v: f64) -> f64 {
    if v.abs() < 1e-6 {
        0.0
    } else {
        v
    }
}

/// Say loudly, on stderr, where and when demand was not met.
pub fn warn_unserved(r: &Results) {
    let mut worst: Vec<(f64, usize, usize)> = Vec::new();
    let mut total = 0.0;
    for s in r.series.iter().filter(|s| s.category == Use::Unserved) {
        for (t, mw) in s.mw.iter().enumerate() {
            if *mw > 1e-3 {
                worst.push((*mw, s.node, t));
                total += mw * r.wdt[t];
            }
        }
    }
    if worst.is_empty() {
        return;
    }
    worst.sort_by(|a, b| b.0.total_cmp(&a.0));
    eprintln!(
        "warning: {:.1} MWh of demand is NOT served ({} node-steps); worst:",
        total,
        worst.len()
    );
    for (mw, n, t) in worst.iter().take(5) {
        eprintln!("  {} at {}: {:.1} MW", r.node_names[*n], r.labels[*t], mw);
    }
}
