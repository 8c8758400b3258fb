//! The hydrogen market (model/tech/hydrogen_market.rs) and stack replacement on cases derived by
//! hand, on every solver compiled in (one body, looped over solvers).
//!
//! The site: a node with 100 MW of free run-of-river hydro for four June hours and 20 MW of
//! demand, so 80 MW spill and electricity there is worth 0. Electrolysers at 1,752 CNY/kW with a
//! one-year life and zero discount cost 1,752,000·4/8760 = 800 CNY per MW over the four hours;
//! a MW running all four hours at 50 kWh/kg makes 4·20 = 80 kg. Break-even: 800/80 = 10 CNY/kg
//! net of transport. A block's yearly quantity Q kt is Q·10⁶·4/8760 kg over the horizon:
//! 4.38 kt/yr is 2,000 kg (25 MW), 43.8 kt/yr is 20,000 kg (more than the 80 MW make).
//! Transport: 2 CNY/kg fixed + 0.03 CNY/kg per km.

mod common;
use common::*;
use spillway::model::CostPart;

/// 2,000 kg over the four hours.
const SMALL_KT: f64 = 4.38;
/// 20,000 kg over the four hours: never full here.
const LARGE_KT: f64 = 43.8;

/// A node with free hydro and 20 MW of demand.
fn site(node: &str) -> String {
    format!(
        r#"
[nodes.{node}]
kind = "region"
demand_twh_per_year = 0.1752     # 20 MW flat
[generators.hydro_{node}]
node = "{node}"
kind = "ror"
capacity_mw = 100
profile = "one"
"#
    )
}

/// A scenario: the sites, the electrolyser with `sites`, the market lines and `extra`
/// electrolyser keys.
fn scenario(sites: &[&str], electrolyser_sites: &str, market: &str, extra: &str) -> Case {
    let nodes: String = sites.iter().map(|n| site(n)).collect();
    let body = format!(
        r#"{HEAD}
{nodes}
[options.electrolyser]
sites_max_mw = {{ {electrolyser_sites} }}
capex_cny_per_kw = 1752
lifetime_years = 1
kwh_per_kg = 50
{extra}
[market]
{market}
[market.hydrogen_transport]
fixed_cny_per_kg = 2.0
per_km_cny_per_kg = 0.03
"#
    );
    case(&body, "one", &FOUR_JUNE_HOURS)
}

fn block(name: &str, price: f64, kt: f64, distances: &str) -> String {
    format!(
        "[market.hydrogen_blocks.{name}]\nprice_cny_per_kg = {price}\nquantity_kt_per_year = {kt}\ndistance_km = {{ {distances} }}\n"
    )
}

/// Two blocks reached from `a`: A at 25 CNY/kg and 100 km (net 25 − 2 − 3 = 20), 2,000 kg;
/// B at `b_price` and 150 km (net b_price − 6.5), large.
fn two_blocks(b_price: f64, plant_gate: f64, extra: &str) -> Case {
    let market = format!(
        "hydrogen_price_cny_per_kg = {plant_gate}\n{}{}",
        block("a_mobility", 25.0, SMALL_KT, "a = 100"),
        block("b_industry", b_price, LARGE_KT, "a = 150"),
    );
    scenario(&["a"], "a = 200", &market, extra)
}

#[test]
fn the_electrolyser_stops_at_a_block_when_the_next_block_is_below_break_even() {
    // B nets 15 − 6.5 = 8.5 < 10: only block A is served. K = 2,000/80 = 25 MW; objective
    // 800·25 − 20·2,000 = −20,000.
    for solver in solvers() {
        let what = |s: &str| format!("{s} ({solver:?})");
        let (r, s) = solve_with(&two_blocks(15.0, 0.0, ""), solver);
        close(built(&r, "electrolyser", "a"), 25.0, 1e-3, &what("MW"));
        // The market, not the 200 MW site, stops it, and summary.json says so.
        assert_eq!(
            s.binding["electrolyser"],
            "hydrogen market: block a_mobility full",
            "{}",
            what("binding")
        );
        close(s.hydrogen_kt * 1e6, 2000.0, 1e-2, &what("kg made"));
        let by_block = s.hydrogen_by_block_kt.clone().expect("blocks reported");
        close(by_block["a_mobility"] * 1e6, 2000.0, 1e-2, &what("kg to A"));
        close(by_block["b_industry"] * 1e6, 0.0, 1e-2, &what("kg to B"));
        assert_eq!(
            s.hydrogen_blocks_full.as_deref(),
            Some(&["a_mobility".to_string()][..]),
            "{}",
            what("A is full, B is not")
        );
        close(s.objective_cny, -20000.0, 1e-2, &what("objective"));
        // Revenue at the delivery point, transport as a variable cost.
        close(
            s.objective_parts_cny[&CostPart::HydrogenRevenue],
            -25.0 * 2000.0,
            1e-2,
            &what("revenue"),
        );
        close(
            s.objective_parts_cny[&CostPart::VariableCost],
            5.0 * 2000.0,
            1e-2,
            &what("transport"),
        );
    }
}

