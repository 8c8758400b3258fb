//! Adaptive time segments (`--resolution auto:N`, src/series/segments.rs) and
//! `run --check-accuracy`, on tiny cases.

mod common;
use assert_cmd::Command;
use common::*;
use spillway::series::Resolution;
use spillway::study::{run, RunSettings};

fn spillway() -> Command {
    Command::cargo_bin("spillway").unwrap()
}

/// A store case (as tests/storage.rs) over 12 June hours whose series — solar `sun` and the
/// export price `exp` — are constant over four blocks of 3, 2, 3 and 4 hours.
fn blocks_case() -> Case {
    let body = format!(
        r#"{HEAD}
[nodes.a]
kind = "region"
demand_twh_per_year = 0.0876     # 10 MW flat
[nodes.g]
kind = "outside"
[generators.pv]
node = "a"
kind = "solar"
capacity_mw = 120
profile = "sun"
[lines.ag]
from = "a"
to = "g"
capacity_mw = 50
[market]
node = "g"
export_price_cny_per_mwh = {{ series = "exp" }}
import_price_cny_per_mwh = 1000
[options.storage.battery]
node = "a"
new_power_max_mw = 200
hours = 2
round_trip_efficiency = 0.81
capex_cny_per_kw = 175.2
lifetime_years = 1
[options.electrolyser]
sites_max_mw = {{ a = 100 }}
capex_cny_per_kw = 500
lifetime_years = 1
kwh_per_kg = 50
"#
    );
    let levels = [(3, "1,20"), (2, "0,100"), (3, "0.5,60"), (4, "0,100")];
    let mut rows = Vec::new();
    let mut h = 0;
    for (len, values) in levels {
        for _ in 0..len {
            rows.push(format!("2025-06-01 {h:02}:00,{values}"));
            h += 1;
        }
    }
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let c = case(&body, "sun,exp", &rows);
    // A hydrogen price that makes the electrolyser worth building on noon's spill.
    let toml = std::fs::read_to_string(&c.path).unwrap();
    std::fs::write(
        &c.path,
        toml.replace("[market]\n", "[market]\nhydrogen_price_cny_per_kg = 20\n"),
    )
    .unwrap();
    c
}

fn solve_at(c: &Case, r: Resolution) -> spillway::results::Summary {
    let settings = RunSettings::builder().resolution(Some(r)).build().unwrap();
    run(&c.path, &settings)
        .unwrap_or_else(|e| panic!("{e}"))
        .summary
}

#[test]
fn segments_of_a_piecewise_constant_case_give_the_hourly_optimum() {
    // Property: when every series is constant over the segments, the segmented LP is the
    // hourly LP with each block's hours tied together, and an optimal hourly plan can be
    // averaged over each block (linear constraints, constant data; the store's level is
    // checked at block ends, and in between it moves linearly) without changing the
    // objective. So the objectives and capacities agree, to the solver's tolerance.
    let c = blocks_case();
    let hourly = solve_at(&c, Resolution::Hours(1));
    let seg = solve_at(&c, Resolution::Auto(4));
    assert_eq!(seg.steps, 4);
    assert_eq!(seg.resolution, "auto:4");
    assert_eq!(seg.resolution_hours, 4, "the longest block");
    assert_eq!(hourly.steps, 12);
    let scale = hourly.objective_cny.abs().max(1.0);
    close(
        seg.objective_cny / scale,
        hourly.objective_cny / scale,
        1e-6,
        "objective, relative",
    );
    assert!(
        hourly.capacity_built_mw.values().any(|v| *v > 1.0),
        "the case must build something to be a test: {:?}",
        hourly.capacity_built_mw
    );
    for (k, v) in &hourly.capacity_built_mw {
        close(seg.capacity_built_mw[k], *v, 1e-3 * v.max(1.0), k);
    }
    // Fewer segments than blocks merge levels: the answer may then differ, but the
    // horizon's hours stay whole.
    let coarse = solve_at(&c, Resolution::Auto(2));
    assert_eq!(coarse.steps, 2);
    close(coarse.horizon_hours, 12.0, 1e-9, "horizon hours");
}

#[test]
fn bad_auto_resolutions_are_refused_naming_the_argument() {
    let c = blocks_case();
    for (arg, code, words) in [
        ("auto:0", 2, "N ≥ 1"),
        ("auto:x", 2, "N ≥ 1"),
        ("auto:", 2, "N ≥ 1"),
        (
            "auto:13",
            2,
            "more segments than the horizon has hours (12)",
        ),
    ] {
        let out = spillway()
            .args(["run", c.path.to_str().unwrap(), "--resolution", arg, "-q"])
            .arg("--out")
            .arg(c.dir.path().join("out"))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{arg}: {err}");
        assert!(
            err.contains("--resolution") && err.contains(words),
            "{arg}: {err}"
        );
        assert!(!c.dir.path().join("out").exists(), "{arg} wrote a folder");
    }
}

