//! What a run leaves for people: charts and report.md drawn from its own files, the baseline's
//! curve beside the scenario's, and `spillway plot` redrawing them byte for byte.

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const CHARTS: [&str; 7] = [
    "curtailment_duration",
    "monthly_energy",
    "flood_week_dispatch",
    "price_duration",
    "capacity_built",
    "network",
    "line_loading",
];

const BASE: &str = r#"# A two-node test case.
name = "base"
description = "Test: one valley, one grid"
[time]
profiles = "profiles.csv"
[finance]
discount_rate = 0.0
[settings]
flow_tie_break_cny_per_mwh = 0.0
[nodes.a]
kind = "region"
label = "Upper valley (Ma'erkang, Jinchuan)"
demand_twh_per_year = 0.1752                    # ASSUMPTION: 20 MW of test demand
[nodes.c]
kind = "outside"
label = "Grid at Chengdu"
[generators.hydro]
node = "a"
kind = "ror"
capacity_mw = 100                               # ASSUMPTION: test plant,
                                                # continued on a second line
profile = "flow"
[lines.ac]
from = "a"
to = "c"
capacity_mw = 50                                # CALIBRATED: base limit
[market]
node = "c"
export_price_cny_per_mwh = 100
import_price_cny_per_mwh = 200
hydrogen_price_cny_per_kg = 10                  # spec: test price
"#;

const CHILD: &str = r#"extends = "base.toml"
baseline = "base.toml"
name = "child"
[lines.ac]
capacity_mw = 60                                # the child's own limit
[options.electrolyser]
sites_max_mw = { a = 30 }                       # ASSUMPTION: one site
capex_cny_per_kw = 100
kwh_per_kg = 50
"#;

/// base.toml, child.toml and 48 flood-season hours of profile in a fresh folder.
fn case() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("timestamp,flow\n");
    for h in 0..48 {
        let flow = 0.5 + 0.5 * ((h % 24) as f64 / 23.0);
        csv.push_str(&format!(
            "2025-07-{:02} {:02}:00,{flow:.4}\n",
            1 + h / 24,
            h % 24
        ));
    }
    std::fs::write(dir.path().join("profiles.csv"), csv).unwrap();
    std::fs::write(dir.path().join("base.toml"), BASE).unwrap();
    std::fs::write(dir.path().join("child.toml"), CHILD).unwrap();
    dir
}

fn spillway() -> Command {
    Command::cargo_bin("spillway").unwrap()
}

fn run(dir: &Path, scenario: &str, out: &Path) -> String {
    let a = spillway()
        .arg("run")
        .arg(dir.join(scenario))
        .arg("--out")
        .arg(out)
        .assert()
        .success();
    String::from_utf8(a.get_output().stderr.clone()).unwrap()
}

/// Every chart and the report, by path relative to the run folder.
fn drawn(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut m = BTreeMap::new();
    for c in CHARTS {
        for ext in ["png", "svg"] {
            let rel = PathBuf::from(format!("charts/{c}.{ext}"));
            if let Ok(b) = std::fs::read(out.join(&rel)) {
                m.insert(rel, b);
            }
        }
    }
    for page in ["report.md", "report.html"] {
        m.insert(page.into(), std::fs::read(out.join(page)).unwrap());
    }
    m
}

