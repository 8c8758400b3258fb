//! Each period's scenario prepared (its own checks, naming its own file), checked against the
//! others, and built; and one period's solution read back as a `PeriodOutcome`.

use super::discount::Timing;
use super::spec::Pathway;
use super::PeriodOutcome;
use crate::error::{Error, InputProblem, Result};
use crate::inputs::Inputs;
use crate::model::stack::{self, FirstStage};
use crate::model::{self, Model};
use crate::results::summary_info::RunInfo;
use crate::results::{self, Summary};
use crate::scenario::LoadedScenario;
use crate::series::Resolution;
use crate::solve::Solved;
use std::collections::BTreeMap;

/// A period's scenario, loaded and validated with its series.
pub struct Prepared {
    pub year: i32,
    pub loaded: LoadedScenario,
    pub inputs: Inputs,
}

/// A period's model as built, with its columns of new capacity.
pub struct BuiltPeriod {
    pub model: Model,
    pub first: Vec<FirstStage>,
    /// Σ w·Δt ÷ 8760 of its horizon.
    pub year_fraction: f64,
}

/// Prepare every period's scenario (all problems of all periods at once), then check them
/// against each other: the study year is the period's, one discount rate, no lumpy project.
pub fn prepare(pw: &Pathway, resolution: Option<Resolution>) -> Result<Vec<Prepared>> {
    let mut problems = Vec::new();
    let mut prepared = Vec::new();
    for (year, path) in &pw.periods {
        match crate::study::prepare(path, resolution) {
            Ok((loaded, inputs)) => prepared.push(Prepared {
                year: *year,
                loaded,
                inputs,
            }),
            Err(Error::Input(ps)) => problems.extend(ps),
            Err(e) => return Err(e),
        }
    }
    for p in &prepared {
        let sc = &p.loaded.scenario;
        if let Some(y) = sc.time.study_year.filter(|y| *y != p.year) {
            problems.push(p.loaded.problem(
                "time.study_year",
                format!(
                    "{y}, but {} names this scenario for the period {}: committed assets enter at \
                     their in-service date in the period's year (set study_year = {})",
                    pw.path.display(),
                    p.year,
                    p.year
                ),
            ));
        }
        let first = &prepared[0];
        let (r0, r) = (
            first.loaded.scenario.finance.discount_rate,
            sc.finance.discount_rate,
        );
        if r != r0 {
            problems.push(p.loaded.problem(
                "finance.discount_rate",
                format!(
                    "{r}, but the period {} discounts at {r0}: a pathway has one discount rate \
                     (between periods and in every annuity)",
                    first.year
                ),
            ));
        }
        problems.extend(lumpy_problems(&p.loaded));
    }
    if problems.is_empty() {
        Ok(prepared)
    } else {
        Err(Error::Input(problems))
    }
}

/// `lumpy = true` anywhere in a period scenario: a pathway of projects that come whole (a MILP
/// over periods) is not built yet, and a divisible answer for a lumpy project must not be
/// printed, so it is refused.
fn lumpy_problems(loaded: &LoadedScenario) -> Vec<InputProblem> {
    fn walk(t: &toml::Table, path: &str, out: &mut Vec<String>) {
        for (k, v) in t {
            let p = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            match v {
                toml::Value::Table(inner) => walk(inner, &p, out),
                toml::Value::Boolean(true) if k == "lumpy" => out.push(p),
                _ => {}
            }
        }
    }
    let mut keys = Vec::new();
    for f in &loaded.files {
        if let Ok(t) = f.text.parse::<toml::Table>() {
            walk(&t, "", &mut keys);
        }
    }
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|k| {
            loaded.problem(
                &k,
                "a pathway cannot yet take projects that come whole: solve the periods one by \
                 one with `spillway run`, or make the project divisible here",
            )
        })
        .collect()
}

/// Build every period's model; `capital`: keep its capital costs in its objective (myopic,
/// where each period decides as a single run does) or take them out (perfect foresight, where
/// the pathway charges them once per build).
pub fn build(prepared: &[Prepared], capital: bool) -> Vec<BuiltPeriod> {
    prepared
        .iter()
        .map(|p| {
            let mut m = model::build(&p.loaded.scenario, &p.inputs);
            let first = stack::first_stage(&m);
            if !capital {
                stack::without_capital_cost(&mut m);
            }
            let year_fraction = m.wdt.sum() / model::HOURS_PER_YEAR;
            BuiltPeriod {
                model: m,
                first,
                year_fraction,
            }
        })
        .collect()
}

