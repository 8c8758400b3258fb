//! The pathway's `report.md`: its periods and what each stands for, the discounted cost and net
//! benefit against the status-quo pathway, when each option enters, capacity and energy by
//! period, and the chart.

use super::PathwayFiles;
use crate::report::figures::Figures;
use std::fmt::Write as _;

fn m(x: f64) -> String {
    format!("{:.1}", x / 1e6)
}

pub fn report(f: &PathwayFiles, figs: &Figures) -> String {
    let s = &f.summary;
    let mut o = String::new();
    let _ = writeln!(o, "# Pathway {}\n", s.pathway);
    if !s.description.is_empty() {
        let _ = writeln!(o, "{}\n", s.description);
    }
    let _ = writeln!(
        o,
        "{} periods from {} to {} with **{} foresight**, discounted at {} a year to {}; solved \
         with {} at {} (status {}). Each period is its own scenario; capacity built in a period \
         stands until the end of its lifetime, and capital is charged as annuities for the years \
         inside the horizon only (docs/model.md §11).\n",
        s.years.len(),
        s.years[0],
        s.end_year,
        s.foresight,
        s.discount_rate,
        s.years[0],
        s.solver,
        s.resolution,
        s.status
    );
    o.push_str("## Periods\n\n| period | scenario | stands for | weight (discounted years) | operating cost, M CNY a year | status |\n|---|---|---|---:|---:|---|\n");
    for p in &s.periods {
        let _ = writeln!(
            o,
            "| {} | `{}` ({}) | {}–{} | {:.3} | {} | {} |",
            p.year,
            p.scenario,
            p.file,
            p.first_year,
            p.last_year,
            p.weight,
            m(p.operating_cost_cny),
            p.status
        );
    }
    o.push_str("\n## Cost and net benefit\n\n| | M CNY, discounted |\n|---|---:|\n");
    let _ = writeln!(o, "| pathway cost | {} |", m(s.cost_cny));
    let _ = writeln!(
        o,
        "| of which capital (annuities and fixed O&M inside the horizon) | {} |",
        m(s.capital_cny)
    );
    match (s.status_quo_cost_cny, s.net_benefit_cny) {
        (Some(sq), Some(b)) => {
            let _ = writeln!(o, "| status-quo pathway (no new builds) | {} |", m(sq));
            let _ = writeln!(
                o,
                "| **net benefit** (status quo − pathway; positive = better) | **{}** |",
                m(b)
            );
        }
        _ => o.push_str("| status-quo pathway | not solved (`--no-baseline`) |\n"),
    }
    o.push_str("\n## When each option enters\n\n| option or line | first built |\n|---|---|\n");
    for (key, year) in &s.enters {
        let when = year.map_or("not built".to_string(), |y| y.to_string());
        let _ = writeln!(o, "| {key} | {when} |");
    }
    capacity_table(f, &mut o);
    energy_table(f, &mut o);
    o.push_str("\n## Charts\n\n");
    figs.markdown(&mut o);
    o
}

fn capacity_table(f: &PathwayFiles, o: &mut String) {
    let years = &f.summary.years;
    o.push_str(
        "\n## Capacity by period (MW: new in the period / total standing)\n\n| option or line |",
    );
    for y in years {
        let _ = write!(o, " {y} |");
    }
    o.push_str("\n|---|");
    o.push_str(&"---:|".repeat(years.len()));
    o.push('\n');
    let mut keys: Vec<&String> = f.capacity.iter().map(|r| &r.option).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let _ = write!(o, "| {key} |");
        for y in years {
            match f
                .capacity
                .iter()
                .find(|r| r.period == *y && &r.option == key)
            {
                Some(r) => _ = write!(o, " {:.1} / {:.1} |", r.new_in_period_mw, r.total_mw),
                None => o.push_str(" – |"),
            }
        }
        o.push('\n');
    }
}

fn energy_table(f: &PathwayFiles, o: &mut String) {
    let years = &f.summary.years;
    o.push_str("\n## Energy by use and spill per period (TWh in the period's representative year)\n\n| use |");
    for y in years {
        let _ = write!(o, " {y} |");
    }
    o.push_str("\n|---|");
    o.push_str(&"---:|".repeat(years.len()));
    o.push('\n');
    for (i, column) in f.energy_header.iter().enumerate().skip(2) {
        let _ = write!(o, "| {} |", column.trim_end_matches("_twh"));
        for row in &f.energy {
            let _ = write!(o, " {:.3} |", row[i]);
        }
        o.push('\n');
    }
}