#[test]
fn plot_redraws_exactly_what_run_drew() {
    let d = case();
    let out = d.path().join("out").join("child");
    run(d.path(), "child.toml", &out);
    let first = drawn(&out);
    assert_eq!(first.len(), 2 * CHARTS.len() + 2, "{:?}", first.keys());
    for (p, b) in &first {
        assert!(b.len() > 1000, "{p:?} is nearly empty");
    }
    // Redraw into the folder with the charts and report removed, then over them.
    std::fs::remove_dir_all(out.join("charts")).unwrap();
    std::fs::remove_file(out.join("report.md")).unwrap();
    std::fs::remove_file(out.join("report.html")).unwrap();
    let a = spillway().arg("plot").arg(&out).assert().success();
    let stdout = String::from_utf8(a.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("redrew 16 files"), "{stdout}");
    let second = drawn(&out);
    for (p, b) in &first {
        assert!(second[p] == *b, "{p:?} differs between run and plot");
    }
    spillway().arg("plot").arg(&out).assert().success();
    assert_eq!(drawn(&out), first);
    let leftovers: Vec<_> = std::fs::read_dir(out.join("charts"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn report_reads_on_its_own_with_numbers_charts_and_sourced_assumptions() {
    let d = case();
    let out = d.path().join("out").join("child");
    run(d.path(), "child.toml", &out);
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert!(report.starts_with("# child: "), "{report}");
    assert!(report.contains("*Test: one valley, one grid*"));
    let spilled = summary["curtailment"]["annual_twh"].as_f64().unwrap();
    assert!(
        report.contains(&format!("| spilled over the year (TWh) | {spilled:.3} |")),
        "{report}"
    );
    let built = summary["capacity_built_mw"]["electrolyser"]
        .as_f64()
        .unwrap();
    assert!(built > 1.0, "the test case should build electrolysers");
    assert!(
        report.contains(&format!(
            "The optimiser builds {built:.0} MW of electrolysers"
        )),
        "{report}"
    );
    for c in CHARTS {
        assert!(
            report.contains(&format!("](charts/{c}.png)")),
            "{c} not embedded"
        );
        assert!(
            report.contains(&format!("(charts/{c}.svg)")),
            "{c} SVG not linked"
        );
    }
    // The assumptions: derived file first, comments with their continuation, overrides once.
    assert!(
        report.contains("| `lines.ac.capacity_mw` | 60 | the child's own limit | child.toml:5 |"),
        "{report}"
    );
    assert!(
        !report.contains("CALIBRATED: base limit"),
        "an overridden value is listed"
    );
    assert!(report.contains("| `generators.hydro.capacity_mw` | 100 | ASSUMPTION: test plant, continued on a second line | base.toml:"), "{report}");
    assert!(
        report.contains("Upper valley (Ma'erkang, Jinchuan)"),
        "node labels are used"
    );
    let a = std::fs::read_to_string(out.join("assumptions.csv")).unwrap();
    assert!(a.starts_with("file,line,key,value,comment\n"), "{a}");
    // The monthly file now closes by use: line losses and each industry product.
    let monthly = std::fs::read_to_string(out.join("energy_by_use_monthly.csv")).unwrap();
    assert!(
        monthly
            .lines()
            .next()
            .unwrap()
            .ends_with(",unserved_twh,line_losses_twh,hydro_spill_twh,solar_wind_curtailed_twh"),
        "{monthly}"
    );
}

#[test]
fn the_status_quo_curve_is_drawn_beside_the_run_with_no_note_to_run_a_baseline_first() {
    let d = case();
    let outs = d.path().join("out");
    // The first run of the child solves its status quo itself: no note, no baseline to run.
    let err = run(d.path(), "child.toml", &outs.join("child"));
    assert!(!err.contains("baseline"), "{err}");
    assert!(!err.contains("first"), "{err}");
    assert!(outs.join("child/baseline_summary.json").is_file());
    assert!(outs
        .join("child/baseline_curtailment_duration.csv")
        .is_file());
    let svg = std::fs::read_to_string(outs.join("child/charts/curtailment_duration.svg")).unwrap();
    assert!(
        svg.contains("\nstatus quo\n</text>"),
        "status quo curve missing"
    );
    assert!(svg.contains("\nchild\n</text>"), "scenario curve missing");
    let report = std::fs::read_to_string(outs.join("child/report.md")).unwrap();
    assert!(report.contains("| | child | status quo |"), "{report}");
    assert!(!report.contains("names a baseline"), "{report}");
    // The status quo (the child with no electrolyser) spills more than the child, which turns
    // surplus into hydrogen; the report states the status quo's own number.
    run(d.path(), "base.toml", &outs.join("base"));
    let spill = |f: &str| {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(outs.join(f)).unwrap()).unwrap();
        v["curtailment"]["annual_twh"].as_f64().unwrap()
    };
    let (sq, child) = (
        spill("child/baseline_summary.json"),
        spill("child/summary.json"),
    );
    assert!(sq > child, "{sq} vs {child}");
    assert!(report.contains(&format!(
        "the status quo (nothing new built) spills {sq:.3} TWh"
    )));
    // A scenario that allows nothing new is its own status quo: no second curve, and no
    // capacity chart, with the reason.
    assert!(!outs.join("base/baseline_summary.json").exists());
    let base_report = std::fs::read_to_string(outs.join("base/report.md")).unwrap();
    assert!(
        base_report.contains("*Not drawn: capacity built: this scenario allows no new capacity.*")
    );
    assert!(!outs.join("base/charts/capacity_built.png").exists());
    // With --no-baseline nothing of the status quo is solved or drawn.
    let out = outs.join("child-nb");
    spillway()
        .arg("run")
        .arg(d.path().join("child.toml"))
        .args(["--no-baseline", "-q", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert!(!out.join("baseline_summary.json").exists());
}

#[test]
fn every_character_in_the_charts_has_a_glyph_in_the_bundled_font() {
    use ab_glyph::Font;
    let regular =
        ab_glyph::FontRef::try_from_slice(include_bytes!("../assets/fonts/DejaVuSans.ttf"))
            .unwrap();
    let d = case();
    let out = d.path().join("out").join("child");
    run(d.path(), "child.toml", &out);
    let mut texts = 0;
    for c in CHARTS {
        let svg = std::fs::read_to_string(out.join(format!("charts/{c}.svg"))).unwrap();
        for piece in svg.split("<text").skip(1) {
            let body = piece
                .split_once('>')
                .unwrap()
                .1
                .split("</text>")
                .next()
                .unwrap();
            let body = body
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
            for ch in body.trim().chars() {
                assert_ne!(
                    regular.glyph_id(ch).0,
                    0,
                    "{c}: no glyph for {ch:?} in {body:?}"
                );
            }
            texts += 1;
        }
    }
    assert!(texts > 50, "only {texts} text elements");
}

#[test]
fn plot_needs_a_run_folder_and_check_needs_the_baseline_file() {
    let d = case();
    let a = spillway().arg("plot").arg(d.path()).assert().code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("summary.json"), "{err}");
    std::fs::write(
        d.path().join("child.toml"),
        CHILD.replace("baseline = \"base.toml\"", "baseline = \"nowhere.toml\""),
    )
    .unwrap();
    let a = spillway()
        .arg("check")
        .arg(d.path().join("child.toml"))
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("child.toml:2: baseline: no scenario file"),
        "{err}"
    );
}
