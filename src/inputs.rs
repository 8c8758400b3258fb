//! Every series a scenario names, read once and resampled to the model's steps.
//!
//! Files are read once each even when many profiles come from them, and the whole set is
//! checked before any model is built: wrong lengths, missing columns and unreadable files are
//! all reported together.

use crate::error::{Error, InputProblem, Result};
use crate::scenario::{LoadedScenario, SeriesRef, Tariff};
use crate::series::{CsvTable, TimeAxis};
use ndarray::Array1;
use std::collections::{BTreeMap, HashMap};
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
    default_file: PathBuf,
}

impl Inputs {
    /// Load every series of the scenario at `hours_per_step` (default: the scenario's own).
    pub fn load(loaded: &LoadedScenario, hours_per_step: Option<usize>) -> Result<Inputs> {
        let sc = &loaded.scenario;
        let default_file = sc.time.profiles.clone();
        let mut wanted: Vec<(String, SeriesRef)> = Vec::new();
        for (name, node) in &sc.nodes {
            if let Some(r) = &node.demand_profile {
                wanted.push((format!("nodes.{name}.demand_profile"), r.clone()));
            }
        }
        for (name, g) in &sc.generators {
            wanted.push((format!("generators.{name}.profile"), g.profile.clone()));
        }
        for (key, tariff) in [
            (
                "export_price_cny_per_mwh",
                &sc.market.export_price_cny_per_mwh,
            ),
            (
                "import_price_cny_per_mwh",
                &sc.market.import_price_cny_per_mwh,
            ),
        ] {
            if let Tariff::Series { series } = tariff {
                wanted.push((format!("market.{key}"), series.clone()));
            }
        }
        if let Some(w) = &sc.time.weights {
            wanted.push(("time.weights".into(), w.clone()));
        }

        let mut problems = Vec::new();
        let mut tables: BTreeMap<PathBuf, Option<CsvTable>> = BTreeMap::new();
        let mut read = |path: &PathBuf, problems: &mut Vec<InputProblem>, origin: &str| {
            tables
                .entry(path.clone())
                .or_insert_with(|| match CsvTable::read(path) {
                    Ok(t) => Some(t),
                    Err(mut ps) => {
                        if let Some(reason) = ps
                            .first()
                            .filter(|_| ps.len() == 1)
                            .and_then(|p| p.message.strip_prefix("cannot read CSV: "))
                        {
                            // A missing file is the scenario's mistake: point at the key too.
                            let p = loaded.problem(
                                origin,
                                format!("cannot read {}: {reason}", path.display()),
                            );
                            ps = vec![p];
                        }
                        problems.extend(ps);
                        None
                    }
                })
                .clone()
        };
        let Some(main) = read(&default_file, &mut problems, "time.profiles") else {
            return Err(Error::Input(problems));
        };
        let hours = main.hours();
        if let Some(row) = crate::series::first_gap(&main.timestamps) {
            problems.push(
                InputProblem::new(
                    "column `timestamp`",
                    format!(
                        "`{}` does not follow `{}` by one hour: the horizon must be consecutive hours",
                        main.timestamps[row],
                        main.timestamps[row - 1]
                    ),
                )
                .in_file(&default_file)
                .at_line(Some(row + 2)),
            );
            return Err(Error::Input(problems));
        }
        // Checked before loading (`study::prepare`): nothing to clamp.
        let k = hours_per_step.unwrap_or(sc.time.resolution_hours);
        let axis = TimeAxis::from_hours(&main.timestamps, k);
        let mut series = HashMap::new();
        let mut hourly_stats = HashMap::new();
        let mut hourly = HashMap::new();
        for (origin, r) in wanted {
            let (file, column) = match &r {
                SeriesRef::Column(c) => (default_file.clone(), c.clone()),
                SeriesRef::File { file, column } => (file.clone(), column.clone()),
            };
            let Some(table) = read(&file, &mut problems, &origin) else {
                continue;
            };
            if table.hours() != hours {
                problems.push(loaded.problem(
                    &origin,
                    format!(
                        "{} has {} data rows but the horizon ({}) has {hours}",
                        file.display(),
                        table.hours(),
                        default_file.display()
                    ),
                ));
                continue;
            }
            match table.columns.get(&column) {
                Some(values) => {
                    let stats = values
                        .iter()
                        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
                            (lo.min(*x), hi.max(*x))
                        });
                    let mean = values.mean().unwrap_or(0.0);
                    hourly_stats.insert((file.clone(), column.clone()), (stats.0, stats.1, mean));
                    series.insert((file.clone(), column.clone()), axis.resample(values));
                    hourly.insert((file, column), values.clone());
                }
                None => problems.push(loaded.problem(
                    &origin,
                    format!(
                        "no column `{column}` in {}{} (columns: {})",
                        file.display(),
                        crate::scenario::did_you_mean(
                            &column,
                            &table.columns.keys().map(String::as_str).collect::<Vec<_>>()
                        ),
                        table.columns.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                )),
            }
        }
        if !problems.is_empty() {
            return Err(Error::Input(problems));
        }
        let mut inputs = Inputs {
            axis,
            hours,
            series,
            hourly_stats,
            hourly,
            default_file,
        };
        if let Some(w) = &sc.time.weights {
            inputs.axis.weight = inputs.get(w).clone();
        }
        Ok(inputs)
    }

    /// The resampled values of a series the scenario names (loaded by `load`).
    pub fn get(&self, r: &SeriesRef) -> &Array1<f64> {
        &self.series[&Self::key(&self.default_file, r)]
    }

    /// (min, max, mean) of a series over its hourly values, before resampling.
    pub fn hourly_stats(&self, r: &SeriesRef) -> (f64, f64, f64) {
        self.hourly_stats[&Self::key(&self.default_file, r)]
    }

    /// The hourly values of a series the scenario names, before resampling.
    pub fn hourly(&self, r: &SeriesRef) -> &Array1<f64> {
        &self.hourly[&Self::key(&self.default_file, r)]
    }

    /// Add a series computed from hourly values (same length as the horizon) under `name`, and
    /// return the reference a scenario uses for it. It is resampled like every other series.
    pub fn add_derived(&mut self, name: &str, hourly: Array1<f64>) -> SeriesRef {
        let r = SeriesRef::Column(name.to_string());
        let key = Self::key(&self.default_file, &r);
        let (lo, hi) = hourly
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
                (lo.min(*x), hi.max(*x))
            });
        let mean = hourly.mean().unwrap_or(0.0);
        self.hourly_stats.insert(key.clone(), (lo, hi, mean));
        self.series.insert(key.clone(), self.axis.resample(&hourly));
        self.hourly.insert(key, hourly);
        r
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
