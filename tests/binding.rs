//! summary.json's `binding`: which constraint stops each option, on cases derived by hand.
//! As in tests/common, over the 4 June hours one MW costs C·1,000·4/8,760 CNY (1-year life,
//! zero discount): 800 CNY at 1,752 CNY/kW, 400 at 876.

mod common;
use common::*;

/// 100 MW of hydro at `profile` against 20 MW of demand, plus `body`.
fn hydro_case(body: &str, profile: [&str; 4]) -> Case {
    let toml = format!(
        r#"{HEAD}
[nodes.a]
kind = "region"
demand_twh_per_year = 0.1752     # 20 MW flat
[generators.hydro]
node = "a"
kind = "ror"
capacity_mw = 100
profile = "one"
{body}
"#
    );
    let rows: Vec<String> = profile
        .iter()
        .enumerate()
        .map(|(h, p)| format!("2025-06-01 0{h}:00,{p}"))
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    case(&toml, "one", &rows)
}

fn binding_of(c: &Case, key: &str) -> (f64, String) {
    let (_, s) = solve_case(c);
    let built = s.capacity_built_mw.get(key).copied().unwrap_or(f64::NAN);
    (built, s.binding.get(key).cloned().unwrap_or_default())
}

/// Surplus 80, 80, 40, 40 MW; up to 60 MW of electrolysers. The first 40 MW run 4 h and pay
/// at π > 10 CNY/kg; MW 40–60 run 2 h and pay at π > 20 (tests/breakeven.rs).
fn electrolysers(price: f64) -> Case {
    hydro_case(
        &format!(
            "[market]\nhydrogen_price_cny_per_kg = {price}\n[options.electrolyser]\n\
             sites_max_mw = {{ a = 60 }}\ncapex_cny_per_kw = 1752\nlifetime_years = 1\nkwh_per_kg = 50\n"
        ),
        ["1", "1", "0.6", "0.6"],
    )
}

#[test]
fn an_option_is_not_built_interior_or_at_its_site_limit() {
    let (b, why) = binding_of(&electrolysers(5.0), "electrolyser");
    close(b, 0.0, 1e-3, "MW at 5 CNY/kg");
    assert_eq!(why, "not built");
    let (b, why) = binding_of(&electrolysers(15.0), "electrolyser");
    close(b, 40.0, 1e-3, "MW at 15 CNY/kg: only the 4-hour block pays");
    assert_eq!(why, "none");
    let (b, why) = binding_of(&electrolysers(25.0), "electrolyser");
    close(b, 60.0, 1e-3, "MW at 25 CNY/kg: the whole site");
    assert_eq!(why, "site limit");
}

#[test]
fn a_smelter_that_must_run_all_year_stops_at_its_minimum_utilisation() {
    // Surplus 80, 80, 20, 20 MW. A smelter earns 5,000/10 = 500 CNY/MWh. With min_utilisation
    // = 1 every MW runs all 4 h (2,000 CNY > 800 of capex), but only 20 MW can run in hours 3
    // and 4: built 20. Without the floor MW 20–80 would run 2 h for 1,000 > 800 and 80 would be
    // built, so the floor is what binds, not the site (200 MW).
    let body = "[options.industry.smelter]\nsites_max_mw = { a = 200 }\nmwh_per_tonne = 10\n\
                margin_cny_per_tonne = 5000\ncapex_cny_per_kw = 1752\nlifetime_years = 1\n";
    let profile = ["1", "1", "0.4", "0.4"];
    let (b, why) = binding_of(
        &hydro_case(&format!("{body}min_utilisation = 1.0\n"), profile),
        "industry.smelter",
    );
    close(b, 20.0, 1e-3, "MW with the floor");
    assert_eq!(why, "minimum utilisation");
    let (b, why) = binding_of(&hydro_case(body, profile), "industry.smelter");
    close(b, 80.0, 1e-3, "MW without the floor");
    assert_eq!(why, "none");
}

#[test]
fn a_line_reports_the_share_of_hours_it_is_full() {
    // Surplus 80, 80, 40, 40 MW exported at 300 CNY/MWh over a new line at 400 CNY per MW: MW
    // up to 40 earn 1,200, MW 40–80 earn 600, MW above 80 nothing. Built 80, full in 2 of 4 h.
    let body = "[nodes.g]\nkind = \"outside\"\n[lines.ag]\nfrom = \"a\"\nto = \"g\"\ncapacity_mw = 0\n\
                new_capacity_max_mw = 100\ncapex_cny_per_kw = 876\nlifetime_years = 1\n\
                [market]\nnode = \"g\"\nexport_price_cny_per_mwh = 300\nimport_price_cny_per_mwh = 1000\n";
    let (b, why) = binding_of(&hydro_case(body, ["1", "1", "0.6", "0.6"]), "line.ag");
    close(b, 80.0, 1e-3, "line MW");
    assert_eq!(why, "line congested 50 % of hours");
}
