//! Model build and solve of the shipped default scenario, per resolution and solver.
//!
//! `cargo bench` runs build at 1h/3h/24h and solve at 24h/3h for every compiled-in solver.
//! The hourly solve (~40 s a run) is included with `SPILLWAY_BENCH_HOURLY=1`. Before the
//! criterion groups, a one-shot report prints the share of time that is not the solver
//! (load, build, hand-over, extract, write) and the process's peak memory, for the README.

use criterion::{criterion_group, Criterion};
use spillway::model;
use spillway::run::write_outcome;
use spillway::series::Resolution;
use spillway::solve::SolverChoice;
use spillway::study::{prepare, run, RunSettings};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn scenario() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/aba-2025.toml")
}

fn hourly() -> bool {
    std::env::var("SPILLWAY_BENCH_HOURLY").is_ok_and(|v| v == "1")
}

fn solvers() -> Vec<SolverChoice> {
    [SolverChoice::Clarabel, SolverChoice::Highs]
        .into_iter()
        .filter(|s| s.available())
        .collect()
}

fn bench_build(c: &mut Criterion) {
    let mut g = c.benchmark_group("build");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    for hours in [24, 3, 1] {
        g.bench_function(format!("{hours}h"), |b| {
            b.iter(|| {
                let (loaded, inputs) =
                    prepare(&scenario(), Some(Resolution::Hours(hours))).unwrap();
                model::build(&loaded.scenario, &inputs).lp_rows
            })
        });
    }
    g.finish();
}

fn bench_solve(c: &mut Criterion) {
    let mut g = c.benchmark_group("solve");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    let mut resolutions = vec![24, 3];
    if hourly() {
        resolutions.push(1);
    }
    for solver in solvers() {
        for &hours in &resolutions {
            g.bench_function(format!("{solver}/{hours}h"), |b| {
                b.iter(|| {
                    let settings = RunSettings::builder()
                        .solver(solver)
                        .resolution_hours(Some(hours))
                        .build()
                        .unwrap();
                    run(&scenario(), &settings).unwrap().summary.objective_cny
                })
            });
        }
    }
    g.finish();
}

/// Peak resident memory of this process so far, MB (Linux; None elsewhere).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// One full run at the finest resolution asked for: where the time goes, and peak memory.
fn report() {
    let hours = if hourly() { 1 } else { 3 };
    let out = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let settings = RunSettings::builder()
        .resolution_hours(Some(hours))
        .build()
        .unwrap();
    let outcome = run(&scenario(), &settings).unwrap();
    let write_start = Instant::now();
    write_outcome(&outcome, &out.path().join("r"), Default::default()).unwrap();
    let write_s = write_start.elapsed().as_secs_f64();
    let total = start.elapsed().as_secs_f64();
    let s = &outcome.summary;
    let solver_only = s.solve_seconds - s.solver_setup_seconds;
    let other = s.build_seconds + s.solver_setup_seconds + write_s;
    println!(
        "report: default scenario at {hours}h with clarabel ({} columns, {} rows)",
        s.lp_columns, s.lp_rows
    );
    println!(
        "report: load+build+extract {:.2} s, hand-over to solver {:.2} s, solver {:.2} s, write {:.2} s, total {:.2} s",
        s.build_seconds, s.solver_setup_seconds, solver_only, write_s, total
    );
    println!(
        "report: everything but the solver = {:.1} % of solver time",
        100.0 * other / solver_only
    );
    if let Some(mb) = peak_rss_mb() {
        println!("report: peak resident memory {mb:.0} MB");
    }
}

criterion_group!(benches, bench_build, bench_solve);

fn main() {
    report();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
