//! The stochastic section of `report.md` (issue 11), from `years.csv` and `regret.csv` when the
//! run folder has them: the plan's answer in the opening lines, then the plan in every year and
//! the regret table. Absent for other runs, whose report is unchanged.

use crate::charts::format_number;
use crate::output::files::{REGRET, YEARS};
use crate::output::run::RunSummary;
use crate::output::stochastic::{read_regret, read_years, RegretRow, EXPECTED};
use std::fmt::Write;
use std::path::Path;

fn m_cny(v: f64) -> String {
    format_number(v / 1e6, 1)
}

/// The section, or None when the folder is not a stochastic run's. Without `regret.csv`
/// (`regret = false`) the plan and its expected cost come from summary.json, and the regret
/// table is left out.
pub fn section(dir: &Path, summary: &RunSummary) -> Option<String> {
    let st = summary.stochastic.as_ref()?;
    let years = read_years(&dir.join(YEARS)).ok()?;
    let regret = read_regret(&dir.join(REGRET)).ok();
    let mut o = String::new();
    let built: Vec<String> = summary
        .capacity_built_mw
        .iter()
        .map(|(k, v)| format!("{k} {} MW", format_number(*v, 1)))
        .collect();
    let _ = writeln!(
        o,
        "**One plan for {} hydrology years** (two-stage stochastic LP): build {}. Expected cost \
         {} M CNY a year. In each year:\n",
        years.len(),
        built.join(", "),
        m_cny(st.expected_cost_cny)
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
    if let (Some(vss), Some(evpi)) = (st.vss_cny, st.evpi_cny) {
        let _ = writeln!(
            o,
            "\nValue of the stochastic solution (VSS, what planning on the mean year alone would \
             cost on average): {} M CNY. Expected value of perfect information (EVPI, what knowing \
             each year's water in advance would save): {} M CNY.",
            m_cny(vss),
            m_cny(evpi)
        );
    }
    let files = match regret {
        Some(regret) => {
            regret_table(&mut o, &regret);
            "`years.csv` and `regret.csv` hold every year and plan"
        }
        None => "`years.csv` holds every year (no regret table: `regret = false`)",
    };
    let _ = writeln!(
        o,
        "\nBelow, the objective, net benefit, energies, spill and hydrogen are expectations over the \
         years; each option's returns and binding constraint, the charts of dispatch and prices and \
         the hourly files show the plan in the representative year {} (volume nearest the mean); \
         {files}.\n",
        st.representative_year
    );
    Some(o)
}

/// Each plan's expected cost and regret.
fn regret_table(o: &mut String, regret: &[RegretRow]) {
    o.push_str("\n**Regret** (each plan's expected cost over the years, and how much more it costs than each year's own optimum, on average):\n\n");
    o.push_str("| plan | expected cost M CNY | expected regret M CNY |\n|---|---:|---:|\n");
    for r in regret.iter().filter(|r| r.year == EXPECTED) {
        let _ = writeln!(
            o,
            "| {} | {} | {} |",
            super::stochastic_charts::plan_name(r),
            m_cny(r.cost_cny),
            r.regret_cny.map_or("–".into(), m_cny)
        );
    }
}
