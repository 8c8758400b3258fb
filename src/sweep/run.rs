//! Solving a sweep's points in parallel on a local pool of threads.
//!
//! Each point copies the base scenario, sets its values, and is validated and solved by
//! `study::solve` against the series loaded once for the whole sweep. A point that is
//! invalid, infeasible or makes the solver fail is recorded with its status; the sweep goes on.
//! Results come back in point order whatever the number of threads.

use super::design::Point;
use super::Sweep;
use crate::results::Summary;
use crate::scenario::LoadedScenario;
use crate::status::Status;
use crate::study;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::time::Instant;

/// What became of one point.
#[derive(Debug, Clone)]
pub struct PointOutcome {
    pub index: usize,
    /// How the point ended (`Status::Invalid` when its inputs fail validation).
    pub status: Status,
    /// Why, when the point has no solution (one line).
    pub message: String,
    pub summary: Option<Summary>,
    pub hydro_clipped_twh: Option<f64>,
    /// Wall time of the whole point (scenario, validation, build, solve, read-back), s.
    pub seconds: f64,
}

/// Which points this process solves: `K/N` takes the points whose index mod N is K−1.
/// Round-robin rather than blocks, so that neighbouring (similar, similarly slow) points of a
/// grid spread over the shards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shard {
    /// 1-based.
    pub index: usize,
    pub count: usize,
}

impl Shard {
    pub fn takes(&self, point: usize) -> bool {
        point % self.count == self.index - 1
    }
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Shard, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("`{s}`: write the shard as K/N, e.g. 2/8"))?;
        let (k, n): (usize, usize) = match (k.trim().parse(), n.trim().parse()) {
            (Ok(k), Ok(n)) => (k, n),
            _ => return Err(format!("`{s}`: K and N must be whole numbers")),
        };
        if n == 0 || k == 0 || k > n {
            return Err(format!("`{s}`: need 1 ≤ K ≤ N"));
        }
        if n > super::design::MAX_POINTS {
            return Err(format!(
                "`{s}`: more shards than a sweep may have points ({})",
                super::design::MAX_POINTS
            ));
        }
        Ok(Shard { index: k, count: n })
    }
}

/// Solve the given points on the sweep's threads (`--threads`; default all cores). `progress`
/// shows a bar on stderr when stderr is a terminal.
pub fn solve_points(
    sweep: &Sweep,
    points: &[&Point],
    progress: bool,
) -> crate::Result<Vec<PointOutcome>> {
    let pool = sweep.settings.pool()?;
    let bar = progress_bar(
        points.len() as u64,
        progress && std::io::stderr().is_terminal(),
    );
    let outcomes = pool.install(|| {
        points
            .par_iter()
            .with_max_len(1)
            .map(|p| {
                let o = solve_point(sweep, p);
                bar.inc(1);
                o
            })
            .collect()
    });
    bar.finish_and_clear();
    Ok(outcomes)
}

fn progress_bar(len: u64, visible: bool) -> ProgressBar {
    if !visible {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "{bar:30} {pos}/{len} points  {rate}  elapsed {elapsed}  left ~{eta}",
        )
        .expect("a valid template")
        .with_key(
            "rate",
            |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.2} points/s", state.per_sec());
            },
        ),
    );
    bar
}

/// One point, start to end; never fails (failure is a status).
pub fn solve_point(sweep: &Sweep, p: &Point) -> PointOutcome {
    let start = Instant::now();
    let mut out = PointOutcome {
        index: p.index,
        status: Status::Invalid,
        message: String::new(),
        summary: None,
        hydro_clipped_twh: None,
        seconds: 0.0,
    };
    match sweep.point_scenario(p) {
        Err(msg) => out.message = msg,
        Ok(ps) => {
            out.hydro_clipped_twh = ps.hydro_clipped_twh;
            let inputs = ps.inputs.as_ref().unwrap_or(&sweep.inputs);
            let loaded = LoadedScenario {
                scenario: ps.scenario,
                files: sweep.base.files.clone(),
            };
            match study::solve(&loaded, inputs, &sweep.settings) {
                Ok((results, summary)) => {
                    out.status = results.status;
                    out.summary = Some(summary);
                }
                Err(e) => {
                    out.status = e.status();
                    out.message = e.to_string();
                }
            }
        }
    }
    out.message = out.message.split_whitespace().collect::<Vec<_>>().join(" ");
    out.seconds = start.elapsed().as_secs_f64();
    out
}
