//! Where a stochastic scenario is accepted (issue 11): `compare` solves it as one case (its plan
//! and its results weighted over the years), a sweep solves each point as a stochastic LP,
//! `breakeven` searches on the plan; `regret = false` skips the regret table but keeps VSS and
//! EVPI; a run folder holds the two stochastic charts, in English and Chinese.

mod common;

use common::two_year::{cost, two_year_case, BODY, ROWS};
use common::{case, close, Case, HEAD};
use spillway::compare::compare;
use spillway::study::{self, RunSettings};
use std::path::Path;
use std::process::Command;

fn settings() -> RunSettings {
    RunSettings::builder().threads(Some(1)).build().unwrap()
}

/// The stochastic case beside a plain one (the same system in a year of f = 1, surplus 30 MW:
/// electrolysers up to the 20 MW that would spill, 1,200 > 800 a MW; beyond, they divert
/// export, 600 < 800). The stochastic case's figures are the expectation over its two years:
/// hydrogen 20 MW × 4 h in each (1.6 t), spill 0 dry and 30 MW × 4 h wet (60 MWh expected),
/// objective RP = −11,000, net benefit ½(cost(0, 20) − cost(20, 20)) + ½(cost(0, 60) −
/// cost(20, 60)) = 5,000 over the 4 h, × 8,760 / 4 a year.
#[test]
fn compare_solves_a_stochastic_case_as_one_case_with_expected_results() {
    let st = two_year_case("stoch", "");
    let plain_toml = format!(
        "{}{BODY}",
        HEAD.replace("name = \"case\"", "name = \"plain\"")
    );
    let plain = case(&plain_toml, "half", &ROWS);
    let cache = tempfile::tempdir().unwrap();
    let files = [st.path.clone(), plain.path.clone()];
    let c = compare(&files, &settings(), Some(cache.path())).unwrap_or_else(|e| panic!("{e}"));
    let s = &c.summaries[0].summary;
    close(s.capacity_built_mw["electrolyser"], 20.0, 1e-4, "plan");
    let rp = 0.5 * (cost(20.0, 20.0) + cost(20.0, 60.0));
    close(s.objective_cny, rp, 1e-3, "expected objective");
    close(
        s.hydrogen_kt,
        20.0 * 4.0 / 50.0 / 1e3,
        1e-9,
        "expected hydrogen",
    );
    close(
        s.curtailment.annual_twh,
        0.5 * 30.0 * 4.0 / 1e6,
        1e-9,
        "expected spill",
    );
    let gain =
        0.5 * (cost(0.0, 20.0) - cost(20.0, 20.0)) + 0.5 * (cost(0.0, 60.0) - cost(20.0, 60.0));
    assert_eq!(gain, 5_000.0);
    assert_eq!(s.horizon_hours, 4.0);
    let net = s.decision.net_benefit_vs_baseline_cny_per_year.unwrap();
    close(
        net,
        gain * 8_760.0 / 4.0,
        1e-2,
        "expected net benefit a year",
    );
    let stoch = s.stochastic.as_ref().expect("the plan's stochastic object");
    close(stoch.vss_cny.unwrap(), 2_000.0, 1e-3, "VSS in compare");
    close(stoch.evpi_cny.unwrap(), 7_000.0, 1e-3, "EVPI in compare");
    // The plain case beside it is an ordinary one.
    let p = &c.summaries[1].summary;
    assert!(p.stochastic.is_none());
    close(
        p.capacity_built_mw["electrolyser"],
        20.0,
        1e-4,
        "plain case",
    );
    close(p.objective_cny, cost(20.0, 30.0), 1e-3, "plain objective");
}

/// A sweep over a stochastic base solves each point as a stochastic LP. At 9 CNY/kg a MW of
/// electrolyser earns at most 4 × 20 × 9 = 720 < 800 on spilled water: nothing is built; at 15
/// the plan is 20 MW (neither year's optimum, 10 or 50 MW).
#[test]
fn a_sweep_over_a_stochastic_base_solves_each_point_as_a_stochastic_lp() {
    let st = two_year_case("stoch", "");
    let file = st.dir.path().join("sweep.toml");
    std::fs::write(
        &file,
        "base = \"case.toml\"\n[[parameter]]\npath = \"market.hydrogen_price_cny_per_kg\"\nvalues = [9, 15]\n",
    )
    .unwrap();
    let sweep = spillway::sweep::Sweep::load(&file, &settings()).unwrap();
    let points: Vec<_> = sweep.points.iter().collect();
    let out = spillway::sweep::run::solve_points(&sweep, &points, false).unwrap();
    let built: Vec<f64> = out
        .iter()
        .map(|o| {
            let s = o
                .summary
                .as_ref()
                .unwrap_or_else(|| panic!("{}", o.message));
            assert!(s.stochastic.is_some(), "point {} not stochastic", o.index);
            s.capacity_built_mw["electrolyser"]
        })
        .collect();
    close(built[0], 0.0, 1e-4, "9 CNY/kg");
    close(built[1], 20.0, 1e-4, "15 CNY/kg");
}

