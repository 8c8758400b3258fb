//! The hand-derived two-year case of the stochastic tests (tests/stochastic.rs derives its
//! optimum, VSS and EVPI; tests/stochastic_studies.rs runs it through compare, sweeps and
//! break-even).
//!
//! One node `a` with 20 MW of demand for 4 June hours, a 100 MW run-of-river plant whose
//! profile is 0.5 (so a year of relative volume f makes 50 f MW), an export line of 10 MW to
//! `c` paid 150 CNY/MWh, and up to 200 MW of electrolysers at 1,752 CNY/kW (one-year life, zero
//! discount: 800 CNY per MW over the 4 hours) selling hydrogen at 15 CNY/kg (50 kWh/kg, so
//! 300 CNY per MWh of electricity). Two record years, f = 0.8 (dry) and 1.6 (wet), equally
//! likely: surplus s = 50 f − 20, 20 MW dry and 60 MW wet.

use super::{case, Case, HEAD};

/// The 4 hours of the profile `half`.
pub const ROWS: [&str; 4] = [
    "2025-06-01 00:00,0.5",
    "2025-06-01 01:00,0.5",
    "2025-06-01 02:00,0.5",
    "2025-06-01 03:00,0.5",
];

/// The system after the scenario's head (nodes, plant, line, market, option).
pub const BODY: &str = r#"
[nodes.a]
kind = "region"
demand_twh_per_year = 0.1752     # 20 MW flat
[nodes.c]
kind = "outside"
[generators.hydro]
node = "a"
kind = "ror"
capacity_mw = 100
profile = "half"
[lines.ac]
from = "a"
to = "c"
capacity_mw = 10
[market]
node = "c"
export_price_cny_per_mwh = 150
import_price_cny_per_mwh = 1000  # above export (no money pump); never used
hydrogen_price_cny_per_kg = 15
[options.electrolyser]
sites_max_mw = { a = 200 }
capex_cny_per_kw = 1752
lifetime_years = 1
kwh_per_kg = 50
"#;

/// The case named `name`; `stochastic` is the body of `[stochastic]` after `enabled = true`.
pub fn two_year_case(name: &str, stochastic: &str) -> Case {
    let head = HEAD.replace("name = \"case\"", &format!("name = \"{name}\""));
    let toml = format!(
        r#"hydrology = "all"
{head}
[stochastic]
enabled = true
hydrology_file = "years.csv"
{stochastic}
{BODY}"#
    );
    let c = case(&toml, "half", &ROWS);
    std::fs::write(
        c.dir.path().join("years.csv"),
        "hydrology_year,relative_to_mean\n2001,0.8\n2002,1.6\n",
    )
    .unwrap();
    c
}

/// A year with surplus s MW and K MW of electrolysers runs them at u = min(K, s), exports
/// x = min(10, s − u) and spills the rest; over the 4 h its cost is 800 K − 4 (300 u + 150 x).
pub fn cost(k: f64, surplus: f64) -> f64 {
    let u = k.min(surplus);
    let x = (surplus - u).min(10.0);
    800.0 * k - 4.0 * (300.0 * u + 150.0 * x)
}
