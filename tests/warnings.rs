//! Plausibility warnings come from the one run path: `run`, `compare`, `sweep` and `breakeven`
//! all print them (a sweep and a search once, not per point), and a run's report.md and
//! summary.json record them. The wording of each kind is pinned by the `warn_*` fixtures.

mod common;
use assert_cmd::Command;
use common::*;

fn spillway() -> Command {
    Command::cargo_bin("spillway").unwrap()
}

/// The electrolyser case with fixed O&M typed in percent (0.5 for 0.5 %; above 1 it would be
/// an error). The solve is unchanged in kind (a dearer electrolyser), so the run succeeds and
/// only warns.
fn slipped_case() -> Case {
    let toml = electrolyser_toml(12.0) + "fom_fraction_per_year = 0.5\n";
    case(&toml, "one", &FOUR_JUNE_HOURS)
}

fn warning_lines(stderr: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stderr)
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_run_warns_on_stderr_and_in_its_report() {
    let c = slipped_case();
    let out = c.dir.path().join("out");
    let a = spillway()
        .arg("run")
        .arg(&c.path)
        .arg("--out")
        .arg(&out)
        .arg("-q")
        .assert()
        .success();
    let lines = warning_lines(&a.get_output().stderr);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("case.toml:")
            && lines[0].contains("options.electrolyser.fom_fraction_per_year: 0.5 is above")
            && lines[0].contains("percentage typed where a fraction is meant"),
        "{}",
        lines[0]
    );
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    let section = report
        .split("## Warnings")
        .nth(1)
        .unwrap_or_else(|| panic!("no Warnings section:\n{report}"));
    assert!(
        section.contains("case.toml:") && section.contains("fom_fraction_per_year: 0.5 is above"),
        "{section}"
    );
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["warnings"].as_array().map(Vec::len), Some(1));
}

#[test]
fn a_plausible_run_has_no_warnings_anywhere() {
    let c = electrolyser_case(12.0);
    let out = c.dir.path().join("out");
    let a = spillway()
        .arg("run")
        .arg(&c.path)
        .arg("--out")
        .arg(&out)
        .arg("-q")
        .assert()
        .success();
    assert!(warning_lines(&a.get_output().stderr).is_empty());
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(!report.contains("## Warnings"));
    let summary = std::fs::read_to_string(out.join("summary.json")).unwrap();
    assert!(!summary.contains("\"warnings\""));
}

#[test]
fn studies_warn_once_not_once_per_solve() {
    let c = slipped_case();
    let sweep = c.dir.path().join("sweep.toml");
    std::fs::write(
        &sweep,
        "base = \"case.toml\"\n[[parameter]]\npath = \"market.hydrogen_price_cny_per_kg\"\nvalues = [6, 14, 20]\n",
    )
    .unwrap();
    let a = spillway()
        .arg("sweep")
        .arg(&sweep)
        .arg("--out")
        .arg(c.dir.path().join("sweep-out"))
        .arg("-q")
        .assert()
        .success();
    assert_eq!(warning_lines(&a.get_output().stderr).len(), 1, "sweep");
    let a = spillway()
        .arg("breakeven")
        .arg(&c.path)
        .args(["--param", "market.hydrogen_price_cny_per_kg"])
        .args(["--option", "electrolyser", "--lo", "5", "--hi", "60"])
        .assert()
        .success();
    assert_eq!(warning_lines(&a.get_output().stderr).len(), 1, "breakeven");
    let other = case(
        &electrolyser_toml(12.0).replace("name = \"case\"", "name = \"other\""),
        "one",
        &FOUR_JUNE_HOURS,
    );
    let a = spillway()
        .arg("compare")
        .arg(&c.path)
        .arg(&other.path)
        .arg("--out")
        .arg(c.dir.path().join("compare-out"))
        .arg("-q")
        .assert()
        .success();
    assert_eq!(warning_lines(&a.get_output().stderr).len(), 1, "compare");
}
