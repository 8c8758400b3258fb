//! The two-stage stochastic LP (study::stochastic): a hand-derived two-year case, extensive
//! form against Benders, CVaR properties, and the shipped design-year scenario at 24 h.

mod common;

use common::close;
use common::two_year::{cost, two_year_case};
use spillway::study::{self, RunSettings};

/// A MW of electrolyser is worth 4 × 300 = 1,200 on spilled water, 4 × (300 − 150) = 600 on
/// exportable water, against 800 of capital. Dry (s = 20): spill below 10 MW → 10 MW. Wet
/// (s = 60): spill below 50 MW → 50 MW. Mean year (s = 40): 30 MW. Both years: below 10 MW
/// 1,200; 10–20 MW ½·600 + ½·1,200 = 900 > 800; 20–50 MW only the wet year, ½·1,200 = 600 <
/// 800: the stochastic plan is 20 MW, unlike either year's optimum or the mean year's.
/// RP = ½(cost(20, 20) + cost(20, 60)) = −11,000; WS = ½(cost(10, 20) + cost(50, 60)) =
/// −18,000; EEV = ½(cost(30, 20) + cost(30, 60)) = −9,000; VSS = 2,000, EVPI = 7,000.
#[test]
fn two_years_hand_derived_plan_vss_and_evpi() {
    let rp = 0.5 * (cost(20.0, 20.0) + cost(20.0, 60.0));
    let ws = 0.5 * (cost(10.0, 20.0) + cost(50.0, 60.0));
    let eev = 0.5 * (cost(30.0, 20.0) + cost(30.0, 60.0));
    assert_eq!((rp, ws, eev), (-11_000.0, -18_000.0, -9_000.0));
    for method in ["extensive", "benders"] {
        let c = two_year_case("case", &format!("method = \"{method}\""));
        let settings = RunSettings::builder().build().unwrap();
        let out = study::run(&c.path, &settings).unwrap_or_else(|e| panic!("{e}"));
        let s = out.summary.stochastic.as_ref().expect("stochastic summary");
        let built = out.summary.capacity_built_mw["electrolyser"];
        close(built, 20.0, 1e-4, &format!("{method}: stochastic plan"));
        close(s.expected_cost_cny, rp, 1e-3, "RP");
        close(s.objective_cny, rp, 1e-3, "objective");
        close(s.vss_cny.unwrap(), eev - rp, 1e-3, "VSS");
        close(s.evpi_cny.unwrap(), rp - ws, 1e-3, "EVPI");
        assert_eq!(s.years, ["2001", "2002"]);
        assert_eq!(s.probabilities, [0.5, 0.5]);
        let report = out.stochastic.as_ref().unwrap();
        let plans: Vec<(String, f64)> = report
            .regret_rows()
            .into_iter()
            .filter(|r| r.year == "expected")
            .map(|r| (r.plan, r.capacity_mw["electrolyser"]))
            .collect();
        let expected = [
            ("2001", 10.0),
            ("2002", 50.0),
            ("mean_year", 30.0),
            ("stochastic", 20.0),
        ];
        assert_eq!(plans.len(), expected.len());
        for ((plan, mw), (want, want_mw)) in plans.iter().zip(expected) {
            assert_eq!(plan, want);
            close(*mw, want_mw, 1e-4, plan);
        }
        let years = report.year_rows();
        close(
            years[0].total_cost_cny,
            cost(20.0, 20.0),
            1e-3,
            "dry year cost",
        );
        close(
            years[1].total_cost_cny,
            cost(20.0, 60.0),
            1e-3,
            "wet year cost",
        );
        close(
            years[1].status_quo_cost_cny,
            cost(0.0, 60.0),
            1e-3,
            "wet status quo",
        );
    }
}

/// The regret of every plan in every year is ≥ 0 (each year's optimum is the best plan for it),
/// zero for a year's own plan in its year, and the stochastic plan has the least expected cost
/// of all plans in the table (it minimises it).
#[test]
fn regret_is_nonnegative_and_the_stochastic_plan_is_cheapest_on_average() {
    let c = two_year_case("case", "");
    let out = study::run(&c.path, &RunSettings::builder().build().unwrap()).unwrap();
    let rows = out.stochastic.as_ref().unwrap().regret_rows();
    for r in &rows {
        assert!(r.regret_cny.unwrap() >= -1e-3, "{r:?}");
        if r.plan == r.year {
            close(r.regret_cny.unwrap(), 0.0, 1e-3, "own year");
        }
    }
    let expected: Vec<&_> = rows.iter().filter(|r| r.year == "expected").collect();
    let st = expected.iter().find(|r| r.plan == "stochastic").unwrap();
    for r in &expected {
        assert!(st.cost_cny <= r.cost_cny + 1e-3, "{r:?} beats {st:?}");
    }
}