#[test]
fn a_next_block_above_break_even_takes_the_rest_of_the_spill() {
    // B nets 18.5 − 6.5 = 12 > 10: every MW of the 80 MW surplus is built; A takes its 2,000
    // kg, B the other 80·80 − 2,000 = 4,400. Objective 800·80 − 20·2,000 − 12·4,400 = −28,800.
    for solver in solvers() {
        let what = |s: &str| format!("{s} ({solver:?})");
        let (r, s) = solve_with(&two_blocks(18.5, 0.0, ""), solver);
        close(built(&r, "electrolyser", "a"), 80.0, 1e-3, &what("MW"));
        let by_block = s.hydrogen_by_block_kt.clone().unwrap();
        close(by_block["a_mobility"] * 1e6, 2000.0, 1e-2, &what("kg to A"));
        close(by_block["b_industry"] * 1e6, 4400.0, 1e-2, &what("kg to B"));
        close(s.objective_cny, -28800.0, 1e-2, &what("objective"));
    }
}

#[test]
fn the_plant_gate_price_is_an_unlimited_block_beside_the_others() {
    // Plant gate 12 > 10: all 80 MW built; A (premium 25 − 12 − 5 = 8 over the plant gate)
    // takes 2,000 kg, B (nets 8.5 < 12) nothing, the plant gate the other 4,400.
    // Objective 800·80 − 12·6,400 − 8·2,000 = −28,800.
    for solver in solvers() {
        let what = |s: &str| format!("{s} ({solver:?})");
        let (r, s) = solve_with(&two_blocks(15.0, 12.0, ""), solver);
        close(built(&r, "electrolyser", "a"), 80.0, 1e-3, &what("MW"));
        close(s.hydrogen_kt * 1e6, 6400.0, 1e-2, &what("kg made"));
        let by_block = s.hydrogen_by_block_kt.clone().unwrap();
        close(by_block["a_mobility"] * 1e6, 2000.0, 1e-2, &what("kg to A"));
        close(by_block["b_industry"] * 1e6, 0.0, 1e-2, &what("kg to B"));
        close(s.objective_cny, -28800.0, 1e-2, &what("objective"));
    }
}

#[test]
fn stack_replacement_raises_the_break_even_by_its_cost_per_kg() {
    // 500 CNY/kW over 50,000 full-load hours: 500·1000/50,000 = 10 CNY per MWh drawn, 0.5
    // CNY/kg at 20 kg/MWh; break-even 10.5. B nets 16.75 − 6.5 = 10.25: served without the
    // stack cost (80 MW), not with it (25 MW). With it: 800·25 + 10·(25·4) − 20·2,000 = −19,000.
    let stack = "stack_cost_cny_per_kw = 500\nstack_life_hours = 50000";
    for solver in solvers() {
        let what = |s: &str| format!("{s} ({solver:?})");
        let (r, s) = solve_with(&two_blocks(16.75, 0.0, stack), solver);
        close(built(&r, "electrolyser", "a"), 25.0, 1e-3, &what("MW"));
        close(s.objective_cny, -19000.0, 1e-2, &what("objective"));
        close(
            s.objective_parts_cny[&CostPart::VariableCost],
            10.0 * 100.0 + 5.0 * 2000.0,
            1e-2,
            &what("stack wear and transport"),
        );
        let (r, _) = solve_with(&two_blocks(16.75, 0.0, ""), solver);
        close(
            built(&r, "electrolyser", "a"),
            80.0,
            1e-3,
            &what("MW without stack cost"),
        );
    }
}

/// One block of 2,000 kg at 25 CNY/kg reached from `a` at 100 km (net 20) and from `b` at
/// 400 km (net 25 − 2 − 12 = 11, still above break-even).
fn near_and_far(a_limit_mw: f64) -> Case {
    let market = block("chengdu", 25.0, SMALL_KT, "a = 100, b = 400");
    scenario(
        &["a", "b"],
        &format!("a = {a_limit_mw}, b = 200"),
        &market,
        "",
    )
}

