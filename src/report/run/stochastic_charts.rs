//! The two charts of a stochastic run (issue 11), drawn from `years.csv` and `regret.csv`: the
//! regret table (every plan in every year, and its expectation) and the plan's outcomes by
//! year (spill, export, hydrogen, net benefit against the status quo). Nothing is drawn for
//! other runs, whose charts are unchanged.

use crate::charts::{format_number, Labels, RegretTable, YearOutcomes};
use crate::error::Result;
use crate::output::files::{REGRET, YEARS};
use crate::output::stochastic::{
    read_regret, read_years, RegretRow, YearRow, EXPECTED, MEAN_YEAR, SINGLE_YEAR, STOCHASTIC,
};
use crate::report::figures::Figures;
use std::path::Path;

/// Exceedance probability (%) at or below which a design year is called wet, and at or above
/// which it is called dry: P < 25 % wet, P > 75 % dry, normal between, the textbook rule of
/// Chinese hydrology (docs/sources.md, "Design years"); the edges 25 and 75 themselves are put
/// with wet and dry (ASSUMPTION: P75 is the usual design dry year).
const WET_AT_MOST_PCT: f64 = 25.0;
const DRY_AT_LEAST_PCT: f64 = 75.0;

/// " wet", " normal" or " dry" for a design year ("P90"), None for a record year.
fn year_kind(label: &str) -> Option<&'static str> {
    let p = label.strip_prefix('P')?.parse::<f64>().ok()?;
    Some(match p {
        p if p <= WET_AT_MOST_PCT => " wet",
        p if p >= DRY_AT_LEAST_PCT => " dry",
        _ => " normal",
    })
}

/// A year's label for people: "P90 dry (17.5 %)" for a design year, "1998 (2.6 %)" for a
/// record year (its probability in brackets).
pub fn year_label(label: &str, probability: f64) -> String {
    let pct = format_number(probability * 100.0, 1);
    format!("{label}{} ({pct} %)", year_kind(label).unwrap_or(""))
}

/// A plan's name for people (the regret chart's rows and report.md's regret table).
pub(super) fn plan_name(r: &RegretRow) -> String {
    match r.plan_kind.as_str() {
        STOCHASTIC => "stochastic plan".into(),
        MEAN_YEAR => "mean-year plan".into(),
        SINGLE_YEAR => {
            format!(
                "plan for {}{} only",
                r.plan,
                year_kind(&r.plan).unwrap_or("")
            )
        }
        other => other.to_string(),
    }
}

/// Draw both charts when the folder is a stochastic run's (`years.csv` present).
pub(super) fn draw(dir: &Path, charts_dir: &Path, f: &mut Figures) -> Result<()> {
    let Ok(years) = read_years(&dir.join(YEARS)) else {
        return Ok(());
    };
    match read_regret(&dir.join(REGRET)) {
        Ok(regret) => regret_chart(&years, &regret, charts_dir, f)?,
        Err(_) => f
            .skipped
            .push("regret table: the run was made with `regret = false` in [stochastic]".into()),
    }
    outcomes_chart(&years, charts_dir, f)
}

fn m_cny(v: f64) -> f64 {
    v / 1e6
}

