//! The stochastic section of `report.md` (issue 11), from `years.csv` and `regret.csv` when the
//! run folder has them: the plan's answer in the opening lines, then the plan in every year and
//! the regret table. Absent for other runs, whose report is unchanged.

use crate::charts::format_number;
use crate::output::files::{REGRET, YEARS};
use crate::output::stochastic::{read_regret, read_years, EXPECTED, STOCHASTIC};
use std::fmt::Write;
use std::path::Path;

fn m_cny(v: f64) -> String {
    format_number(v / 1e6, 1)
}

/// The section, or None when the folder is not a stochastic run's.
pub fn section(dir: &Path) -> Option<String> {
    let years = read_years(&dir.join(YEARS)).ok()?;
    let regret = read_regret(&dir.join(REGRET)).ok()?;
    let plan = regret
        .iter()
        .find(|r| r.plan == STOCHASTIC && r.year == EXPECTED)?;
    let mut o = String::new();
    let built: Vec<String> = plan
        .capacity_mw
        .iter()
        .map(|(k, v)| format!("{k} {} MW", format_number(*v, 1)))
        .collect();
    let _ = writeln!(
        o,
        "**One plan for {} hydrology years** (two-stage stochastic LP): build {}. Expected cost \
         {} M CNY a year. In each year:\n",
        years.len(),
        built.join(", "),
        m_cny(plan.cost_cny)
    );
    o.push_str("| year | probability | volume × mean | spill TWh | export TWh | hydrogen kt | total cost M CNY | net benefit vs status quo M CNY |\n");
    o.push_str("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for y in &years {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            y.year,
            format_number(y.probability, 3),
            format_number(y.relative_to_mean, 3),
            format_number(y.spill_twh, 3),
            format_number(y.export_twh, 2),
            format_number(y.hydrogen_kt, 2),
            m_cny(y.total_cost_cny),
            m_cny(y.net_benefit_cny)
        );
    }
    o.push_str("\n**Regret** (each plan's expected cost over the years, and how much more it costs than each year's own optimum, on average):\n\n");
    o.push_str("| plan | expected cost M CNY | expected regret M CNY |\n|---|---:|---:|\n");
    for r in regret.iter().filter(|r| r.year == EXPECTED) {
        let _ = writeln!(
            o,
            "| {} ({}) | {} | {} |",
            r.plan,
            r.plan_kind,
            m_cny(r.cost_cny),
            r.regret_cny.map_or("–".into(), m_cny)
        );
    }
    o.push_str(
        "\nThe rest of this report shows the plan in the representative year (volume nearest the mean); \
         `years.csv` and `regret.csv` hold every year and plan.\n\n",
    );
    Some(o)
}