/// Break-even on a stochastic base searches on the plan: its first MW pays when 4 × 20 × π >
/// 800 on the water both years spill (10 MW dry, 50 MW wet), π = 10 CNY/kg.
#[test]
fn breakeven_on_a_stochastic_base_finds_the_hand_price() {
    use spillway::breakeven::{breakeven, BreakevenOptions};
    let st = two_year_case("stoch", "");
    let b = breakeven(&BreakevenOptions {
        scenario: st.path.clone(),
        param: "market.hydrogen_price_cny_per_kg".into(),
        option: "electrolyser".into(),
        when: None,
        lo: Some(5.0),
        hi: Some(20.0),
        tol: Some(0.01),
        settings: settings(),
    })
    .unwrap_or_else(|e| panic!("{e}"));
    close(b.value, 10.0, 0.02, "break-even hydrogen price");
}

/// `regret = false`: no single-year plan is evaluated in the other years, yet VSS and EVPI are
/// the hand values (EEV − RP = 2,000, RP − WS = 7,000; tests/stochastic.rs derives them).
#[test]
fn without_the_regret_table_vss_and_evpi_remain() {
    let c = two_year_case("stoch", "regret = false");
    let out = study::run(&c.path, &settings()).unwrap_or_else(|e| panic!("{e}"));
    let s = out.summary.stochastic.as_ref().unwrap();
    close(s.vss_cny.unwrap(), 2_000.0, 1e-3, "VSS");
    close(s.evpi_cny.unwrap(), 7_000.0, 1e-3, "EVPI");
    let report = out.stochastic.as_ref().unwrap();
    assert!(!report.table.complete());
    let kinds: Vec<_> = report.table.plans.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(kinds, ["mean_year", "stochastic"]);
}

/// A run's summary.json reads as compare's row of the same scenario: the expected objective
/// RP and the expected net benefit (5,000 over the 4 h, as derived above), not the
/// representative year's; the printed table says which figures are expectations.
#[test]
fn a_run_summary_holds_the_expectation_over_the_years() {
    let c = two_year_case("stoch", "");
    let out = study::run_against_status_quo(&c.path, &settings(), None, None)
        .unwrap_or_else(|e| panic!("{e}"));
    let s = &out.summary;
    let rp = 0.5 * (cost(20.0, 20.0) + cost(20.0, 60.0));
    close(s.objective_cny, rp, 1e-3, "run objective = RP");
    let net = s.decision.net_benefit_vs_baseline_cny_per_year.unwrap();
    close(net, 5_000.0 * 8_760.0 / 4.0, 1e-2, "run net benefit");
    close(
        s.curtailment.annual_twh,
        0.5 * 30.0 * 4.0 / 1e6,
        1e-9,
        "spill",
    );
    let table = spillway::print::summary_table(s);
    assert!(
        table.contains("the figures below are expectations over the years"),
        "{table}"
    );
}

fn run_cli(c: &Case, out: &Path, extra: &[&str]) {
    let o = Command::new(env!("CARGO_BIN_EXE_spillway"))
        .args([
            "run",
            c.path.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "-q",
        ])
        .args(extra)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// A run folder: both charts with the table, in Chinese with `--lang zh` (the SVG's text is
/// translated); with `regret = false`, no regret.csv and no regret chart, the outcomes chart
/// still drawn and the report saying why.
#[test]
fn run_folders_hold_the_stochastic_charts_in_both_languages() {
    let c = two_year_case("stoch", "");
    let en = c.dir.path().join("en");
    run_cli(&c, &en, &[]);
    for f in [
        "regret.csv",
        "charts/regret_table.png",
        "charts/outcomes_by_year.png",
    ] {
        assert!(en.join(f).is_file(), "{f}");
    }
    let md = std::fs::read_to_string(en.join("report.md")).unwrap();
    assert!(md.contains("charts/regret_table.png"), "{md}");
    let zh = c.dir.path().join("zh");
    run_cli(&c, &zh, &["--lang", "zh"]);
    let svg = std::fs::read_to_string(zh.join("charts/regret_table.svg")).unwrap();
    assert!(svg.contains("随机规划方案") && !svg.contains("stochastic plan"));
    let svg = std::fs::read_to_string(zh.join("charts/outcomes_by_year.svg")).unwrap();
    assert!(
        svg.contains("相对现状的净收益"),
        "outcomes chart in Chinese"
    );
    let md = std::fs::read_to_string(zh.join("report.md")).unwrap();
    assert!(
        md.contains("各方案的后悔值") && md.contains("随机解的价值"),
        "{md}"
    );

    let c = two_year_case("stoch", "regret = false");
    let off = c.dir.path().join("off");
    run_cli(&c, &off, &[]);
    assert!(!off.join("regret.csv").exists());
    assert!(!off.join("charts/regret_table.png").exists());
    assert!(off.join("charts/outcomes_by_year.png").is_file());
    let md = std::fs::read_to_string(off.join("report.md")).unwrap();
    assert!(md.contains("regret = false") && md.contains("(VSS"), "{md}");
}
