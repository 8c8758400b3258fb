//! The shipped design-year scenario (`models/aba-2026-design-years.toml`, 4 years at 24 h)
//! solved by the extensive form and by Benders decomposition: the two must agree (issue 11).
//! Only the plan is solved (`stochastic::plan::solve_plan`), not the regret table.

use spillway::inputs::Inputs;
use spillway::scenario::stochastic::Method;
use spillway::scenario::LoadedScenario;
use spillway::study::stochastic::plan::{solve_plan, Planned};
use spillway::study::{self, RunSettings};
use std::path::Path;

const SHIPPED: &str = "models/aba-2026-design-years.toml";

fn prepared() -> (LoadedScenario, Inputs) {
    study::prepare(Path::new(SHIPPED), None).unwrap_or_else(|e| panic!("{e}"))
}

/// The plan by `method` at relative gap `gap` (None: the scenario's), and the gap used.
fn solve(method: Method, gap: Option<f64>) -> (Planned, f64) {
    let (mut loaded, inputs) = prepared();
    let st = loaded
        .scenario
        .stochastic
        .as_mut()
        .expect("a [stochastic] section");
    st.method = method;
    let setting = gap.unwrap_or(st.gap);
    st.gap = setting;
    let settings = RunSettings::builder().build().unwrap();
    let planned = solve_plan(&loaded, &inputs, &settings).unwrap_or_else(|e| panic!("{e}"));
    (planned, setting)
}

/// Each decision's range (hi − lo) as built in the first year.
fn ranges(p: &Planned) -> Vec<f64> {
    let (_, inputs) = prepared();
    let c = &p.cases[0];
    let m = spillway::model::build(&c.scenario, c.inputs(&inputs));
    let first = spillway::model::stack::first_stage(&m);
    p.names
        .iter()
        .map(|n| {
            let i = first.iter().find(|k| &k.name == n).unwrap().col.0 as usize;
            m.lp.hi[i] - m.lp.lo[i]
        })
        .collect()
}

/// Benders' bounds bracket its answer and meet the gap asked for. The lower bound comes from
/// cuts that are valid whatever the duals' accuracy; the upper bound is the objective at the
/// best plan as the subproblems solved it, so the two can cross by the solves' accuracy
/// (the optimality check's 1e-6 at most; 5e-9 was seen).
fn check_bounds(b: &Planned, gap: f64) {
    let s = &b.solution;
    assert!(
        s.gap <= gap,
        "final gap {:e} above the setting {gap:e}",
        s.gap
    );
    assert!(
        s.lower_cny <= s.upper_cny + 1e-6 * s.upper_cny.abs(),
        "lower {} above upper {}",
        s.lower_cny,
        s.upper_cny
    );
    assert_eq!(
        s.objective_cny, s.upper_cny,
        "the answer is the best plan found"
    );
}

/// Extensive form and Benders agree to 1e-4 (relative) on the expected objective and on every
/// capacity. Benders runs at a gap of 1e-8, not the shipped 1e-5: at 1e-5 the objective agrees
/// (2.7e-6 was seen) but the capacities need not, as the objective is nearly flat around the
/// optimum (an electrolyser 1.3 % larger and a 500 kV line 0.8 % smaller cost 3e-6 of it, seen
/// while tuning). On its way to 1e-8 the run passes the shipped gap (16 of 18 iterations, about
/// 15 s in a release build and several minutes in a debug one; one run, not two, for that reason).
/// At 1e-8 every capacity is unique to 1e-4 here, with a capacity within 1e-6 of its range of
/// zero read as zero (as `dispatch::clamp` fixes it): the hydrogen store ends at a few grams in
/// the extensive form and at zero in Benders. No capacity is a degenerate tie in this scenario.
#[test]
fn benders_agrees_with_the_extensive_form_on_the_shipped_design_years() {
    let (ext, _) = solve(Method::Extensive, None);
    let e = ext.solution.objective_cny;
    let (tight, gap) = solve(Method::Benders, Some(1e-8));
    check_bounds(&tight, gap);
    let b = tight.solution.objective_cny;
    assert!(
        (b - e).abs() <= 1e-4 * e.abs(),
        "objective: extensive {e}, benders {b}"
    );
    assert_eq!(ext.names, tight.names);
    let plans = ext.solution.plan.iter().zip(&tight.solution.plan);
    for ((name, (&a, &b)), range) in ext.names.iter().zip(plans).zip(ranges(&ext)) {
        let snap = |v: f64| if v.abs() <= 1e-6 * range { 0.0 } else { v };
        let (a0, b0) = (snap(a), snap(b));
        assert!(
            (a0 - b0).abs() <= 1e-4 * a0.abs().max(b0.abs()),
            "{name}: extensive {a}, benders {b}"
        );
    }
}
