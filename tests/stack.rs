//! `model::stack`: the columns of new capacity of a built model and their costs, read by the
//! studies that link blocks of the model (stochastic years, pathway periods).

mod common;

use spillway::model::{self, stack};
use spillway::study::prepare;

/// The electrolyser case of tests/common: 1,752 CNY/kW, one-year life, zero discount, over
/// 4 hours. Its one new-capacity column costs 1,752,000 CNY/MW × 4/8760 = 800 CNY per MW over
/// the horizon, all of it capex annuity (no fixed O&M).
#[test]
fn first_stage_reads_the_capacity_costs_and_without_capital_cost_removes_them() {
    let c = common::electrolyser_case(20.0);
    let (loaded, inputs) = prepare(&c.path, None).unwrap();
    let mut m = model::build(&loaded.scenario, &inputs);
    let first = stack::first_stage(&m);
    assert_eq!(first.len(), 1, "{first:?}");
    let k = &first[0];
    assert!(k.name.contains("electrolyser"), "{}", k.name);
    common::close(
        k.annuity_cny_per_unit,
        1_752_000.0 * 4.0 / 8760.0,
        1e-9,
        "annuity",
    );
    assert_eq!(k.fixed_om_cny_per_unit, 0.0);
    assert_eq!(k.capex_cny_per_unit, 1_752_000.0);
    let before: Vec<f64> = m.lp.obj.clone();
    stack::without_capital_cost(&mut m);
    assert!(m.lp.obj[k.col.0 as usize].abs() < 1e-9);
    let changed = (0..before.len())
        .filter(|&i| before[i] != m.lp.obj[i])
        .count();
    assert_eq!(changed, 1, "only the capacity column's cost is taken out");
}
