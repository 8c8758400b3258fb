//! Projects that come whole (`lumpy = true`): small cases whose answers are derived by hand.
//!
//! Four June hours, zero discount rate, one-year lives: C CNY/kW costs C·1000·4/8760 CNY per MW
//! over the horizon, so 876 CNY/kW is 400 CNY per MW (100 CNY per MW-hour).

mod common;
use common::*;
use spillway::model::tech::lumpy::Choice;
use spillway::study::{run, RunSettings};
use std::process::Command;

const HEAD_LUMPY: &str = r#"
name = "case"
[time]
profiles = "profiles.csv"
[finance]
discount_rate = 0.0
[settings]
flow_tie_break_cny_per_mwh = 0.0
solar_wind_priority_cny_per_mwh = 0.0
curtailment_penalty_cny_per_mwh = 0.0
"#;

/// 187 MW of free run-of-river hydro at `a` (no demand there) and a candidate line `ac` of up
/// to 1,000 MW at 876 CNY/kW to the outside node `c`, which buys at `price` CNY/MWh. `line`
/// adds keys to the line (the lumpy rule).
fn export_case(price: f64, line: &str) -> Case {
    let toml = format!(
        r#"{HEAD_LUMPY}
[nodes.a]
kind = "region"
demand_twh_per_year = 0
[nodes.c]
kind = "outside"
[generators.hydro]
node = "a"
kind = "ror"
capacity_mw = 187
profile = "one"
[lines.ac]
from = "a"
to = "c"
capacity_mw = 0
new_capacity_max_mw = 1000
capex_cny_per_kw = 876
lifetime_years = 1
{line}
[market]
node = "c"
export_price_cny_per_mwh = {price}
import_price_cny_per_mwh = {price}
"#
    );
    case(&toml, "one", &FOUR_JUNE_HOURS)
}

fn settings(threads: usize) -> RunSettings {
    RunSettings::builder()
        .threads(Some(threads))
        .build()
        .unwrap()
}

#[test]
fn the_lp_builds_a_fraction_and_the_lumpy_solve_all_or_nothing() {
    // Divisible: every MW of line earns 4 h × price and costs 400 CNY. At 300 CNY/MWh a MW
    // earns 1,200 > 400, so the LP builds the 187 MW the hydro can send:
    // objective = 187·400 − 187·4·300 = 74,800 − 224,400 = −149,600.
    let lp = run(&export_case(300.0, "").path, &settings(1)).unwrap();
    close(
        built(&lp.results, "line.ac", "a-c"),
        187.0,
        1e-3,
        "LP line MW",
    );
    close(lp.summary.objective_cny, -149_600.0, 1e-2, "LP objective");
    assert!(lp.lumpy.is_none());

    // Whole (sizes 0 or 1,000 MW): 1,000 MW costs 400,000 and still sends only 187 MW,
    // earning 224,400: objective +175,600 > 0, so nothing is built and nothing is sold.
    let whole = "lumpy = true\nsizes_mw = [1000, 0]";
    let none = run(&export_case(300.0, whole).path, &settings(1)).unwrap();
    close(
        built(&none.results, "line.ac", "a-c"),
        0.0,
        1e-6,
        "lumpy line MW",
    );
    close(
        none.summary.objective_cny,
        0.0,
        1e-2,
        "lumpy objective at 300",
    );
    let table = none.lumpy.as_ref().expect("a table");
    let objectives: Vec<f64> = table
        .rows
        .iter()
        .map(|r| r.objective_cny.unwrap())
        .collect();
    close(objectives[0], 0.0, 1e-2, "size 0");
    close(objectives[1], 400_000.0 - 224_400.0, 1e-2, "size 1000");

    // At 1,000 CNY/MWh the whole line pays: 187·4·1000 − 400,000 = 348,000 net, objective
    // −348,000 (the LP would have −748,000 + 74,800 = −673,200).
    let all = run(&export_case(1000.0, whole).path, &settings(1)).unwrap();
    close(
        built(&all.results, "line.ac", "a-c"),
        1000.0,
        1e-6,
        "lumpy line MW",
    );
    close(
        all.summary.objective_cny,
        -348_000.0,
        1e-2,
        "lumpy objective at 1000",
    );
    let l = all.summary.lumpy.as_ref().expect("summary.json's lumpy");
    assert_eq!(l.method, "enumerate");
    assert_eq!(l.choice["line.ac"], "1000");
}

