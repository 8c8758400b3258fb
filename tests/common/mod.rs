//! Small scenarios written to a temporary folder, for analytic tests.
#![allow(dead_code)]

pub mod two_year;
pub mod valley;

use spillway::results::{Results, Summary};
use spillway::solve::SolverChoice;
use spillway::study::{run, RunSettings};
use std::path::PathBuf;
use tempfile::TempDir;

/// A scenario file and its profiles CSV in a fresh folder.
pub struct Case {
    pub dir: TempDir,
    pub path: PathBuf,
}

/// Write `profiles.csv` (rows: timestamp then values) and `case.toml`.
pub fn case(toml_body: &str, header: &str, rows: &[&str]) -> Case {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = format!("timestamp,{header}\n");
    for r in rows {
        csv.push_str(r);
        csv.push('\n');
    }
    std::fs::write(dir.path().join("profiles.csv"), csv).unwrap();
    let path = dir.path().join("case.toml");
    std::fs::write(&path, toml_body).unwrap();
    Case { dir, path }
}

pub fn solve_case(c: &Case) -> (Results, Summary) {
    solve_with(c, SolverChoice::Clarabel)
}

pub fn solve_with(c: &Case, solver: SolverChoice) -> (Results, Summary) {
    let settings = RunSettings::builder().solver(solver).build().unwrap();
    let outcome = run(&c.path, &settings).unwrap_or_else(|e| panic!("{e}"));
    (outcome.results, outcome.summary)
}

/// The solvers of this build (every analytic test body runs on each).
pub fn solvers() -> Vec<SolverChoice> {
    SolverChoice::ALL
        .into_iter()
        .filter(|s| s.available())
        .collect()
}

/// Assert `a ≈ b` within an absolute tolerance, with a message.
#[track_caller]
pub fn close(a: f64, b: f64, tol: f64, what: &str) {
    assert!(
        (a - b).abs() <= tol,
        "{what}: got {a}, expected {b} (± {tol})"
    );
}

/// Price at a node name in every step.
pub fn prices(r: &Results, node: &str) -> Vec<f64> {
    let n = r.node_names.iter().position(|x| x == node).unwrap();
    r.prices.as_ref().expect("duals")[n].to_vec()
}

/// Built capacity of a component at a node.
pub fn built(r: &Results, component: &str, node: &str) -> f64 {
    r.capacities
        .iter()
        .filter(|c| c.component == component && c.node == node)
        .map(|c| c.built)
        .sum()
}

/// The usual header of every tiny case: zero discount, settings without tie-break.
pub const HEAD: &str = r#"
name = "case"
[time]
profiles = "profiles.csv"
[finance]
discount_rate = 0.0
[settings]
flow_tie_break_cny_per_mwh = 0.0
solar_wind_priority_cny_per_mwh = 0.0
"#;

/// Four consecutive June hours with a constant profile `one` = 1.
pub const FOUR_JUNE_HOURS: [&str; 4] = [
    "2025-06-01 00:00,1",
    "2025-06-01 01:00,1",
    "2025-06-01 02:00,1",
    "2025-06-01 03:00,1",
];

/// The electrolyser case derived in tests/analytic.rs: one node, 100 MW of free hydro for 4
/// hours, 20 MW of demand (80 MW of surplus), up to 200 MW of electrolysers at 1,752 CNY/kW,
/// 1-year life, zero discount, 50 kWh/kg. Over the 4 hours 1 MW costs C·1000·4/8760 CNY and
/// earns 4 MWh × 20 kg/MWh × π: built (80 MW, all the surplus) iff π > C/175.2.
pub fn electrolyser_toml(h2_price: f64) -> String {
    format!(
        r#"{HEAD}
[nodes.a]
kind = "region"
demand_twh_per_year = 0.1752     # 20 MW flat
[generators.hydro]
node = "a"
kind = "ror"
capacity_mw = 100
profile = "one"
[market]
hydrogen_price_cny_per_kg = {h2_price}
[options.electrolyser]
sites_max_mw = {{ a = 200 }}
capex_cny_per_kw = 1752
lifetime_years = 1
kwh_per_kg = 50
"#
    )
}

pub fn electrolyser_case(h2_price: f64) -> Case {
    case(&electrolyser_toml(h2_price), "one", &FOUR_JUNE_HOURS)
}

/// A node `a` with `demand_twh_per_year` of flat demand, a 100 MW reservoir `dam` with a store of
/// `storage_mwh` and inflow from the profile `inflow`, and imports at 100 CNY/MWh over a 1 GW line
/// from the outside node `c` (no exports). Used by tests/analytic.rs and tests/verified_status.rs.
pub fn reservoir_import_toml(demand_twh_per_year: f64, storage_mwh: f64) -> String {
    format!(
        r#"{HEAD}
[nodes.a]
kind = "region"
demand_twh_per_year = {demand_twh_per_year}
[nodes.c]
kind = "outside"
[generators.dam]
node = "a"
kind = "reservoir"
capacity_mw = 100
profile = "inflow"
storage_mwh = {storage_mwh}
[lines.ac]
from = "a"
to = "c"
capacity_mw = 1000
[market]
node = "c"
export_price_cny_per_mwh = 0
import_price_cny_per_mwh = 100
export_limit_mw = 0
"#
    )
}
