//! Every English string the charts and reports print has a Chinese entry (src/i18n/
//! chart_words.rs, report_words.rs, study_words.rs): a small valley is run, compared and swept in each design
//! in English by the binary, then every folder is redrawn in Chinese in this process, where
//! the translator records each string no entry covered (`i18n::take_missing`).
//!
//! What a user wrote (a scenario's or sweep's `description`) is shown as written and is not
//! asked for; scenario names are identifiers (`valley-1`), kept as written by the translator.

use assert_cmd::Command;
use spillway::i18n::{take_missing, Lang};
use std::path::Path;

mod common;

use common::valley::{write_valley, VALLEY as BASE};

/// 48 hours of flow, the valley, a dearer-hydrogen copy of it and four sweep files.
fn write_case(dir: &Path) {
    // Scenario names are identifiers, shown as written: named as a planner would name them.
    write_valley(dir, "");
    let valley = BASE.replace("name = \"valley\"", "name = \"valley-1\"");
    std::fs::write(dir.join("valley.toml"), &valley).unwrap();
    let dear = valley.replace(
        "hydrogen_price_cny_per_kg = 10",
        "hydrogen_price_cny_per_kg = 30",
    );
    std::fs::write(
        dir.join("dear.toml"),
        dear.replace("name = \"valley-1\"", "name = \"dear-1\""),
    )
    .unwrap();
    let price = "path = \"market.hydrogen_price_cny_per_kg\"";
    let sweeps = [
        (
            "grid1",
            format!(
                "design = \"grid\"\n[[parameter]]\n{price}\nstart = 2.0\nstop = 30.0\nsteps = 4\n"
            ),
        ),
        (
            "grid2",
            format!(
                "design = \"grid\"\n[[parameter]]\n{price}\nstart = 2.0\nstop = 30.0\nsteps = 3\n\
            [[parameter]]\npath = \"options.electrolyser.capex_cny_per_kw\"\nvalues = [50, 400]\n"
            ),
        ),
        (
            "oat",
            format!(
                "design = \"one_at_a_time\"\n[[parameter]]\n{price}\nlow = 2.0\nhigh = 30.0\n\
            [[parameter]]\npath = \"lines.ac.capex_cny_per_kw\"\nlow = 10\nhigh = 1000\n"
            ),
        ),
        (
            "mc",
            format!(
                "design = \"monte_carlo\"\nsamples = 8\nseed = 7\n[[parameter]]\n{price}\n\
            distribution = {{ kind = \"uniform\", low = 2.0, high = 30.0 }}\n"
            ),
        ),
    ];
    for (name, body) in sweeps {
        let text = format!("base = \"valley.toml\"\ndescription = \"test\"\n{body}");
        std::fs::write(dir.join(format!("{name}.toml")), text).unwrap();
    }
}

fn spillway(dir: &Path, args: &[&str]) {
    let out = Command::cargo_bin("spillway")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The descriptions `write_case` gives: user text, shown as written.
const USER_TEXT: [&str; 2] = ["Test: one valley, one grid", "test"];

#[test]
fn every_string_of_run_compare_and_sweep_reports_has_a_chinese_entry() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_case(dir);
    spillway(dir, &["run", "valley.toml", "-q", "--out", "run"]);
    spillway(
        dir,
        &["compare", "valley.toml", "dear.toml", "--out", "compare"],
    );
    for s in ["grid1", "grid2", "oat", "mc"] {
        spillway(dir, &["sweep", &format!("{s}.toml"), "-q", "--out", s]);
    }
    let mut missing = Vec::new();
    for folder in ["run", "compare", "grid1", "grid2", "oat", "mc"] {
        take_missing();
        spillway::report::draw(&dir.join(folder), Some(Lang::Zh)).unwrap();
        missing.extend(
            (take_missing().into_iter())
                .filter(|m| !USER_TEXT.contains(&m.as_str()))
                .map(|m| format!("{folder}: {m}")),
        );
    }
    assert!(
        missing.is_empty(),
        "no Chinese entry for:\n{}",
        missing.join("\n")
    );
}