/// A candidate of period q must be one in every later period (capacity built stays; its site
/// limit there may differ). Refused otherwise, naming the later period's file.
pub fn check_candidates(prepared: &[Prepared], built: &[BuiltPeriod]) -> Result<()> {
    let mut problems = Vec::new();
    for (q, bq) in built.iter().enumerate() {
        for k in &bq.first {
            for (p, bp) in built.iter().enumerate().skip(q + 1) {
                if !bp.first.iter().any(|x| x.name == k.name) {
                    problems.push(
                        InputProblem::new(
                            "",
                            format!(
                                "`{}` can be built in the period {} but is not a candidate in \
                                 the period {}: what is built stays, so keep it in every later \
                                 period's scenario (a site limit of what may stand there)",
                                k.name, prepared[q].year, prepared[p].year
                            ),
                        )
                        .in_file(&prepared[p].loaded.files[0].path),
                    );
                    break;
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(problems))
    }
}

/// Every candidate's name over all periods, in first-seen order (`spillway check`).
pub fn candidate_names(built: &[BuiltPeriod]) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for k in built.iter().flat_map(|b| &b.first) {
        if !names.contains(&k.name.as_str()) {
            names.push(&k.name);
        }
    }
    names
}

/// The pathway's calendar from its periods.
pub fn timing(pw: &Pathway, prepared: &[Prepared], built: &[BuiltPeriod]) -> Timing {
    Timing {
        rate: prepared[0].loaded.scenario.finance.discount_rate,
        starts: pw.periods.iter().map(|p| p.0).collect(),
        end_year: pw.end_year,
        year_fraction: built.iter().map(|b| b.year_fraction).collect(),
    }
}

/// Read period p back from its block's solution. `new_units[i]` is what period p built of
/// its i-th column of new capacity (its capacity column holds what stands: this and earlier
/// periods' builds still alive).
pub fn read(
    t: &Timing,
    p: usize,
    prep: &Prepared,
    b: &BuiltPeriod,
    solved: &Solved,
    new_units: &[f64],
    info: &RunInfo,
) -> PeriodOutcome {
    let sc = &prep.loaded.scenario;
    let flood = &sc.time.flood_season_months;
    let results = results::extract(&b.model, solved, &sc.name, flood);
    let summary = Summary::new(&results, info);
    // The same read-back with each capacity column at what this period built: the new
    // capacity per key of `capacity_built_mw`, grouped exactly as the summary groups it.
    let mut values = solved.values.clone();
    for (k, v) in b.first.iter().zip(new_units) {
        values.0[k.col.0 as usize] = *v;
    }
    let only_new = Solved {
        status: solved.status,
        values,
        duals: None,
        setup_seconds: 0.0,
        iterations: solved.iterations,
        log: Vec::new(),
    };
    let new_results = results::extract(&b.model, &only_new, &sc.name, flood);
    let new_mw: BTreeMap<String, f64> = Summary::new(&new_results, info).capacity_built_mw;
    let (operating_lp_cny, operating_money_cny) = operating_cny(&b.model, &solved.values);
    PeriodOutcome {
        year: prep.year,
        scenario: sc.name.clone(),
        file: prep.loaded.files[0].path.clone(),
        weight: t.weight(p),
        years: t.years(p).collect(),
        operating_lp_cny,
        operating_money_cny,
        results,
        summary,
        new_mw,
    }
}

/// A period's operating cost from a solution of its model, CNY over its horizon: as in the LP
/// (every part but capital) and as money (without the steering terms too).
pub fn operating_cny(m: &Model, values: &crate::model::lp::Values) -> (f64, f64) {
    use crate::model::CostPart::*;
    let (mut lp, mut money) = (0.0, 0.0);
    let terms = (m.cost_terms.iter()).map(|&(part, coef, c)| (part, coef * values.get(c)));
    for (part, v) in terms.chain(m.cost_constants.iter().map(|(p, v)| (*p, *v))) {
        match part {
            Capex | FixedOm => {}
            CurtailmentPenalty | FlowTieBreak | DispatchPriority => lp += v,
            _ => {
                lp += v;
                money += v;
            }
        }
    }
    (lp, money)
}
