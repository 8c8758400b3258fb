//! `spillway breakeven --when`: the criteria a director asks for, on cases derived by hand.
//!
//! Every case is the four-June-hour set-up of `tests/common` (1,752 CNY/kW, 1-year life, zero
//! discount, 50 kWh/kg): over the 4 h horizon one MW of electrolyser costs
//! 1,752·1,000·4/8,760 = 800 CNY, and one MW run for one hour makes 20 kg, worth 20·π CNY.

mod common;
use common::*;
use spillway::breakeven::{breakeven, Breakeven, BreakevenOptions};
use spillway::study::RunSettings;

const PRICE: &str = "market.hydrogen_price_cny_per_kg";

/// Surplus of 80, 80, 40, 40 MW (100 MW of hydro at 1, 1, 0.6, 0.6 against 20 MW of demand)
/// and up to 60 MW of electrolysers. The first 40 MW run 4 h: built iff 4·20·π > 800, π > 10.
/// MW 40–60 run only the 2 hours of 80 MW surplus: built iff 2·20·π > 800, π > 20.
fn stepped_case() -> Case {
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
[market]
hydrogen_price_cny_per_kg = 15
[options.electrolyser]
sites_max_mw = {{ a = 60 }}
capex_cny_per_kw = 1752
lifetime_years = 1
kwh_per_kg = 50
"#
    );
    case(
        &toml,
        "one",
        &[
            "2025-06-01 00:00,1",
            "2025-06-01 01:00,1",
            "2025-06-01 02:00,0.6",
            "2025-06-01 03:00,0.6",
        ],
    )
}

/// 80 MW of surplus, of which a 50 MW line exports 50 at 300 CNY/MWh. The 30 MW that would
/// spill pay at π > 10; each MW beyond them diverts export: built iff 4·(20·π − 300) > 800,
/// π > 25, and then all 80 MW go to hydrogen (320 MWh against 0 exported). Between 10 and 25
/// hydrogen takes 120 MWh and export 200 MWh: hydrogen overtakes export at exactly 25.
fn export_case() -> Case {
    let toml = format!(
        r#"{HEAD}
[nodes.a]
kind = "region"
demand_twh_per_year = 0.1752     # 20 MW flat
[nodes.g]
kind = "outside"
[generators.hydro]
node = "a"
kind = "ror"
capacity_mw = 100
profile = "one"
[lines.ag]
from = "a"
to = "g"
capacity_mw = 50
[market]
node = "g"
export_price_cny_per_mwh = 300
import_price_cny_per_mwh = 1000
hydrogen_price_cny_per_kg = 15
[options.electrolyser]
sites_max_mw = {{ a = 200 }}
capex_cny_per_kw = 1752
lifetime_years = 1
kwh_per_kg = 50
"#
    );
    case(&toml, "one", &FOUR_JUNE_HOURS)
}

fn search(c: &Case, when: Option<&str>, lo: f64, hi: f64) -> spillway::Result<Breakeven> {
    breakeven(&BreakevenOptions {
        scenario: c.path.clone(),
        param: PRICE.into(),
        option: if when.is_none() {
            "electrolyser".into()
        } else {
            String::new()
        },
        when: when.map(str::to_string),
        lo: Some(lo),
        hi: Some(hi),
        tol: Some(0.01),
        settings: RunSettings::builder().threads(Some(1)).build().unwrap(),
    })
}

#[test]
fn capacity_reaches_a_size_where_the_marginal_mw_pays() {
    let c = stepped_case();
    let first = search(&c, None, 5.0, 30.0).unwrap();
    close(first.value, 10.0, 0.01, "first MW");
    let b = search(&c, Some("capacity_built_mw.electrolyser >= 30"), 5.0, 30.0).unwrap();
    close(b.value, 10.0, 0.01, "30 MW (inside the 4-hour block)");
    assert!(b.built_above);
    let b = search(&c, Some("capacity_built_mw.electrolyser >= 50"), 5.0, 30.0).unwrap();
    close(b.value, 20.0, 0.01, "50 MW (needs the 2-hour block)");
    let b = search(&c, Some("fills electrolyser"), 5.0, 30.0).unwrap();
    close(b.value, 20.0, 0.01, "all 60 MW of the site");
    // Just below the switch it is 40 MW, not the site: the criterion fails there.
    close(b.built_at_start_mw.0, 0.0, 1e-3, "MW at 5 CNY/kg");
    close(
        b.right_at_start.1,
        60.0,
        1e-9,
        "site limit read from capacities",
    );
}

#[test]
fn hydrogen_overtakes_export_where_diverting_export_pays() {
    let c = export_case();
    let b = search(
        &c,
        Some("energy_twh.hydrogen >= energy_twh.export"),
        12.0,
        40.0,
    )
    .unwrap();
    close(b.value, 25.0, 0.01, "price where hydrogen takes over");
    assert!(b.built_above);
    close(
        b.built_at_start_mw.0 * 1e6,
        120.0,
        1e-3,
        "hydrogen MWh at 12",
    );
    close(b.right_at_start.0 * 1e6, 200.0, 1e-3, "export MWh at 12");
    // Reversed it is a "below" answer at the same place.
    let b = search(
        &c,
        Some("energy_twh.export > energy_twh.hydrogen"),
        12.0,
        40.0,
    )
    .unwrap();
    close(b.value, 25.0, 0.01, "same switch, read the other way");
    assert!(!b.built_above);
}

fn input_error(r: spillway::Result<Breakeven>) -> String {
    match r {
        Err(e) => {
            assert_eq!(e.exit_code(), 2, "{e}");
            e.to_string()
        }
        Ok(b) => panic!("expected an input error, got {b:?}"),
    }
}

#[test]
fn a_criterion_that_does_not_change_is_named_as_such() {
    let c = export_case();
    // Hydrogen takes 120 MWh already at 12 and at most 320: it never reaches 1 TWh.
    let e = input_error(search(&c, Some("energy_twh.hydrogen >= 1"), 12.0, 40.0));
    assert!(e.contains("holds at neither end"), "{e}");
    let e = input_error(search(&c, Some("energy_twh.hydrogen >= 0"), 12.0, 40.0));
    assert!(e.contains("holds at both ends"), "{e}");
}

#[test]
fn unknown_keys_bad_expressions_and_tolerances_are_input_errors() {
    let c = stepped_case();
    let e = input_error(search(
        &c,
        Some("capacity_built_mw.electrolyzer >= 30"),
        5.0,
        30.0,
    ));
    assert!(
        e.contains("did you mean `capacity_built_mw.electrolyser`"),
        "{e}"
    );
    let e = input_error(search(&c, Some("energy_twh.hydrogen"), 5.0, 30.0));
    assert!(e.contains("--when"), "{e}");
    let mut o = BreakevenOptions {
        scenario: c.path.clone(),
        param: PRICE.into(),
        option: "electrolyser".into(),
        when: None,
        lo: Some(5.0),
        hi: Some(30.0),
        tol: Some(1e-9),
        settings: RunSettings::builder().threads(Some(1)).build().unwrap(),
    };
    let e = input_error(breakeven(&o));
    assert!(e.contains("--tol") && e.contains("2.500e-8"), "{e}");
    o.tol = Some(-1.0);
    let e = input_error(breakeven(&o));
    assert!(e.contains("must be > 0"), "{e}");
}