/// CVaR (docs/model.md §10). With two equally likely years and α = 0.9 ≥ ½, CVaR is the worst
/// year's cost. By hand: a plan of K ≤ 10 MW costs −400 K − 6,000 in both years; from 10 to
/// 20 MW the dry year's cost rises (200 K − 12,000), so the worst year is least at K = 10
/// (−10,000) and λ = 1 builds 10 MW. Raising λ never raises the worst year's cost and never
/// lowers the expected cost (the argument is in docs/model.md); λ = 0 is the risk-neutral plan.
#[test]
fn cvar_weight_trades_expected_cost_for_the_worst_year() {
    let mut last: Option<(f64, f64)> = None;
    for lambda in [0.0, 0.5, 1.0] {
        let c = two_year_case("case", &format!("cvar_weight = {lambda}\ncvar_alpha = 0.9"));
        let out = study::run(&c.path, &RunSettings::builder().build().unwrap()).unwrap();
        let years = out.stochastic.as_ref().unwrap().year_rows();
        let worst = years
            .iter()
            .map(|y| y.total_cost_cny)
            .fold(f64::MIN, f64::max);
        let expected = out.summary.stochastic.as_ref().unwrap().expected_cost_cny;
        if let Some((w, e)) = last {
            assert!(worst <= w + 1e-3, "λ = {lambda}: worst {worst} > {w}");
            assert!(
                expected >= e - 1e-3,
                "λ = {lambda}: expected {expected} < {e}"
            );
        }
        last = Some((worst, expected));
        let built = out.summary.capacity_built_mw["electrolyser"];
        match lambda {
            0.0 => close(built, 20.0, 1e-4, "risk neutral"),
            1.0 => {
                close(built, 10.0, 1e-4, "λ = 1");
                close(worst, -10_000.0, 1e-3, "λ = 1 worst year");
            }
            _ => {}
        }
    }
}

/// Benders and the extensive form agree to 1e-4 (relative) on the objective and the capacities
/// of a small case with CVaR (both methods solve its CVaR rows).
#[test]
fn benders_agrees_with_the_extensive_form_with_cvar() {
    let mut answers = Vec::new();
    for method in ["extensive", "benders"] {
        let c = two_year_case(
            "case",
            &format!("method = \"{method}\"\ncvar_weight = 0.5\ncvar_alpha = 0.9"),
        );
        let out = study::run(&c.path, &RunSettings::builder().build().unwrap()).unwrap();
        let s = out.summary.stochastic.unwrap();
        answers.push((
            s.objective_cny,
            out.summary.capacity_built_mw["electrolyser"],
        ));
    }
    let (e, b) = (answers[0], answers[1]);
    close(b.0, e.0, 1e-4 * e.0.abs(), "objective");
    close(b.1, e.1, 1e-4 * e.1.abs().max(1.0), "electrolyser");
}

/// The Benders cuts of the two-year case against its closed form. A year with surplus s MW
/// and K MW of electrolysers has the operating cost (capital left out, as in a subproblem)
/// Q(K) = −4 (300 u + 150 x), u = min(K, s), x = min(10, s − u): convex, with slopes −1,200
/// while the electrolyser only takes spill (K < s − 10), −600 while it takes export (s − 10 <
/// K < s) and 0 beyond s. Every cut, taken at one K, must lie on or below Q at every other K
/// (its validity, which Benders' lower bound rests on), touch it where it was taken, and have
/// the slope of the piece it was taken on. On that piece the cut *is* Q, so "below" allows
/// rounding: 1e-8 of Q (3.5e-6 CNY on 6,000 was seen).
#[test]
fn every_benders_cut_under_estimates_the_years_cost() {
    use spillway::study::stochastic::{plan::solve_plan, subproblem::Subproblem};
    let c = two_year_case("case", "");
    let (loaded, inputs) = study::prepare(&c.path, None).unwrap();
    let settings = RunSettings::builder().build().unwrap();
    let planned = solve_plan(&loaded, &inputs, &settings).unwrap();
    let q = |k: f64, s: f64| {
        let u = k.min(s);
        -4.0 * (300.0 * u + 150.0 * (s - u).min(10.0))
    };
    let slope = |k: f64, s: f64| match k {
        k if k < s - 10.0 => -1200.0,
        k if k < s => -600.0,
        _ => 0.0,
    };
    let grid: Vec<f64> = (0..=40).map(|i| 5.0 * i as f64).collect(); // 0 to 200 MW
    for (case, surplus) in planned.cases.iter().zip([20.0, 60.0]) {
        let mut sub = Subproblem::new(case, &inputs, &planned.names).unwrap();
        // Points on every piece, away from the kinks (where any slope between is valid).
        for at in [3.0, 15.0, 33.0, 55.0, 120.0] {
            let e = sub.solve(&[at], &settings).unwrap();
            close(e.cost_cny, q(at, surplus), 1e-3, "Q at the cut's point");
            close(e.lower_cny, q(at, surplus), 1e-3, "the cut touches Q");
            close(e.slopes[0], slope(at, surplus), 1e-3, "the cut's slope");
            for &k in &grid {
                let cut = e.lower_cny + e.slopes[0] * (k - at);
                assert!(
                    cut <= q(k, surplus) + 1e-8 * q(k, surplus).abs().max(1.0),
                    "surplus {surplus}: the cut at {at} MW is {cut} at {k} MW, above Q = {}",
                    q(k, surplus)
                );
            }
        }
    }
}
