//! The binary as a user meets it: exit codes, files written, messages.

mod common;
use assert_cmd::Command;
use std::path::Path;

fn spillway() -> Command {
    Command::cargo_bin("spillway").unwrap()
}

fn tiny() -> common::Case {
    common::case(
        &format!(
            r#"{}
[nodes.a]
kind = "region"
demand_twh_per_year = 0.1752
[nodes.c]
kind = "outside"
[generators.hydro]
node = "a"
kind = "ror"
capacity_mw = 100
profile = "one"
[lines.ac]
from = "a"
to = "c"
capacity_mw = 50
[market]
node = "c"
export_price_cny_per_mwh = 100
import_price_cny_per_mwh = 200
"#,
            common::HEAD
        ),
        "one",
        &[
            "2025-06-01 00:00,1",
            "2025-06-01 01:00,1",
            "2025-06-01 02:00,0.5",
            "2025-06-01 03:00,0.2",
        ],
    )
}

const FILES: [&str; 7] = [
    "curtailment_duration.csv",
    "summary.json",
    "capacities.csv",
    "energy_by_use_monthly.csv",
    "dispatch.csv",
    "curtailment.csv",
    "prices.csv",
];

#[test]
fn run_writes_every_result_file_and_the_summary_contract() {
    let c = tiny();
    let out = c.dir.path().join("out");
    let assert = spillway()
        .args(["run"])
        .arg(&c.path)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("status     optimal"), "{stdout}");
    assert!(stdout.contains("flood season"), "{stdout}");
    for f in FILES {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let s: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    for key in [
        "/status",
        "/objective_cny",
        "/curtailment/annual_twh",
        "/curtailment/flood_season_twh",
        "/capacity_built_mw",
        "/energy_twh/local_demand",
        "/energy_twh/export",
        "/energy_twh/import",
        "/energy_twh/hydrogen",
        "/energy_twh/data_centre",
        "/energy_twh/industry",
        "/energy_twh/curtailed",
        "/hydrogen_kt",
        "/lcoh_cny_per_kg",
        "/solver",
        "/solve_seconds",
        "/build_seconds",
    ] {
        assert!(s.pointer(key).is_some(), "summary.json lacks {key}");
    }
    // 100+100+50+20 = 270 MWh available; 20 MW demand ×4 = 80; export ≤ 50 per hour: 50+50+30+0 = 130;
    // the rest spills: 270 − 80 − 130 = 60 MWh. Hour 4 (20 MW) is short of nothing.
    assert!((s["energy_twh"]["export"].as_f64().unwrap() * 1e6 - 130.0).abs() < 1e-3);
    assert!((s["curtailment"]["annual_twh"].as_f64().unwrap() * 1e6 - 60.0).abs() < 1e-3);
    // Prices: hours 1–2 spill (0), hour 3 exports below the limit (100), hour 4 local only (100, export is the margin).
    let prices = std::fs::read_to_string(out.join("prices.csv")).unwrap();
    assert!(
        prices.starts_with("step,timestamp,a_price_cny_per_mwh,c_price_cny_per_mwh\n"),
        "{prices}"
    );
    // No half-written folder is left beside the result.
    let leftovers: Vec<_> = std::fs::read_dir(c.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".partial-"))
        .collect();
    assert!(leftovers.is_empty());
    // A second run replaces the folder spillway made.
    spillway()
        .args(["run", "-q"])
        .arg(&c.path)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
}

#[test]
fn run_refuses_a_folder_it_did_not_make() {
    let c = tiny();
    let out = c.dir.path().join("mine");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "precious").unwrap();
    let a = spillway()
        .args(["run"])
        .arg(&c.path)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(5);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("was not made by spillway"), "{err}");
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "precious"
    );
    spillway()
        .args(["run", "-q", "--force"])
        .arg(&c.path)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
}

#[test]
fn bad_input_exits_2_and_names_every_problem_with_its_line() {
    let c = tiny();
    let text = std::fs::read_to_string(&c.path)
        .unwrap()
        .replace("capacity_mw = 100", "capacity_mw = -100")
        .replace("to = \"c\"", "to = \"x\"")
        .replace("kind = \"ror\"", "kind = \"ror\"\ncapcity_mw = 3");
    std::fs::write(&c.path, &text).unwrap();
    let a = spillway().arg("check").arg(&c.path).assert().code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    // serde stops the generator section at the unknown key; the line section is reported too.
    assert!(
        err.contains("unknown field `capcity_mw` (did you mean `capacity_mw`?)"),
        "{err}"
    );
    assert!(err.contains("case.toml:"), "{err}");
    let text = text.replace("capcity_mw = 3\n", "");
    std::fs::write(&c.path, &text).unwrap();
    let a = spillway().arg("check").arg(&c.path).assert().code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("2 problem(s)"), "{err}");
    assert!(
        err.contains("generators.hydro.capacity_mw: must be a finite number ≥ 0 (got -100)"),
        "{err}"
    );
    assert!(err.contains("lines.ac.to: no node `x`"), "{err}");
    let line_of_to = text
        .lines()
        .position(|l| l.starts_with("to = \"x\""))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!("case.toml:{line_of_to}: lines.ac.to")),
        "{err}"
    );
}