/// Plans as rows (stochastic first, then the mean-year plan, then each year's own), years as
/// columns, regret in M CNY.
fn regret_chart(
    years: &[YearRow],
    rows: &[RegretRow],
    charts_dir: &Path,
    f: &mut Figures,
) -> Result<()> {
    let mut plans: Vec<&RegretRow> = rows.iter().filter(|r| r.year == EXPECTED).collect();
    plans.sort_by_key(|r| match r.plan_kind.as_str() {
        STOCHASTIC => 0,
        MEAN_YEAR => 1,
        _ => 2,
    });
    let cell = |plan: &str, year: &str| {
        rows.iter()
            .find(|r| r.plan == plan && r.year == year)
            .and_then(|r| r.regret_cny)
            .map_or(f64::NAN, m_cny)
    };
    let regret: Vec<Vec<f64>> = (plans.iter())
        .map(|p| years.iter().map(|y| cell(&p.plan, &y.year)).collect())
        .collect();
    let expected: Vec<f64> = (plans.iter())
        .map(|p| p.regret_cny.map_or(f64::NAN, m_cny))
        .collect();
    let names: Vec<String> = plans.iter().map(|p| plan_name(p)).collect();
    let best = (0..expected.len()).min_by(|&a, &b| expected[a].total_cmp(&expected[b]));
    let sub = match best {
        Some(i) => format!(
            "Cost above each year's own optimum (M CNY); least expected regret: {} ({} M CNY)",
            names[i],
            format_number(expected[i], 1)
        ),
        None => "Cost above each year's own optimum (M CNY)".into(),
    };
    let chart = RegretTable {
        labels: Labels {
            title: "Regret of each plan in each hydrology year",
            subtitle: &sub,
            x_axis: "",
            y_axis: "",
        },
        years: (years.iter())
            .map(|y| format!("{}{}", y.year, year_kind(&y.year).unwrap_or("")))
            .collect(),
        year_notes: (years.iter())
            .map(|y| format!("{} %", format_number(y.probability * 100.0, 1)))
            .collect(),
        plans: names,
        regret,
        expected,
        expected_heading: "expected",
    };
    let reading = "Each row is a plan a planner might pick: the one optimal for a single year, the one for the mean year, and the stochastic plan (one build for every year). A cell is what the plan costs in that year above the best plan for that year, in M CNY; white means no regret. The right column weights the years by their probability: the outlined row has the least expected regret.".into();
    f.emit(
        charts_dir,
        "regret_table",
        "Regret of each plan",
        reading,
        &chart,
    )
}

/// Spill, export and hydrogen (TWh) and net benefit (M CNY) of the plan in each year.
fn outcomes_chart(years: &[YearRow], charts_dir: &Path, f: &mut Figures) -> Result<()> {
    let col = |g: fn(&YearRow) -> f64| years.iter().map(g).collect::<Vec<f64>>();
    // Record years are equally likely: their probability once in the axis title, not under
    // every year (where it would not fit beside 38 of them).
    let equal = years
        .windows(2)
        .all(|w| w[0].probability == w[1].probability);
    let (x_axis, labels): (String, Vec<String>) = match (equal, years.first()) {
        (true, Some(y)) => (
            format!(
                "hydrology year (each {} %)",
                format_number(y.probability * 100.0, 1)
            ),
            years.iter().map(|y| y.year.clone()).collect(),
        ),
        _ => (
            "hydrology year (probability)".into(),
            (years.iter())
                .map(|y| year_label(&y.year, y.probability))
                .collect(),
        ),
    };
    let chart = YearOutcomes {
        labels: Labels {
            title: "The plan in each hydrology year",
            subtitle: "Spill, export and hydrogen (TWh) above; net benefit against building nothing new (M CNY) below",
            x_axis: &x_axis,
            y_axis: "",
        },
        years: labels,
        energy: vec![
            ("curtailed".into(), col(|y| y.spill_twh)),
            ("export".into(), col(|y| y.export_twh)),
            ("hydrogen".into(), col(|y| y.hydrogen_twh)),
        ],
        energy_axis: "energy (TWh)",
        benefit: (
            "net benefit against the status quo".into(),
            col(|y| m_cny(y.net_benefit_cny)),
        ),
        benefit_axis: "net benefit (M CNY)",
    };
    let reading = "The one plan lives through every year: in a wet year it spills more and exports more, in a dry year less is left for hydrogen. The lower panel is what building the plan gains over building nothing new in that year (status quo's cost − the plan's), in M CNY.".into();
    f.emit(
        charts_dir,
        "outcomes_by_year",
        "The plan in each hydrology year",
        reading,
        &chart,
    )
}

#[cfg(test)]
mod tests {
    use super::year_label;

    /// The textbook rule (P < 25 % wet, P > 75 % dry) with its edges put with wet and dry; a
    /// record year gets no word.
    #[test]
    fn design_years_are_named_by_their_exceedance() {
        assert_eq!(year_label("P10", 0.3), "P10 wet (30.0 %)");
        assert_eq!(year_label("P25", 0.2), "P25 wet (20.0 %)");
        assert_eq!(year_label("P50", 0.325), "P50 normal (32.5 %)");
        assert_eq!(year_label("P75", 0.2), "P75 dry (20.0 %)");
        assert_eq!(year_label("P90", 0.175), "P90 dry (17.5 %)");
        assert_eq!(year_label("1998", 1.0 / 38.0), "1998 (2.6 %)");
    }
}
