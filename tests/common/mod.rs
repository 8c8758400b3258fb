//! Small scenarios written to a temporary folder, for analytic tests.
#![allow(dead_code)]

use spillway::results::{Results, Summary};
use spillway::run::{run, RunOptions};
use spillway::solve::SolverChoice;
use std::path::PathBuf;
use tempfile::TempDir;

/// A scenario file and its profiles CSV in a fresh folder.
pub struct Case {
    pub dir: TempDir,
    pub path: PathBuf,
}

/// Write `profiles.csv` (rows: timestamp then values) and `case.toml`.
pub fn case(toml_body: &str, header: &str, rows: &[&str]) -> Case {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = format!("timestamp,{header}\n");
    for r in rows {
        csv.push_str(r);
        csv.push('\n');
    }
    std::fs::write(dir.path().join("profiles.csv"), csv).unwrap();
    let path = dir.path().join("case.toml");
    std::fs::write(&path, toml_body).unwrap();
    Case { dir, path }
}

pub fn solve_case(c: &Case) -> (Results, Summary) {
    solve_with(c, SolverChoice::Clarabel)
}

pub fn solve_with(c: &Case, solver: SolverChoice) -> (Results, Summary) {
    let outcome = run(&RunOptions {
        scenario: c.path.clone(),
        solver,
        resolution_hours: None,
    })
    .unwrap_or_else(|e| panic!("{e}"));
    (outcome.results, outcome.summary)
}

/// Assert `a ≈ b` within an absolute tolerance, with a message.
#[track_caller]
pub fn close(a: f64, b: f64, tol: f64, what: &str) {
    assert!(
        (a - b).abs() <= tol,
        "{what}: got {a}, expected {b} (± {tol})"
    );
}

/// Price at a node name in every step.
pub fn prices(r: &Results, node: &str) -> Vec<f64> {
    let n = r.node_names.iter().position(|x| x == node).unwrap();
    r.prices.as_ref().expect("duals")[n].to_vec()
}

/// Built capacity of a component at a node.
pub fn built(r: &Results, component: &str, node: &str) -> f64 {
    r.capacities
        .iter()
        .filter(|c| c.component == component && c.node == node)
        .map(|c| c.built)
        .sum()
}

/// The usual header of every tiny case: zero discount, settings without tie-break.
pub const HEAD: &str = r#"
name = "case"
[time]
profiles = "profiles.csv"
[finance]
discount_rate = 0.0
[settings]
flow_tie_break_cny_per_mwh = 0.0
"#;
