//! Electricity storage (model/tech/storage.rs) on cases derived by hand, on every solver
//! compiled in (one body, looped over solvers).
//!
//! The case: a region `a` with 120 MW of solar that shines in the first of two June hours, a
//! 50 MW line to the outside grid `g`, export at 20 CNY/MWh at noon and 100 in the evening.
//! At noon 50 MW leave by the line and 70 MW would be spilled; a store with one-way efficiency
//! 0.9 (round trip 0.81) can move spill into the evening, where the line is free.
//! Fixed costs: zero discount, one-year life, so C CNY/kW costs C·1000·2/8760 per MW over the
//! two hours; C = 175.2 gives 40 CNY per MW.

mod common;
use common::*;

fn store_case(store: &str) -> Case {
    let body = format!(
        r#"{HEAD}
[nodes.a]
kind = "region"
[nodes.g]
kind = "outside"
[generators.pv]
node = "a"
kind = "solar"
capacity_mw = 120
profile = "sun"
[lines.ag]
from = "a"
to = "g"
capacity_mw = 50
[market]
node = "g"
export_price_cny_per_mwh = {{ series = "exp" }}
import_price_cny_per_mwh = 1000
{store}
"#
    );
    case(
        &body,
        "sun,exp",
        &["2025-06-01 12:00,1,20", "2025-06-01 13:00,0,100"],
    )
}

const NEW_STORE: &str = r#"
[options.storage.battery]
node = "a"
new_power_max_mw = 200
hours = 1
round_trip_efficiency = 0.81
capex_cny_per_kw = CAPEX
lifetime_years = 1
"#;

#[test]
fn a_store_moves_noon_spill_into_the_evening_and_is_sized_by_the_line() {
    // Each MW (with 1 MWh) charges 1 MWh of spill at noon and sells 0.81 in the evening at
    // 100: 81 CNY against 40, so it is built until the evening line is full: 0.81·P = 50,
    // P = 61.728 MW. Export 50 + 50; revenue 50·20 + 50·100 = 6,000; cost 40·61.728.
    // Prices: noon spills (0); in the evening the line is full and one more MWh at `a` would
    // take 1/0.81 MW more store: 40/0.81 = 49.383 CNY/MWh (the store sets the evening price).
    let p = 50.0 / 0.81;
    for solver in solvers() {
        let what = |s: &str| format!("{s} ({solver:?})");
        let (r, s) = solve_with(&store_case(&NEW_STORE.replace("CAPEX", "175.2")), solver);
        close(
            built(&r, "storage.battery", "a"),
            p,
            1e-3,
            &what("store MW"),
        );
        close(
            s.capacity_built_mw["storage.battery"],
            p,
            1e-3,
            &what("summary key"),
        );
        close(
            s.storage_energy_built_mwh.unwrap(),
            p,
            1e-3,
            &what("store MWh"),
        );
        close(
            s.objective_cny,
            -6000.0 + 40.0 * p,
            1e-2,
            &what("objective"),
        );
        // microlp gives no duals; every solver that does is checked.
        if r.prices.is_some() {
            let pa = prices(&r, "a");
            close(pa[0], 0.0, 1e-3, &what("noon price at a (spilling)"));
            close(
                pa[1],
                40.0 / 0.81,
                1e-3,
                &what("evening price at a (store at the margin)"),
            );
        }
        // Losses: charged p MWh, gave back 50.
        let losses = s.energy_twh.storage_losses.unwrap() * 1e6;
        close(losses, p - 50.0, 1e-3, &what("storage losses MWh"));
        close(
            s.curtailment.annual_twh * 1e6,
            70.0 - p,
            1e-3,
            &what("spill MWh"),
        );
        assert!(
            s.balance_max_residual_mw < 1e-6,
            "{}",
            what("balance closes")
        );
    }
}

#[test]
fn a_store_dearer_than_the_spread_is_not_built_and_changes_nothing() {
    // At 438 CNY/kW a MW costs 100 CNY over the two hours, more than the 81 it earns: nothing
    // is built, the 70 MW spill, and the objective is the noon export alone, −1,000.
    for solver in solvers() {
        let (r, s) = solve_with(&store_case(&NEW_STORE.replace("CAPEX", "438")), solver);
        close(built(&r, "storage.battery", "a"), 0.0, 1e-4, "store MW");
        close(s.objective_cny, -1000.0, 1e-2, "objective");
        close(s.curtailment.annual_twh * 1e6, 70.0, 1e-3, "spill MWh");
        let (_, without) = solve_with(&store_case(""), solver);
        close(
            s.objective_cny,
            without.objective_cny,
            1e-2,
            "an option never raises cost",
        );
        assert!(without.energy_twh.storage_losses.is_none());
    }
}

#[test]
fn an_existing_store_with_self_discharge_returns_what_the_equations_say() {
    // Existing 50 MW / 100 MWh, round trip 0.81, 10 % lost per hour. Charge 50 at noon:
    // e_noon = 0.9·(1 − 0.1)·e_evening + 45; e_evening = 0.9·e_noon − d/0.9 (cyclic). With
    // e_evening = 0 (emptied for the evening sale), e_noon = 45, d = 0.9·0.9·45 = 36.45 MW.
    // Revenue 50·20 + 36.45·100 = 4,645; no fixed cost.
    let store = r#"
[options.storage.pumped]
node = "a"
power_mw = 50
energy_mwh = 100
round_trip_efficiency = 0.81
self_discharge_per_hour = 0.1
"#;
    for solver in solvers() {
        let (_, s) = solve_with(&store_case(store), solver);
        close(
            s.objective_cny,
            -4645.0,
            1e-2,
            &format!("objective ({solver:?})"),
        );
        close(
            s.energy_twh.storage_losses.unwrap() * 1e6,
            50.0 - 36.45,
            1e-3,
            "losses",
        );
    }
}
