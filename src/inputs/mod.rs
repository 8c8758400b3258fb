//! Every series a scenario names, read once and resampled to the model's steps (`load.rs`
//! reads them; this file holds them and answers lookups, so that the model can use them
//! without knowing how a scenario is read).

mod load;

use crate::scenario::values::{SeriesRef, Tariff};
use crate::series::TimeAxis;
use ndarray::Array1;
use std::collections::HashMap;
use std::path::PathBuf;

/// The resampled series of one scenario.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub axis: TimeAxis,
    /// Hourly steps in the profiles file (before resampling).
    pub hours: usize,
    series: HashMap<(PathBuf, String), Array1<f64>>,
    /// (min, max, mean) of each series before resampling, for range checks on hourly values.
    hourly_stats: HashMap<(PathBuf, String), (f64, f64, f64)>,
    /// The hourly values themselves, so that a sweep can derive a series (hydrology years clip
    /// each hour at full availability) without reading the files again.
    hourly: HashMap<(PathBuf, String), Array1<f64>>,
    /// The file line of each hourly row of every CSV read (blank lines counted), for messages.
    lines: HashMap<PathBuf, Vec<usize>>,
    default_file: PathBuf,
}

impl Inputs {
    /// The resampled values of a series the scenario names (loaded by `load`).
    pub fn get(&self, r: &SeriesRef) -> &Array1<f64> {
        &self.series[&Self::key(&self.default_file, r)]
    }

    /// (min, max, mean) of a series over its hourly values, before resampling.
    pub fn hourly_stats(&self, r: &SeriesRef) -> (f64, f64, f64) {
        self.hourly_stats[&Self::key(&self.default_file, r)]
    }

    /// Every series CSV read, by the path the scenario gave (for `provenance.inputs`).
    pub fn csv_files(&self) -> impl Iterator<Item = &std::path::Path> {
        let mut paths: Vec<&std::path::Path> = self.lines.keys().map(PathBuf::as_path).collect();
        paths.sort();
        paths.into_iter()
    }

    /// The hourly values of a series the scenario names, before resampling.
    pub fn hourly(&self, r: &SeriesRef) -> &Array1<f64> {
        &self.hourly[&Self::key(&self.default_file, r)]
    }

    /// Feed every series as resampled for the model (names and values) into a hash. The files
    /// they came from are hashed once, for `provenance.inputs`; a cache key adds those.
    pub fn hash_series_into(&self, h: &mut impl sha2::Digest) {
        let mut keys: Vec<&(PathBuf, String)> = self.series.keys().collect();
        keys.sort();
        for k in keys {
            h.update(k.1.as_bytes());
            for x in &self.series[k] {
                h.update(x.to_le_bytes());
            }
        }
    }

    /// Add a series computed from hourly values (same length as the horizon) under `name`, and
    /// return the reference a scenario uses for it. It is resampled like every other series.
    pub fn add_derived(&mut self, name: &str, hourly: Array1<f64>) -> SeriesRef {
        let r = SeriesRef::Column(name.to_string());
        let key = Self::key(&self.default_file, &r);
        self.insert(key, hourly);
        r
    }

    /// Keep a series' hourly values, their (min, max, mean) and their resampled steps.
    fn insert(&mut self, key: (PathBuf, String), hourly: Array1<f64>) {
        let (lo, hi) = hourly
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
                (lo.min(*x), hi.max(*x))
            });
        let mean = hourly.mean().unwrap_or(0.0);
        self.hourly_stats.insert(key.clone(), (lo, hi, mean));
        self.series.insert(key.clone(), self.axis.resample(&hourly));
        self.hourly.insert(key, hourly);
    }

    /// `file:line` of the first hour of a series (as read from its CSV) where `pred` holds;
    /// `None` when no hour does, or the series was derived rather than read.
    pub fn first_hour_where(&self, r: &SeriesRef, pred: impl Fn(f64) -> bool) -> Option<String> {
        let (file, column) = Self::key(&self.default_file, r);
        let hour = self
            .hourly
            .get(&(file.clone(), column))?
            .iter()
            .position(|v| pred(*v))?;
        let line = self.lines.get(&file)?.get(hour)?;
        Some(format!("{}:{line}", file.display()))
    }

    fn key(default_file: &std::path::Path, r: &SeriesRef) -> (PathBuf, String) {
        match r {
            SeriesRef::Column(c) => (default_file.to_path_buf(), c.clone()),
            SeriesRef::File { file, column } => (file.clone(), column.clone()),
        }
    }

    /// A tariff's value in every step.
    pub fn tariff(&self, tariff: &Tariff, flood_months: &[u32]) -> Array1<f64> {
        let months = &self.axis.month;
        match tariff {
            Tariff::Flat(v) => Array1::from_elem(months.len(), *v),
            Tariff::Seasonal { wet, dry } => months
                .iter()
                .map(|m| if flood_months.contains(m) { *wet } else { *dry })
                .collect(),
            Tariff::Monthly { monthly } => months
                .iter()
                .map(|m| monthly.get(*m as usize - 1).copied().unwrap_or(f64::NAN))
                .collect(),
            Tariff::Series { series } => self.get(series).clone(),
        }
    }
}
