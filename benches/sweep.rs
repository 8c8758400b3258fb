//! Sweep throughput: the shipped 64-point sweep (models/sweeps/hydrogen-price.toml) at 24 h,
//! and its first `SPILLWAY_BENCH_3H_POINTS` points (default 8) at 3 h, on 1 thread and on all.
//!
//! Reports, for the README: wall time, speed-up of all threads over one, and the per-point
//! overhead beyond the solve itself (a point's wall time minus its `solve_seconds`: copying and
//! setting the scenario, validation, building the LP, reading results back) as a share of the
//! solve. Run with `cargo bench --bench sweep`; on a shared machine compare ratios, not seconds.

use spillway::status::Status;
use spillway::study::RunSettings;
use spillway::sweep::run::solve_points;
use spillway::sweep::Sweep;
use std::path::PathBuf;
use std::time::Instant;

fn measure(sweep: &mut Sweep, n: usize, threads: usize) -> (f64, f64, f64) {
    sweep.settings = RunSettings::builder()
        .threads(Some(threads))
        .build()
        .unwrap();
    let points: Vec<_> = sweep.points.iter().take(n).collect();
    let start = Instant::now();
    let outcomes = solve_points(sweep, &points, false).unwrap();
    let wall = start.elapsed().as_secs_f64();
    let solve: f64 = outcomes
        .iter()
        .filter_map(|o| o.summary.as_ref())
        .map(|s| s.solve_seconds)
        .sum();
    let point: f64 = outcomes.iter().map(|o| o.seconds).sum();
    assert!(outcomes.iter().all(|o| o.status == Status::Optimal));
    (wall, solve, point - solve)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this too: keep that quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/sweeps/hydrogen-price.toml");
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    let n3: usize = std::env::var("SPILLWAY_BENCH_3H_POINTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    let cases: Vec<(usize, usize)> = if quick {
        vec![(24, 4)]
    } else {
        vec![(24, 64), (3, n3)]
    };
    for (hours, n) in cases {
        let at = RunSettings::builder()
            .resolution_hours(Some(hours))
            .build()
            .unwrap();
        let mut sweep = Sweep::load(&file, &at).unwrap();
        let (w1, s1, o1) = measure(&mut sweep, n, 1);
        let (wn, sn, on) = measure(&mut sweep, n, all);
        println!("report: {n} points at {hours}h: 1 thread {w1:.2} s, {all} threads {wn:.2} s, speed-up {:.2}", w1 / wn);
        println!(
            "report: {n} points at {hours}h: per-point overhead beyond the solve {:.1} % (1 thread), {:.1} % ({all} threads); mean solve {:.3} s",
            100.0 * o1 / s1,
            100.0 * on / sn,
            s1 / n as f64
        );
    }
}
