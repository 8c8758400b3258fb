//! Steps of varying length (`--resolution auto:N`) in the run's charts: how many hours each
//! step lasts, read from the step timestamps alone (so `spillway plot` needs nothing more), and
//! an hourly view of a run in which each hour carries its step's mean, for the dispatch week.

use super::read::RunFiles;
use crate::series::{hour_index, label_of_hour};

/// Hours each step lasts: the gap to the next step's timestamp; the last step lasts the rest
/// of the horizon. Spread over `horizon_hours`, which is exact without `time.weights` (with
/// weights the hours stand for the weighted horizon in proportion).
pub fn step_hours(r: &RunFiles) -> Vec<f64> {
    let starts: Vec<i64> = r
        .timestamps
        .iter()
        .map(|t| hour_index(t).unwrap_or(0))
        .collect();
    let mut hours: Vec<f64> = starts.windows(2).map(|w| (w[1] - w[0]) as f64).collect();
    let so_far: f64 = hours.iter().sum();
    if !starts.is_empty() {
        hours.push((r.summary.horizon_hours - so_far).max(1.0));
    }
    hours
}

/// The run hour by hour: each step's values repeated for each of its hours, with hourly
/// timestamps, so that the dispatch week can be drawn as for an hourly run.
pub fn hourly_view(r: &RunFiles) -> RunFiles {
    let reps: Vec<usize> = step_hours(r)
        .iter()
        .map(|h| h.round().max(1.0) as usize)
        .collect();
    let expand = |v: &Vec<f64>| -> Vec<f64> {
        v.iter()
            .zip(&reps)
            .flat_map(|(x, n)| std::iter::repeat_n(*x, *n))
            .collect()
    };
    let mut h = r.clone();
    h.timestamps = r
        .timestamps
        .iter()
        .zip(&reps)
        .flat_map(|(t, n)| {
            let start = hour_index(t).unwrap_or(0);
            (0..*n as i64).map(move |k| label_of_hour(start + k))
        })
        .collect();
    h.curtailed_mw = expand(&r.curtailed_mw);
    for v in h.dispatch.values_mut() {
        *v = expand(v);
    }
    h
}

/// The x-axis title of a duration curve: of the year when the horizon is one, else of the horizon.
pub(super) fn horizon_words(r: &super::read::RunFiles) -> &'static str {
    if (r.summary.horizon_hours - 8760.0).abs() < 1.0 {
        "hours of the year at or above (h)"
    } else {
        "hours of the horizon at or above (h)"
    }
}
