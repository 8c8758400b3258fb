//! Naming the cause of an unbounded model. "Unbounded" alone sends a planner to the wrong
//! place: with every site limit finite, the usual cause is a revenue worth more than anything
//! that can supply it (a hydrogen price typed in CNY/t is worth more per MWh than unserved
//! energy costs, so the LP conjures energy to sell it). The model is solved again with every
//! column capped at `BOUND`; in that solution the revenue that has grown largest is the one
//! with no limit, and the option's site that earns most of it is named, with the key that
//! sets it.

use crate::error::Error;
use crate::inputs::Inputs;
use crate::model::{self, CostPart};
use crate::results::{self, Results};
use crate::scenario::Scenario;
use crate::solve::Solved;
use crate::status::Status;
use crate::study::RunSettings;

/// The cap on every column in the diagnostic re-solve: far above any real quantity of the
/// model (MW, MWh of a reservoir, kg of hydrogen stored: at most ~1e6), low enough that the
/// solver still converges.
pub const BOUND: f64 = 1e8;

/// Each revenue that can grow without limit: the option it pays (a key prefix of
/// `capacity_built_mw`), its words, and the question to ask about its input.
const REVENUES: [(CostPart, &str, &str, &str); 4] = [
    (
        CostPart::HydrogenRevenue,
        "electrolyser",
        "hydrogen revenue",
        "is market.hydrogen_price_cny_per_kg in CNY/t rather than CNY/kg?",
    ),
    (
        CostPart::DataCentreRevenue,
        "data_centre",
        "data-centre revenue",
        "is options.data_centre.revenue_cny_per_mwh_it in CNY/MWh?",
    ),
    (
        CostPart::IndustryMargin,
        "industry.",
        "industry margin",
        "are margin_cny_per_tonne in CNY/t and mwh_per_tonne in MWh/t?",
    ),
    (
        CostPart::ExportRevenue,
        "line.",
        "export revenue",
        "is market.export_price_cny_per_mwh in CNY/MWh and below the import price?",
    ),
];

/// Re-solve with every column capped and, if that names a cause, replace the generic hint of
/// `original`; otherwise return `original` unchanged.
pub fn diagnose(sc: &Scenario, inputs: &Inputs, settings: &RunSettings, original: Error) -> Error {
    let mut m = model::build(sc, inputs);
    let lp = std::mem::take(&mut m.lp);
    let Some(values) =
        crate::solve::solve_capped(lp, settings.solver(), settings.max_iterations(), BOUND)
    else {
        return original;
    };
    // A claim the solver could not back with a certificate stands only if something in the
    // capped solution runs to the cap: the LP is then bounded by nothing a planner means (a
    // site limit of 1e9 MW), and "unbounded" is the useful answer. Otherwise it was numerics.
    let at_cap = values.0.iter().any(|v| v.abs() >= 0.99 * BOUND);
    if matches!(original, Error::Unconfirmed { .. }) && !at_cap {
        return original;
    }
    let solved = Solved {
        status: Status::AlmostOptimal,
        values,
        duals: None,
        setup_seconds: 0.0,
        iterations: 0,
        log: Vec::new(),
    };
    let r = results::extract(&m, &solved, &sc.name, &sc.time.flood_season_months);
    match cause(&r) {
        Some(hint) => Error::Infeasible {
            status: Status::Unbounded,
            hint,
        },
        None => original,
    }
}

/// The revenue that grew largest in the capped solution, and where.
fn cause(r: &Results) -> Option<String> {
    let (part, prefix, words, question) = REVENUES
        .iter()
        .filter_map(|(part, prefix, words, q)| {
            let v = r.costs.get(part).copied().unwrap_or(0.0);
            (v < 0.0).then_some((v, *part, *prefix, *words, *q))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, part, prefix, words, q)| (part, prefix, words, q))?;
    let amount = -r.costs[&part];
    // The site of the option that takes the most (for export: the line that carries most).
    let site = r
        .capacities
        .iter()
        .filter(|c| c.unit == "MW")
        .filter(|c| c.option.starts_with(prefix) || c.component.starts_with(prefix))
        .max_by(|a, b| (a.existing + a.built).total_cmp(&(b.existing + b.built)));
    let at = match site {
        Some(c) if prefix == "line." => format!("{} ({})", c.component, c.node),
        Some(c) => format!("{} at {}", c.option, c.node),
        None => prefix.trim_end_matches('.').to_string(),
    };
    Some(format!(
        "{at}: {words} has no limit — {question} (re-solved with every column capped at \
         {BOUND:e}, it reaches {amount:.3e} CNY)"
    ))
}