#[test]
fn missing_files_and_bad_arguments_exit_2() {
    spillway()
        .args(["run", "no/such/scenario.toml"])
        .assert()
        .code(2);
    let c = tiny();
    spillway()
        .args(["run", "--resolution", "0h"])
        .arg(&c.path)
        .assert()
        .code(2);
    spillway()
        .args(["run", "--solver", "cplex"])
        .arg(&c.path)
        .assert()
        .code(2);
    std::fs::remove_file(c.dir.path().join("profiles.csv")).unwrap();
    let a = spillway().arg("check").arg(&c.path).assert().code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("time.profiles"), "{err}");
    assert!(err.contains("profiles.csv"), "{err}");
}

#[test]
fn run_settings_are_refused_by_name_and_shared_by_every_solving_command() {
    let c = tiny();
    for (args, named) in [
        (["--max-iter", "0"], "--max-iter"),
        (["--threads", "0"], "--threads"),
        (["--resolution", "400d"], "--resolution"),
    ] {
        for command in ["run", "compare", "sweep", "breakeven"] {
            let a = spillway()
                .arg(command)
                .args(args)
                .arg(&c.path)
                .assert()
                .code(2);
            let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
            assert!(err.contains(named), "{command} {args:?}: {err}");
        }
    }
    // The scenario's own key is held to the same range, with its line.
    let text = std::fs::read_to_string(&c.path).unwrap();
    let text = text.replace(
        "profiles = \"profiles.csv\"",
        "profiles = \"profiles.csv\"\nresolution_hours = 100000",
    );
    std::fs::write(&c.path, text).unwrap();
    let a = spillway().arg("check").arg(&c.path).assert().code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("time.resolution_hours"), "{err}");
    assert!(err.contains("100000 h is not a step length"), "{err}");
}

#[test]
fn the_iteration_limit_reaches_the_solver() {
    // One interior-point iteration cannot solve even the tiny case: the solver fails (exit 4);
    // the default limit solves it.
    let c = tiny();
    let out = c.dir.path().join("o");
    let a = spillway()
        .args(["run", "--max-iter", "1", "-q", "--out"])
        .arg(&out)
        .arg(&c.path)
        .assert()
        .code(4);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("Max iterations"), "{err}");
    spillway()
        .args(["run", "-q", "--out"])
        .arg(&out)
        .arg(&c.path)
        .assert()
        .code(0);
}

#[cfg(not(feature = "highs"))]
#[test]
fn a_solver_not_compiled_in_exits_4() {
    let c = tiny();
    let a = spillway()
        .args(["run", "--solver", "highs"])
        .arg(&c.path)
        .arg("--out")
        .arg(c.dir.path().join("o"))
        .assert()
        .code(4);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("--features highs"), "{err}");
}

#[test]
fn default_command_runs_the_shipped_scenario() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("aba");
    let a = spillway()
        .current_dir(root)
        .args(["run", "--resolution", "24h", "--out"])
        .arg(&dir)
        .assert()
        .success();
    let stdout = String::from_utf8(a.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("scenario   aba-2026\n"), "{stdout}");
    assert!(dir.join("summary.json").is_file());
}

#[test]
fn check_accepts_the_shipped_scenarios() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Every shipped scenario and case (sweep files are checked by the sweep tests).
    let mut files = Vec::new();
    for dir in [
        "models",
        "models/cases",
        "models/cases/2026",
        "models/cases/sensitivities",
        "models/cases/pathway",
    ] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "toml") {
                files.push(p);
            }
        }
    }
    assert!(files.len() >= 13, "{files:?}");
    spillway()
        .current_dir(root)
        .arg("check")
        .args(&files)
        .assert()
        .success();
}

#[test]
fn unmet_demand_is_reported_with_where_and_when() {
    // Node b has 20 MW of demand and nothing to serve it but a 5 MW line from a.
    let c = common::case(
        &format!(
            r#"{}
[nodes.a]
kind = "region"
[nodes.b]
kind = "region"
demand_twh_per_year = 0.1752
[generators.hydro]
node = "a"
kind = "ror"
capacity_mw = 100
profile = "one"
[lines.ab]
from = "a"
to = "b"
capacity_mw = 5
"#,
            common::HEAD
        ),
        "one",
        &["2025-06-01 00:00,1", "2025-06-01 01:00,1"],
    );
    let out = c.dir.path().join("o");
    let a = spillway()
        .args(["run", "-q"])
        .arg(&c.path)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("30.0 MWh of demand is NOT served"), "{err}");
    assert!(err.contains("b at 2025-06-01 00:00: 15.0 MW"), "{err}");
    let s: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert!((s["unserved_by_node_mwh"]["b"].as_f64().unwrap() - 30.0).abs() < 1e-3);
}
