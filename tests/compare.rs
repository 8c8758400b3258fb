//! `spillway compare` on the shipped cases (at 24 h), and the shipped sweep files.

use assert_cmd::Command;
use spillway::study::{run, RunSettings};
use spillway::sweep::{capacity_keys, Sweep};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn repo(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

#[test]
fn compare_the_three_shipped_cases() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cmp");
    let a = Command::cargo_bin("spillway")
        .unwrap()
        .arg("compare")
        .args(["export", "hydrogen", "mixed"].map(|c| repo(&format!("models/cases/{c}.toml"))))
        .args(["--resolution", "24h", "--out"])
        .arg(&out)
        .assert()
        .success();
    let table = String::from_utf8(a.get_output().stdout.clone()).unwrap();
    assert!(table.contains("case-hydrogen − case-export"), "{table}");
    assert!(table.contains("curtailment.flood_season"), "{table}");

    let mut r = csv::Reader::from_path(out.join("compare.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    assert_eq!(
        h.iter().collect::<Vec<_>>(),
        [
            "metric",
            "unit",
            "case-export",
            "case-hydrogen",
            "case-mixed",
            "case-hydrogen_minus_case-export",
            "case-mixed_minus_case-export"
        ]
    );
    let rows: BTreeMap<String, Vec<String>> = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            (
                rec[0].to_string(),
                rec.iter().skip(2).map(String::from).collect(),
            )
        })
        .collect();
    let v = |metric: &str, col: usize| -> f64 { rows[metric][col].parse().unwrap() };
    // Each case's switches hold: no electrolysis in "export", no new line in "hydrogen".
    assert!(v("capacity.electrolyser", 0).abs() < 1.0);
    assert!(v("capacity.electrolyser", 1) > 100.0);
    assert!(v("capacity.line.aba_chengdu_1000kv", 1).abs() < 1.0);
    assert!(v("hydrogen", 0).abs() < 1e-3 && v("hydrogen", 1) > 1.0);
    // Allowing everything can never cost more than allowing a part (objective in M CNY).
    assert!(v("objective", 2) <= v("objective", 0) + 0.01);
    assert!(v("objective", 2) <= v("objective", 1) + 0.01);
    // Difference columns are case minus the first.
    let d = v("objective", 3);
    assert!((d - (v("objective", 1) - v("objective", 0))).abs() < 1e-3);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("compare.json")).unwrap()).unwrap();
    assert_eq!(json["cases"][2], "case-mixed");
    assert!(
        json["summaries"][1]["summary"]["capacity_built_mw"]["electrolyser"]
            .as_f64()
            .unwrap()
            > 100.0
    );
}

#[test]
fn compare_refuses_cases_with_the_same_name() {
    let a = Command::cargo_bin("spillway")
        .unwrap()
        .arg("compare")
        .args([repo("models/aba-2025.toml"), repo("models/aba-2025.toml")])
        .args(["--resolution", "24h", "--out"])
        .arg(tempfile::tempdir().unwrap().path().join("x"))
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("distinct names"), "{err}");
}

/// Names are checked before anything is solved: with a solver this build lacks, solving would
/// fail first (exit 4), so exit 2 here shows that no case reached the solver.
#[cfg(not(feature = "highs"))]
#[test]
fn compare_checks_the_names_before_solving_and_names_both_files() {
    let dir = tempfile::tempdir().unwrap();
    let twin = dir.path().join("twin.toml");
    let base = repo("models/aba-2025.toml");
    std::fs::write(
        &twin,
        format!("extends = {:?}\n", base.display().to_string()),
    )
    .unwrap();
    let a = Command::cargo_bin("spillway")
        .unwrap()
        .arg("compare")
        .arg(&base)
        .arg(&twin)
        .args(["--resolution", "24h", "--solver", "highs", "--out"])
        .arg(dir.path().join("x"))
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("distinct names"), "{err}");
    assert!(err.contains("twin.toml"), "{err}");
    assert!(err.contains("aba-2025.toml"), "{err}");
}

/// sweep.csv's capacity columns are predicted before solving; the prediction must be what the
/// summary reports, or shards would disagree on their columns.
#[test]
fn predicted_capacity_columns_are_the_summary_keys() {
    for c in [
        "models/cases/export.toml",
        "models/cases/hydrogen.toml",
        "models/aba-2025-baseline.toml",
    ] {
        let at_24h = RunSettings::builder()
            .resolution_hours(Some(24))
            .build()
            .unwrap();
        let o = run(&repo(c), &at_24h).unwrap();
        let predicted: Vec<String> = capacity_keys(&o.loaded.scenario).into_iter().collect();
        let reported: Vec<String> = o.summary.capacity_built_mw.keys().cloned().collect();
        assert_eq!(predicted, reported, "{c}");
    }
}

#[test]
fn shipped_sweep_files_load_on_the_default() {
    let defaults = RunSettings::default();
    let s = Sweep::load(&repo("models/sweeps/hydrogen-price.toml"), &defaults).unwrap();
    assert_eq!(s.points.len(), 64);
    assert_eq!(s.resolution_hours(), 24);
    let h = Sweep::load(&repo("models/sweeps/hydrology-years.toml"), &defaults).unwrap();
    assert_eq!(h.points.len(), 38);
    let years: Vec<i32> = h
        .points
        .iter()
        .map(|p| p.hydrology.as_ref().unwrap().year.year)
        .collect();
    assert_eq!((years[0], years[37]), (1979, 2016));
    // The design years: four points whose weights sum to one, wet to dry.
    let d = Sweep::load(&repo("models/sweeps/design-years.toml"), &defaults).unwrap();
    let ys: Vec<_> = d
        .points
        .iter()
        .map(|p| p.hydrology.clone().unwrap())
        .collect();
    let labels: Vec<&str> = ys.iter().map(|y| y.label.as_str()).collect();
    assert_eq!(labels, ["P10", "P50", "P75", "P90"]);
    assert!((ys.iter().map(|y| y.probability).sum::<f64>() - 1.0).abs() < 1e-12);
    assert!(ys
        .windows(2)
        .all(|w| w[1].year.relative_to_mean < w[0].year.relative_to_mean));
    // The examples of each design (docs/sweeps.md) load, with the points their comments say.
    for (file, points) in [
        ("models/sweeps/tornado.toml", 13),
        ("models/sweeps/monte-carlo.toml", 40),
        ("models/sweeps/line-capex.toml", 9),
    ] {
        let s = Sweep::load(&repo(file), &defaults).unwrap();
        assert_eq!(s.points.len(), points, "{file}");
        assert_eq!(s.resolution_hours(), 24, "{file}");
    }
}
