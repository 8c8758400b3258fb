//! Checks of meaning that types cannot express. Every problem is collected and reported at
//! once, each with its key path and the file and line it is written at. The sections common
//! to every scenario are checked here; each technology checks its own entry (`check` of
//! `model::tech::technology::Technology`).

use super::LoadedScenario;
use crate::error::{Error, InputProblem, Result};
use crate::inputs::Inputs;
use crate::model::tech::{self, check::Checker};

/// Validate a parsed scenario and, when given, its loaded series. `problems` may already hold
/// problems found while loading the series; they are reported together with these.
pub fn validate(
    loaded: &LoadedScenario,
    inputs: Option<&Inputs>,
    mut problems: Vec<InputProblem>,
) -> Result<()> {
    let sc = &loaded.scenario;
    let nodes = sc.nodes.iter().map(|(n, v)| (n.clone(), v.kind)).collect();
    let mut c = Checker::new(
        nodes,
        inputs,
        sc.time.flood_season_months.clone(),
        sc.time.study_year,
    );
    check_common(loaded, &mut c);
    super::stochastic::check(sc, &mut c);
    let mut stores_energy = false;
    for i in tech::instances(sc) {
        i.tech.check(&i.path, &mut c);
        stores_energy |= i.tech.stores_energy();
    }
    if let Some(inputs) = inputs {
        check_weights(inputs, stores_energy, &mut c);
    }
    problems.extend(
        c.into_problems()
            .into_iter()
            .map(|(path, msg)| loaded.problem(&path, msg)),
    );
    if problems.is_empty() {
        Ok(())
    } else {
        // In file and line order, as an editor would walk them; problems without a line last.
        problems.sort_by(|a, b| {
            (&a.file, a.line.is_none(), a.line).cmp(&(&b.file, b.line.is_none(), b.line))
        });
        Err(Error::Input(problems))
    }
}

/// Name, baseline, time, finance, settings, hydrology prices and nodes.
fn check_common(loaded: &LoadedScenario, c: &mut Checker) {
    let sc = &loaded.scenario;
    let name_ok = !sc.name.is_empty()
        && sc.name != "."
        && sc.name != ".."
        && !sc.name.contains(['/', '\\', '\0'])
        && !sc.name.starts_with('.');
    if !name_ok {
        c.bad(
            "name",
            format!(
                "`{}` cannot be a folder name (no separators, no leading dot)",
                sc.name
            ),
        );
    }
    if let Some(b) = &sc.baseline {
        if !b.is_file() {
            c.bad("baseline", format!("no scenario file {}", b.display()));
        }
    }
    for m in &sc.time.flood_season_months {
        if !(1..=12).contains(m) {
            c.bad(
                "time.flood_season_months",
                format!("month {m} is not in 1..=12"),
            );
        }
    }
    let r = sc.finance.discount_rate;
    if !(0.0..1.0).contains(&r) {
        c.bad(
            "finance.discount_rate",
            format!("must be in [0, 1) (got {r}; 8% is 0.08)"),
        );
    }
    let s = &sc.settings;
    c.nonneg("settings.voll_cny_per_mwh", s.voll_cny_per_mwh);
    c.nonneg(
        "settings.curtailment_penalty_cny_per_mwh",
        s.curtailment_penalty_cny_per_mwh,
    );
    c.nonneg(
        "settings.flow_tie_break_cny_per_mwh",
        s.flow_tie_break_cny_per_mwh,
    );
    c.nonneg(
        "settings.solar_wind_priority_cny_per_mwh",
        s.solar_wind_priority_cny_per_mwh,
    );
    if let Some(prices) = &sc.hydrology_prices {
        for (path, msg) in prices.problems() {
            c.bad(path, msg);
        }
    }
    if sc.nodes.is_empty() {
        c.bad("nodes", "at least one node is needed");
    }
    for (name, node) in &sc.nodes {
        c.nonneg(
            &format!("nodes.{name}.demand_twh_per_year"),
            node.demand_twh_per_year,
        );
        for (axis, v) in ["x", "y"].iter().zip(node.position.into_iter().flatten()) {
            if !v.is_finite() {
                c.bad(
                    format!("nodes.{name}.position"),
                    format!("{axis} must be a finite number (got {v})"),
                );
            }
        }
        let stats = node.demand_profile.as_ref().and_then(|r| c.hourly_stats(r));
        if let Some((lo, _, mean)) = stats {
            if lo < 0.0 || mean <= 0.0 {
                c.bad(
                    format!("nodes.{name}.demand_profile"),
                    format!(
                        "a demand shape must be ≥ 0 with a positive mean (min {lo}, mean {mean})"
                    ),
                );
            }
        }
    }
}

/// Step weights: positive, and 1 wherever energy is stored between steps.
fn check_weights(inputs: &Inputs, stores_energy: bool, c: &mut Checker) {
    let w = &inputs.axis.weight;
    if w.iter().any(|x| x.is_nan() || *x <= 0.0) {
        c.bad("time.weights", "every weight must be positive");
    } else if stores_energy && w.iter().any(|x| (*x - 1.0).abs() > 1e-12) {
        c.bad(
            "time.weights",
            "weights other than 1 with storage (reservoir or hydrogen store) would move energy between \
             representative periods that do not follow each other; use a chronological horizon",
        );
    }
}