#[test]
fn a_minimum_plant_size_is_built_at_least_whole_or_not_at_all() {
    // tests/common's electrolyser case at 12 CNY/kg: the LP builds 80 MW (the surplus) for an
    // objective of −12,800 (derived in tests/analytic.rs). Each MW costs 1,752·1000·4/8760 =
    // 800 CNY over 4 h and earns 12·4·20 = 960 CNY when it runs.
    let with_min = |min: f64| {
        let toml = electrolyser_toml(12.0) + &format!("lumpy = true\nmin_build_mw = {min}\n");
        case(&toml, "one", &FOUR_JUNE_HOURS)
    };
    // At least 100 MW: 100·800 = 80,000 for 80 MW of use earning 76,800: +3,200 > 0, off.
    let off = run(&with_min(100.0).path, &settings(1)).unwrap();
    close(
        built(&off.results, "electrolyser", "a"),
        0.0,
        1e-6,
        "MW off",
    );
    close(off.summary.objective_cny, 0.0, 1e-2, "objective off");
    let rows = &off.lumpy.as_ref().unwrap().rows;
    assert_eq!(rows.len(), 2);
    close(
        rows[1].objective_cny.unwrap(),
        3_200.0,
        1e-2,
        "on at 100 MW",
    );
    close(rows[1].built_mw[0], 100.0, 1e-4, "on builds the minimum");
    // At least 50 MW: on, and free above it: the LP's 80 MW and −12,800.
    let on = run(&with_min(50.0).path, &settings(1)).unwrap();
    close(built(&on.results, "electrolyser", "a"), 80.0, 1e-3, "MW on");
    close(on.summary.objective_cny, -12_800.0, 1e-2, "objective on");
}

/// The line (sizes 0, 100, 1,000 MW) and an electrolyser at `a` with a 50 MW minimum: 3 × 2
/// combinations. The hydro (187 MW) can go out on the line or into hydrogen.
fn two_projects() -> Case {
    let toml = format!(
        r#"{HEAD_LUMPY}
[nodes.a]
kind = "region"
demand_twh_per_year = 0
[nodes.c]
kind = "outside"
[generators.hydro]
node = "a"
kind = "ror"
capacity_mw = 187
profile = "one"
[lines.ac]
from = "a"
to = "c"
capacity_mw = 0
new_capacity_max_mw = 1000
capex_cny_per_kw = 876
lifetime_years = 1
lumpy = true
sizes_mw = [0, 100, 1000]
[market]
node = "c"
export_price_cny_per_mwh = 500
import_price_cny_per_mwh = 500
hydrogen_price_cny_per_kg = 12
[options.electrolyser]
sites_max_mw = {{ a = 200 }}
capex_cny_per_kw = 1752
lifetime_years = 1
kwh_per_kg = 50
lumpy = true
min_build_mw = 50
"#
    );
    case(&toml, "one", &FOUR_JUNE_HOURS)
}

