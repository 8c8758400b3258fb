//! The model's time steps: fixed blocks of hours (`3h`) or segments of varying length chosen
//! from the series (`auto:N`, see `segments.rs`). Either way each step is a run of consecutive
//! hours, in order, so storage and reservoir balances chain from one step to the next; a step
//! carries its duration Δt and its weight w, and every annual sum is Σ w·Δt·value.

use super::{month_of, Resolution};
use ndarray::Array1;

/// The model's steps after resampling.
#[derive(Debug, Clone)]
pub struct TimeAxis {
    /// Hours in each step (Δt).
    pub duration_h: Array1<f64>,
    /// How often each step recurs (w); 1 for a plain chronological year.
    pub weight: Array1<f64>,
    /// Calendar month of each step's first hour.
    pub month: Vec<u32>,
    /// Timestamp of each step's first hour.
    pub label: Vec<String>,
    /// The hourly row each step starts at, then the number of hours (`len() + 1` entries).
    pub bounds: Vec<usize>,
    /// How the steps were chosen.
    pub resolution: Resolution,
    /// The hourly weights (`time.weights`) of segments, so that a segment's value is the
    /// weighted mean of its hours and Σ w·Δt·value keeps each series' weighted energy. Fixed
    /// blocks keep the plain mean (their outputs are a contract, byte for byte).
    hourly_weight: Option<Array1<f64>>,
}

impl TimeAxis {
    /// Steps of `hours_per_step` hours (≥ 1: checked once by `study::RunSettings` and the
    /// scenario's validation, so a 0 here is a bug, not an input).
    pub fn from_hours(timestamps: &[String], hours_per_step: usize) -> TimeAxis {
        assert!(
            hours_per_step >= 1,
            "resolution of 0 h reached the time axis"
        );
        let k = hours_per_step;
        let mut bounds: Vec<usize> = (0..timestamps.len()).step_by(k).collect();
        bounds.push(timestamps.len());
        TimeAxis::from_bounds(timestamps, bounds, Resolution::Hours(k))
    }

    /// Steps that start at the hourly rows `bounds` (ascending from 0, ending with the number
    /// of hours), as `segments::segment` chooses them.
    pub fn from_segments(
        timestamps: &[String],
        bounds: Vec<usize>,
        hourly_weight: Option<Array1<f64>>,
    ) -> TimeAxis {
        let n = bounds.len().saturating_sub(1);
        let mut axis = TimeAxis::from_bounds(timestamps, bounds, Resolution::Auto(n));
        axis.hourly_weight = hourly_weight;
        axis
    }

    fn from_bounds(timestamps: &[String], bounds: Vec<usize>, resolution: Resolution) -> TimeAxis {
        debug_assert!(bounds.windows(2).all(|w| w[0] < w[1]));
        let n = bounds.len().saturating_sub(1);
        let duration_h = Array1::from_iter(bounds.windows(2).map(|w| (w[1] - w[0]) as f64));
        let label: Vec<String> = bounds[..n].iter().map(|&h| timestamps[h].clone()).collect();
        let month = label.iter().map(|l| month_of(l).unwrap_or(1)).collect();
        TimeAxis {
            weight: Array1::ones(n),
            duration_h,
            month,
            label,
            bounds,
            resolution,
            hourly_weight: None,
        }
    }

    pub fn len(&self) -> usize {
        self.label.len()
    }

    pub fn is_empty(&self) -> bool {
        self.label.is_empty()
    }

    /// The longest step, hours: the step length of a fixed resolution (whose final block may
    /// be shorter), the longest segment of `auto:N`. `summary.json`'s `resolution_hours`.
    pub fn longest_step_h(&self) -> usize {
        match self.resolution {
            Resolution::Hours(k) => k,
            Resolution::Auto(_) => self
                .bounds
                .windows(2)
                .map(|w| w[1] - w[0])
                .max()
                .unwrap_or(0),
        }
    }

    /// The steps in words for messages: "365 steps of 24 h", "400 segments of 1 to 96 h".
    pub fn describe(&self) -> String {
        match self.resolution {
            Resolution::Hours(k) => format!("{} steps of {k} h", self.len()),
            Resolution::Auto(_) => {
                let shortest = self.bounds.windows(2).map(|w| w[1] - w[0]).min();
                format!(
                    "{} segments of {} to {} h",
                    self.len(),
                    shortest.unwrap_or(0),
                    self.longest_step_h()
                )
            }
        }
    }

    /// Average an hourly series into the steps: the weighted mean of a segment's hours when
    /// `time.weights` is set (see `hourly_weight`), otherwise the plain mean.
    pub fn resample(&self, hourly: &Array1<f64>) -> Array1<f64> {
        match &self.hourly_weight {
            Some(w) => self.steps(|a, b| {
                let mass: f64 = w.slice(ndarray::s![a..b]).sum();
                if mass > 0.0 {
                    (a..b).map(|h| hourly[h] * w[h]).sum::<f64>() / mass
                } else {
                    hourly.slice(ndarray::s![a..b]).iter().sum::<f64>() / (b - a) as f64
                }
            }),
            None => self.resample_plain(hourly),
        }
    }

    /// The plain mean of each step's hours (the step weights themselves are averaged so:
    /// w·Δt = Σ of the hours' weights).
    pub fn resample_plain(&self, hourly: &Array1<f64>) -> Array1<f64> {
        if self.resolution == Resolution::Hours(1) {
            return hourly.clone();
        }
        let hourly = hourly
            .as_slice()
            .map(<[f64]>::to_vec)
            .unwrap_or_else(|| hourly.to_vec());
        self.steps(|a, b| hourly[a..b].iter().sum::<f64>() / (b - a) as f64)
    }

    fn steps(&self, mean: impl Fn(usize, usize) -> f64) -> Array1<f64> {
        Array1::from_iter(self.bounds.windows(2).map(|w| mean(w[0], w[1])))
    }

    /// w·Δt per step: the hours each step stands for in annual sums.
    pub fn hours_weighted(&self) -> Array1<f64> {
        &self.weight * &self.duration_h
    }

    /// Total hours represented (8760 for a full year).
    pub fn total_hours(&self) -> f64 {
        self.hours_weighted().sum()
    }
}