#[test]
fn a_horizon_of_two_months_needs_two_segments_at_least() {
    let body = format!(
        "{HEAD}\n[nodes.a]\nkind = \"region\"\ndemand_twh_per_year = 0.0876\n\
         [generators.pv]\nnode = \"a\"\nkind = \"solar\"\ncapacity_mw = 120\nprofile = \"sun\"\n"
    );
    let c = case(
        &body,
        "sun",
        &[
            "2025-05-31 22:00,1",
            "2025-05-31 23:00,1",
            "2025-06-01 00:00,1",
        ],
    );
    let out = spillway()
        .args(["check", c.path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = spillway()
        .args(["run", c.path.to_str().unwrap(), "--resolution", "auto:1"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("fewer segments than the horizon has months (2)"),
        "{err}"
    );
}

fn summary_json(dir: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap()
}

#[test]
fn summary_json_names_the_resolution_and_the_steps() {
    let c = blocks_case();
    for (arg, resolution, steps) in [
        (Some("auto:4"), "auto:4", 4),
        (Some("3h"), "3h", 4),
        (Some("1d"), "24h", 1),
        (None, "1h", 12),
    ] {
        let out_dir = c.dir.path().join(format!("out-{resolution}"));
        let mut cmd = spillway();
        cmd.args(["run", c.path.to_str().unwrap(), "-q", "--out"])
            .arg(&out_dir);
        if let Some(a) = arg {
            cmd.args(["--resolution", a]);
        }
        cmd.assert().success();
        let s = summary_json(&out_dir);
        assert_eq!(s["resolution"], resolution, "{arg:?}");
        assert_eq!(s["steps"], steps, "{arg:?}");
        for key in ["solve_seconds", "lp_columns", "lp_rows"] {
            assert!(s.get(key).is_some(), "{key} kept");
        }
        assert!(
            !out_dir.join("accuracy.csv").exists(),
            "only with --check-accuracy"
        );
    }
}

#[test]
fn check_accuracy_writes_the_differences_from_the_hourly_model() {
    let c = blocks_case();
    let out_dir = c.dir.path().join("acc");
    let out = spillway()
        .args(["run", c.path.to_str().unwrap(), "--resolution", "auto:2"])
        .args(["--check-accuracy", "--out"])
        .arg(&out_dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("accuracy of auto:2 against the hourly model"),
        "{stdout}"
    );
    let mut r = csv::Reader::from_path(out_dir.join("accuracy.csv")).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, spillway::output::run::ACCURACY_COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let row = |q: &str| {
        rows.iter()
            .find(|r| &r[0] == q)
            .unwrap_or_else(|| panic!("{q}"))
    };
    // The hourly column is the hourly model's own summary, the run column this run's.
    let hourly = solve_at(&c, Resolution::Hours(1));
    let seg = summary_json(&out_dir);
    let objective = row("objective_cny");
    let num = |s: &str| s.parse::<f64>().unwrap();
    close(
        num(&objective[2]) / hourly.objective_cny,
        1.0,
        1e-6,
        "hourly objective",
    );
    close(
        num(&objective[3]),
        seg["objective_cny"].as_f64().unwrap(),
        1e-6 * num(&objective[3]).abs(),
        "run objective",
    );
    close(
        num(&objective[4]),
        num(&objective[3]) - num(&objective[2]),
        1e-6 * num(&objective[2]).abs(),
        "difference = run − hourly",
    );
    for q in ["hydro_spill_twh", "export_twh", "solve_seconds"] {
        row(q);
    }
    assert!(rows.iter().any(|r| r[0].starts_with("capacity_mw.")));
    // The verdict column is filled for every quantity with a goal.
    for r in &rows {
        assert_eq!(r[6].is_empty(), r[7].is_empty(), "{r:?}");
    }
}

#[test]
fn a_sweep_file_may_ask_for_segments_and_is_told_when_they_do_not_fit() {
    let c = blocks_case();
    let sweep = |name: &str, resolution: &str| {
        let p = c.dir.path().join(name);
        std::fs::write(
            &p,
            format!(
                "base = \"case.toml\"\ndesign = \"grid\"\nresolution = \"{resolution}\"\n\
                 [[parameter]]\npath = \"market.hydrogen_price_cny_per_kg\"\nvalues = [10, 20]\n"
            ),
        )
        .unwrap();
        p
    };
    let out = c.dir.path().join("sweep-out");
    spillway()
        .arg("sweep")
        .arg(sweep("s.toml", "auto:4"))
        .arg("--out")
        .arg(&out)
        .arg("-q")
        .assert()
        .success();
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("sweep.json")).unwrap()).unwrap();
    assert_eq!(meta["resolution"], "auto:4");
    assert_eq!(meta["resolution_hours"], 4, "the longest segment");
    // Too many segments for 12 hours: the sweep file's key is named, not the command line's.
    let o = spillway()
        .arg("sweep")
        .arg(sweep("bad.toml", "auto:13"))
        .arg("--out")
        .arg(c.dir.path().join("bad-out"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("bad.toml") && err.contains("resolution"),
        "{err}"
    );
    assert!(!err.contains("--resolution"), "{err}");
}
