//! Committed assets and the hydro-spill priority, on cases derived by hand, on every solver.

mod common;
use common::*;

/// 48 June hours with a constant profile `one` = 1 (two days).
fn two_june_days() -> Vec<String> {
    (0..48)
        .map(|h| format!("2020-06-{:02} {:02}:00,1", 1 + h / 24, h % 24))
        .collect()
}

fn line_case(line: &str) -> Case {
    let body = format!(
        r#"{HEAD}
[nodes.a]
kind = "region"
[nodes.g]
kind = "outside"
[generators.hydro]
node = "a"
kind = "ror"
capacity_mw = 100
profile = "one"
[market]
node = "g"
export_price_cny_per_mwh = 10
import_price_cny_per_mwh = 1000
[lines.ag]
from = "a"
to = "g"
capacity_mw = 50
capex_cny_per_kw = 5000
{line}
"#
    )
    .replace("[time]", "[time]\nstudy_year = 2026");
    let rows = two_june_days();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    case(&body, "one", &rows)
}

#[test]
fn a_committed_line_carries_from_its_date_and_costs_nothing() {
    // In service from 2 June (hour 24 of 48): 50 MW × 24 h = 1,200 MWh exported at 10 CNY
    // = −12,000. Its capex is sunk: no capex part. Existing, it carries 2,400 MWh: −24,000.
    let committed = line_case("status = \"committed\"\nin_service = \"2026-06-02\"");
    let existing = line_case("");
    for solver in solvers() {
        let (_, s) = solve_with(&committed, solver);
        close(s.objective_cny, -12_000.0, 1e-2, "objective, committed");
        assert!(!s
            .objective_parts_cny
            .contains_key(&spillway::model::CostPart::Capex));
        assert_eq!(s.capacity_committed_mw.get("line.ag"), Some(&50.0));
        assert_eq!(s.capacity_existing_mw.get("line.ag"), Some(&50.0));
        assert!(!s.capacity_built_mw.contains_key("line.ag"));
        close(s.energy_twh.export * 1e6, 1200.0, 1e-3, "MWh exported");
        let (_, e) = solve_with(&existing, solver);
        close(e.objective_cny, -24_000.0, 1e-2, "objective, existing");
        assert!(e.capacity_committed_mw.is_empty());
    }
    // A date in an earlier year: in service all along; a later year: not at all.
    for (date, mwh) in [("2025-12-31", 2400.0), ("2027-01-01", 0.0)] {
        let c = line_case(&format!("status = \"committed\"\nin_service = \"{date}\""));
        let (_, s) = solve_case(&c);
        close(s.energy_twh.export * 1e6, mwh, 1e-3, date);
    }
}

#[test]
fn hydro_spills_before_solar_and_wind_curtail() {
    // 100 MW of run-of-river and 50 MW of solar, an 80 MW line, 4 hours: 70 MW must go to
    // waste every hour. With the priority it is all hydro: 280 MWh of hydro spill, none of
    // solar; the objective is −80·4·10 export minus the priority's 0.01·50·4 = 2 CNY.
    let body = format!(
        r#"{HEAD}
[nodes.a]
kind = "region"
[nodes.g]
kind = "outside"
[generators.hydro]
node = "a"
kind = "ror"
capacity_mw = 100
profile = "one"
[generators.pv]
node = "a"
kind = "solar"
capacity_mw = 50
profile = "one"
[lines.ag]
from = "a"
to = "g"
capacity_mw = 80
[market]
node = "g"
export_price_cny_per_mwh = 10
import_price_cny_per_mwh = 1000
"#
    )
    .replace(
        "solar_wind_priority_cny_per_mwh = 0.0",
        "solar_wind_priority_cny_per_mwh = 0.01",
    );
    let c = case(&body, "one", &FOUR_JUNE_HOURS);
    for solver in solvers() {
        let (_, s) = solve_with(&c, solver);
        let cu = &s.curtailment;
        close(cu.hydro_spill_twh * 1e6, 280.0, 1e-3, "hydro spill MWh");
        close(cu.solar_wind_twh * 1e6, 0.0, 1e-3, "solar curtailed MWh");
        close(
            s.energy_twh.hydro_spill * 1e6,
            280.0,
            1e-3,
            "energy_twh.hydro_spill",
        );
        close(s.objective_cny, -3200.0 - 2.0, 1e-3, "objective");
    }
}