#[test]
fn transport_makes_the_farther_site_lose_to_the_nearer() {
    // The nearer site earns 20 a kg, the farther 11: a serves the whole block (25 MW), b
    // builds nothing. Objective 800·25 − 20·2,000 = −20,000.
    for solver in solvers() {
        let what = |s: &str| format!("{s} ({solver:?})");
        let (r, s) = solve_with(&near_and_far(200.0), solver);
        close(built(&r, "electrolyser", "a"), 25.0, 1e-3, &what("MW at a"));
        close(built(&r, "electrolyser", "b"), 0.0, 1e-3, &what("MW at b"));
        close(s.objective_cny, -20000.0, 1e-2, &what("objective"));
    }
}

#[test]
fn the_farther_site_serves_only_what_the_nearer_cannot() {
    // a may build 20 MW (1,600 kg); b, netting 11 > 10, serves the other 400 kg with 5 MW.
    // Objective 800·25 − 20·1,600 − 11·400 = −16,400.
    for solver in solvers() {
        let what = |s: &str| format!("{s} ({solver:?})");
        let (r, s) = solve_with(&near_and_far(20.0), solver);
        close(built(&r, "electrolyser", "a"), 20.0, 1e-3, &what("MW at a"));
        close(built(&r, "electrolyser", "b"), 5.0, 1e-3, &what("MW at b"));
        close(s.objective_cny, -16400.0, 1e-2, &what("objective"));
        assert_eq!(
            s.hydrogen_blocks_full.as_deref(),
            Some(&["chengdu".to_string()][..])
        );
    }
}

#[test]
fn a_site_no_block_reaches_sells_nothing_without_a_plant_gate_price() {
    // Only b is named in `distance_km`; a's hydrogen has no buyer, so a builds nothing even
    // though it is nearer in fact.
    let market = block("chengdu", 25.0, SMALL_KT, "b = 400");
    for solver in solvers() {
        let c = scenario(&["a", "b"], "a = 200, b = 200", &market, "");
        let (r, s) = solve_with(&c, solver);
        close(built(&r, "electrolyser", "a"), 0.0, 1e-3, "MW at a");
        close(built(&r, "electrolyser", "b"), 25.0, 1e-3, "MW at b");
        close(
            s.objective_cny,
            800.0 * 25.0 - 11.0 * 2000.0,
            1e-2,
            "objective",
        );
    }
}

#[test]
fn without_blocks_the_summary_has_no_block_keys() {
    let (_, s) = solve_case(&electrolyser_case(20.0));
    assert!(s.hydrogen_by_block_kt.is_none());
    let json = serde_json::to_string(&s).unwrap();
    assert!(!json.contains("hydrogen_by_block_kt"));
    assert!(!json.contains("hydrogen_blocks_full"));
}

#[test]
fn a_hydrogen_store_and_the_hourly_offtake_limit_work_with_blocks() {
    // A free store changes nothing (electricity is free every hour): 25 MW, −20,000. An hourly
    // offtake limit of 400 kg/h caps the draw at 400·0.05 = 20 MW: 1,600 kg to A,
    // 800·20 − 20·1,600 = −16,000.
    for solver in solvers() {
        let what = |s: &str| format!("{s} ({solver:?})");
        let (r, s) = solve_with(&two_blocks(15.0, 0.0, "storage_max_kg = 1000"), solver);
        close(
            built(&r, "electrolyser", "a"),
            25.0,
            1e-3,
            &what("MW with store"),
        );
        close(
            s.objective_cny,
            -20000.0,
            1e-2,
            &what("objective with store"),
        );
        let (r, s) = solve_with(
            &two_blocks(15.0, 0.0, "offtake_limit_kg_per_h = 400"),
            solver,
        );
        close(
            built(&r, "electrolyser", "a"),
            20.0,
            1e-3,
            &what("MW, offtake"),
        );
        let by_block = s.hydrogen_by_block_kt.clone().unwrap();
        close(by_block["a_mobility"] * 1e6, 1600.0, 1e-2, &what("kg to A"));
        close(s.objective_cny, -16000.0, 1e-2, &what("objective, offtake"));
        assert_eq!(s.hydrogen_blocks_full.as_deref(), Some(&[][..]));
    }
}

#[test]
fn a_switched_off_electrolyser_reports_its_blocks_at_zero() {
    // Cases switch the option off; the block keys stay, so that compared cases have the same
    // keys.
    for solver in solvers() {
        let (_, s) = solve_with(&two_blocks(15.0, 0.0, "enabled = false"), solver);
        let by_block = s.hydrogen_by_block_kt.clone().unwrap();
        assert_eq!(
            by_block.keys().collect::<Vec<_>>(),
            ["a_mobility", "b_industry"]
        );
        assert!(by_block.values().all(|kt| *kt == 0.0));
        assert_eq!(s.hydrogen_blocks_full.as_deref(), Some(&[][..]));
        close(s.objective_cny, 0.0, 1e-3, "objective");
    }
}
