//! Checks of meaning that types cannot express. Every problem is collected and reported at
//! once, each with its key path and the file and line it is written at. The sections common
//! to every scenario are checked here; each technology checks its own entry (`check` of
//! `model::tech::technology::Technology`).

use super::stochastic::{Hydrology, HYDROLOGY_WORDS, MAX_BENDERS_ITERATIONS};
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
    check_stochastic(sc, &mut c);
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

// The `hydrology` and `[stochastic]` keys (`super::stochastic`): checked here, where the
// Checker is, so the scenario's types do not import the model's checking.
/// Check the keys: the years asked for, and every setting's range.
fn check_stochastic(sc: &super::Scenario, c: &mut Checker) {
    let enabled = super::stochastic::is_stochastic(sc);
    match (&sc.hydrology, enabled) {
        (None, true) => c.bad(
            "stochastic.enabled",
            "needs the years to plan over: `hydrology = \"design\"`, \"all\" or a list of years",
        ),
        (Some(_), false) => c.bad(
            "hydrology",
            "is read only with `[stochastic] enabled = true` (to solve each year apart, use a sweep's `hydrology`)",
        ),
        (Some(Hydrology::Named(w)), true) if !HYDROLOGY_WORDS.contains(&w.as_str()) => c.bad(
            "hydrology",
            format!(
                "`{w}`: write \"design\", \"all\" or a list of years{}",
                super::did_you_mean(w, &HYDROLOGY_WORDS)
            ),
        ),
        (Some(Hydrology::Years(ys)), true) => check_years(ys, c),
        _ => {}
    }
    let Some(s) = &sc.stochastic else { return };
    if !(s.cvar_alpha >= 0.0 && s.cvar_alpha < 1.0) {
        c.bad(
            "stochastic.cvar_alpha",
            format!("must be in [0, 1) (got {}; 90 % is 0.9)", s.cvar_alpha),
        );
    }
    c.within("stochastic.cvar_weight", s.cvar_weight, 0.0, 1.0);
    if !(s.gap > 0.0 && s.gap <= 0.1) {
        c.bad(
            "stochastic.gap",
            format!("must be in (0, 0.1] (got {}; 1e-5 is the default)", s.gap),
        );
    }
    if !(1..=MAX_BENDERS_ITERATIONS).contains(&s.max_iterations) {
        c.bad(
            "stochastic.max_iterations",
            format!(
                "must be 1 to {MAX_BENDERS_ITERATIONS} (got {})",
                s.max_iterations
            ),
        );
    }
    if let Some(ps) = &s.design_exceedance {
        let ok = !ps.is_empty()
            && ps.iter().all(|p| *p > 0.0 && *p < 1.0)
            && ps.windows(2).all(|w| w[0] < w[1]);
        if !ok {
            c.bad(
                "stochastic.design_exceedance",
                format!("must be increasing probabilities in (0, 1), e.g. [0.1, 0.5, 0.75, 0.9] (got {ps:?})"),
            );
        }
    }
}

/// A list of years: not empty, no year twice.
fn check_years(ys: &[i32], c: &mut Checker) {
    if ys.is_empty() {
        c.bad("hydrology", "the list of years is empty");
    }
    let mut seen = std::collections::BTreeSet::new();
    for y in ys {
        if !seen.insert(y) {
            c.bad("hydrology", format!("year {y} is listed twice"));
        }
    }
}