#[test]
fn the_table_has_every_combination_and_its_best_row_is_the_answer() {
    let c = two_projects();
    let out = run(&c.path, &settings(2)).unwrap();
    let table = out.lumpy.as_ref().unwrap();
    assert_eq!(table.projects, ["line.ac", "electrolyser.a"]);
    assert_eq!(table.rows.len(), 6);
    let mut seen: Vec<String> = table
        .rows
        .iter()
        .map(|r| format!("{:?}", r.choices))
        .collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 6, "every combination once");
    // The best row is the answer, and no row has a lower objective.
    let best = table.rows.iter().find(|r| r.rank == Some(1)).unwrap();
    close(
        best.objective_cny.unwrap(),
        out.summary.objective_cny,
        1e-9,
        "best row = answer",
    );
    for r in &table.rows {
        assert!(r.objective_cny.unwrap() >= best.objective_cny.unwrap() - 1e-9);
    }
    // Hand check of the answer: 100 MW of line sends 100 MW at 500 (2,000 per MW over 4 h,
    // cost 400) and the other 87 MW go to hydrogen (960 per MW against 800; above the 50 MW
    // minimum): −(100·1,600) − 87·160 = −160,000 − 13,920 = −173,920. The 1,000 MW line would
    // send all 187 MW for 187·2,000 = 374,000 against its 400,000: a loss.
    assert_eq!(best.choices, [Choice::Size(100.0), Choice::AtLeast(50.0)]);
    close(out.summary.objective_cny, -173_920.0, 1e-2, "objective");

    // The file: a header and one row per combination, written by `spillway run`.
    let dir = c.dir.path().join("out");
    let status = Command::new(env!("CARGO_BIN_EXE_spillway"))
        .args([
            "run",
            c.path.to_str().unwrap(),
            "--out",
            dir.to_str().unwrap(),
            "-q",
        ])
        .args(["--no-baseline"])
        .status()
        .unwrap();
    assert!(status.success());
    let csv = std::fs::read_to_string(dir.join("lumpy_combinations.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "combination,choice.line.ac,choice.electrolyser.a,built_mw.line.ac,built_mw.electrolyser.a,status,objective_cny,net_benefit_cny_per_year,rank"
    );
    assert_eq!(lines.len(), 7);
    assert_eq!(lines.iter().filter(|l| l.ends_with(",1")).count(), 1);
}

#[test]
fn enumeration_is_identical_on_one_and_two_threads() {
    let c = two_projects();
    let one = run(&c.path, &settings(1)).unwrap();
    let two = run(&c.path, &settings(2)).unwrap();
    let rows = |o: &spillway::study::Outcome| -> Vec<(String, Option<u64>, Option<usize>)> {
        o.lumpy
            .as_ref()
            .unwrap()
            .rows
            .iter()
            .map(|r| {
                (
                    format!("{:?}", r.choices),
                    r.objective_cny.map(f64::to_bits),
                    r.rank,
                )
            })
            .collect()
    };
    assert_eq!(rows(&one), rows(&two));
    assert_eq!(
        one.summary.objective_cny.to_bits(),
        two.summary.objective_cny.to_bits()
    );
}

#[test]
fn too_many_combinations_are_refused_with_the_milp_suggested() {
    let c = two_projects();
    let s = RunSettings::builder().lumpy_limit(5).build().unwrap();
    let e = run(&c.path, &s).err().expect("refused").to_string();
    assert!(
        e.contains("6 combinations") && e.contains("--lumpy milp"),
        "{e}"
    );
    assert!(e.contains("lines.ac.lumpy"), "{e}");
}

/// The MILP through HiGHS and the enumeration agree (only with `--features highs`).
#[cfg(feature = "highs")]
#[test]
fn the_milp_agrees_with_the_enumeration() {
    use spillway::study::settings::LumpyMethod;
    let c = two_projects();
    let enumerated = run(&c.path, &settings(2)).unwrap();
    let s = RunSettings::builder()
        .lumpy(Some(LumpyMethod::Milp))
        .build()
        .unwrap();
    let milp = run(&c.path, &s).unwrap();
    close(
        milp.summary.objective_cny,
        enumerated.summary.objective_cny,
        1e-3,
        "objective",
    );
    let (a, b) = (
        milp.summary.lumpy.unwrap(),
        enumerated.summary.lumpy.unwrap(),
    );
    assert_eq!(a.method, "milp");
    assert_eq!(a.choice, b.choice);
}
