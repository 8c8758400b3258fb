//! A claim of "unbounded" or "infeasible" is verified before it reaches a user (issue 13).
//!
//! The case: a 10,000 MWh reservoir with two steps of 4,380 h (a valid scenario). Clarabel on
//! the unscaled LP (coefficients Δt = 4,380 beside 1) declares it dual infeasible at its first
//! iteration; spillway 0.x reported "unbounded" (exit 3). The LP has no negative cost.
//!
//! Closed form: demand 80 MW flat; a 100 MW turbine; inflow 0.3 p.u. (30 MW) for 5,760 h and
//! 0.8 p.u. (80 MW) for 3,000 h, i.e. 412,800 MWh a year, below the 700,800 MWh of demand in
//! each half-year step too (45.75 and 48.49 MW on average), so all water is used and the rest,
//! 288,000 MWh, is imported at 100 CNY/MWh: objective 28,800,000 CNY.

mod common;

use common::{close, solvers};
use spillway::model;
use spillway::series::{hour_index, label_of_hour};
use spillway::solve::clarabel::{self, Attempt};
use spillway::solve::outcome::{claim, Claim};
use spillway::study::{self, RunSettings};

fn long_step_case() -> common::Case {
    let body = common::reservoir_import_toml(0.7008, 10000.0);
    let body = body.replace(
        "profiles = \"profiles.csv\"",
        "profiles = \"profiles.csv\"\nresolution_hours = 4380",
    );
    let start = hour_index("2025-01-01 00:00").expect("a date");
    let rows: Vec<String> = (0..8760)
        .map(|h| {
            let inflow = if (3000..6000).contains(&h) { 0.8 } else { 0.3 };
            format!("{},{inflow}", label_of_hour(start + h))
        })
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    common::case(&body, "inflow", &rows)
}

#[test]
fn long_steps_solve_to_the_closed_form_on_every_solver() {
    let c = long_step_case();
    for solver in solvers() {
        let (_, s) = common::solve_with(&c, solver);
        close(
            s.objective_cny,
            28_800_000.0,
            1.0,
            &format!("{solver}: objective"),
        );
        close(
            s.energy_twh.import * 1e6,
            288_000.0,
            1e-3,
            &format!("{solver}: import MWh"),
        );
    }
}

#[test]
fn a_wrong_claim_of_unboundedness_is_re_solved_not_reported() {
    let c = long_step_case();
    let (loaded, inputs) = study::prepare(&c.path, None).unwrap_or_else(|e| panic!("{e}"));
    let m = model::build(&loaded.scenario, &inputs);
    // Unscaled, as good_lp handed it to Clarabel: the first attempt claims unboundedness …
    let first = Attempt {
        scaled: false,
        ..Attempt::first(RunSettings::default().max_iterations())
    };
    let (out, log) = clarabel::solve_verified(&m.lp, first).unwrap_or_else(|e| panic!("{e}"));
    assert!(log[0].contains("DualInfeasible"), "{log:?}");
    // … and the tight re-solve finds the optimum, which passes the check.
    assert_eq!(claim(out.status), Claim::Solved, "{log:?}");
    let objective: f64 = m.lp.obj.iter().zip(&out.x).map(|(c, x)| c * x).sum();
    close(objective, 28_800_000.0, 1.0, "objective");
    assert!(log.iter().any(|l| l.contains("relative gap")), "{log:?}");
}
