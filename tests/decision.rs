//! Decision metrics (issue 10): investment, NPV, IRR and payback of an option, and the net
//! benefit against the status quo with its cache, on the electrolyser case of tests/common
//! whose optimum is known in closed form.

mod common;

use common::{close, electrolyser_case};
use spillway::study::{run_against_status_quo, RunSettings};

/// The case at π = 12 CNY/kg: 80 MW of surplus for 4 h, electrolysers at C = 1,752 CNY/kW,
/// 1-year life, zero discount, 20 kg/MWh. It builds all 80 MW (π > C/175.2 = 10). Year
/// fraction y = 4/8760.
///
/// - investment I = 80 MW × 1,752,000 CNY/MW = 140.16 M CNY;
/// - at the optimum the capacity column's reduced cost is zero, so the hydrogen margin over
///   the nodal price over the 4 h equals the capacity's annuity over the horizon: the yearly
///   net cash flow is A = I·crf(0, 1) = I. Hence NPV = −I + A = 0, IRR = 0 (−I, +I), payback
///   = I / A = 1 year (the break-even identity: every MW just pays).
/// - hydrogen revenue = 80 MW × 20 kg/MWh × 12 CNY/kg per hour = 19,200 CNY/h, 168.192 M CNY
///   a year; the electricity then costs 168.192 − 140.16 = 28.032 M CNY a year (a mean price
///   of 40 CNY/MWh).
/// - the status quo (no electrolyser) spills the 80 MW; its money objective is 0 (the spill
///   penalty steers the LP and is not money). This run's is capex − revenue, so the net
///   benefit is revenue − annuity = 168.192 − 140.16 = 28.032 M CNY a year.
const INVESTMENT: f64 = 80.0 * 1_752_000.0;
const REVENUE_PER_YEAR: f64 = 80.0 * 20.0 * 12.0 * 8760.0;

fn settings() -> RunSettings {
    RunSettings::builder().build().unwrap()
}

#[test]
fn electrolyser_returns_match_the_break_even_identity() {
    let c = electrolyser_case(12.0);
    let o = run_against_status_quo(&c.path, &settings(), None, None).unwrap();
    let d = &o.summary.decision;
    close(
        d.investment_cny["electrolyser"],
        INVESTMENT,
        1e3,
        "investment",
    );
    close(
        d.investment_cny["total"],
        INVESTMENT,
        1e3,
        "total investment",
    );
    let e = &d.options["electrolyser"];
    close(e.revenue_cny_per_year, REVENUE_PER_YEAR, 1e3, "revenue");
    close(
        e.electricity_cny_per_year.unwrap(),
        -(REVENUE_PER_YEAR - INVESTMENT),
        1e4,
        "power",
    );
    close(
        e.net_cash_flow_cny_per_year.unwrap(),
        INVESTMENT,
        1e4,
        "net cash flow",
    );
    // NPV ≈ 0 relative to the investment (the solver's tolerance, 1e-6 of it).
    close(e.npv_cny.unwrap(), 0.0, INVESTMENT * 1e-6, "NPV");
    close(e.irr.unwrap(), 0.0, 1e-6, "IRR");
    close(e.payback_years.unwrap(), 1.0, 1e-6, "payback");
    assert_eq!(e.lifetime_years, 1.0);
    // No baseline asked: no net benefit.
    assert!(d.net_benefit_vs_baseline_cny_per_year.is_none());
}

#[test]
fn not_built_option_has_no_investment_or_rate() {
    // π = 8 < 10: nothing is built (tests/analytic.rs), so nothing is invested.
    let c = electrolyser_case(8.0);
    let o = run_against_status_quo(&c.path, &settings(), None, None).unwrap();
    let e = &o.summary.decision.options["electrolyser"];
    assert_eq!(e.investment_cny, 0.0);
    assert_eq!(e.npv_cny, Some(0.0));
    assert!(e.irr.is_none() && e.irr_note.is_some() && e.payback_years.is_none());
    assert_eq!(e.binding, "not built");
}

#[test]
fn net_benefit_is_revenue_minus_annuity_and_the_status_quo_is_cached() {
    let c = electrolyser_case(12.0);
    let cache = c.dir.path().join(".spillway-cache");
    let first = run_against_status_quo(&c.path, &settings(), None, Some(&cache)).unwrap();
    let d = &first.summary.decision;
    let nb = d.net_benefit_vs_baseline_cny_per_year.unwrap();
    close(
        nb,
        REVENUE_PER_YEAR - INVESTMENT,
        1e-6 * INVESTMENT,
        "net benefit",
    );
    assert_eq!(d.baseline_cached, Some(false));
    let base = d.baseline.as_ref().unwrap();
    close(
        base.curtailed_twh,
        80.0 * 4.0 / 1e6,
        1e-9,
        "status quo spill",
    );
    assert_eq!(d.changes_vs_baseline.len(), 3);

    // Same inputs: the status quo is read from the cache, not solved again.
    let second = run_against_status_quo(&c.path, &settings(), None, Some(&cache)).unwrap();
    assert_eq!(second.summary.decision.baseline_cached, Some(true));
    close(
        second
            .summary
            .decision
            .net_benefit_vs_baseline_cny_per_year
            .unwrap(),
        nb,
        1e-6,
        "cached net benefit",
    );

    // One byte of the CSV changes (a comment-free value, 1 → 1.0): the key changes, so the
    // status quo is solved again.
    let csv = c.dir.path().join("profiles.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    std::fs::write(&csv, text.replacen(",1\n", ",1.0\n", 1)).unwrap();
    let third = run_against_status_quo(&c.path, &settings(), None, Some(&cache)).unwrap();
    assert_eq!(third.summary.decision.baseline_cached, Some(false));

    // A tampered entry (its stored key no longer matching its name) is never trusted.
    for entry in std::fs::read_dir(&cache).unwrap() {
        let p = entry.unwrap().path();
        let t = std::fs::read_to_string(&p).unwrap();
        let v: serde_json::Value = serde_json::from_str(&t).unwrap();
        let k = v["key"].as_str().unwrap().to_string();
        std::fs::write(&p, t.replace(&k, "0000")).unwrap();
    }
    let fourth = run_against_status_quo(&c.path, &settings(), None, Some(&cache)).unwrap();
    assert_eq!(fourth.summary.decision.baseline_cached, Some(false));
}
