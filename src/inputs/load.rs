//! Reading a scenario's series: files are read once each even when many profiles come from
//! them, and the whole set is checked before any model is built: wrong lengths, missing
//! columns and unreadable files are all reported together.

use super::Inputs;
use crate::error::{Error, InputProblem, Result};
use crate::scenario::{LoadedScenario, Scenario, SeriesRef};
use crate::series::{segments, CsvTable, Resolution, TimeAxis};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

impl Inputs {
    /// Load every series of the scenario at `resolution` (default: the scenario's own
    /// `time.resolution_hours`).
    pub fn load(loaded: &LoadedScenario, resolution: Option<Resolution>) -> Result<Inputs> {
        let sc = &loaded.scenario;
        let default_file = sc.time.profiles.clone();
        let mut files = Files {
            loaded,
            tables: BTreeMap::new(),
            problems: Vec::new(),
        };
        let Some(main) = files.read(&default_file, "time.profiles") else {
            return Err(Error::Input(files.problems));
        };
        if let Some(p) = gap(&main, &default_file) {
            files.problems.push(p);
            return Err(Error::Input(files.problems));
        }
        let hours = main.hours();
        let mut columns: Vec<((PathBuf, String), ndarray::Array1<f64>)> = Vec::new();
        for (origin, r) in wanted(sc) {
            let key = Inputs::key(&default_file, &r);
            if let Some(values) = files.column(&key, &origin, &default_file, hours) {
                columns.push((key, values));
            }
        }
        if !files.problems.is_empty() {
            return Err(Error::Input(files.problems));
        }
        let weights_key = sc
            .time
            .weights
            .as_ref()
            .map(|w| Inputs::key(&default_file, w));
        let weights = weights_key
            .as_ref()
            .and_then(|k| columns.iter().find(|(c, _)| c == k))
            .map(|(_, v)| v.clone());
        // Checked before loading (`study::prepare`): nothing to clamp; only the number of
        // segments against the horizon is checked here, where the horizon is known.
        let resolution = resolution.unwrap_or(Resolution::Hours(sc.time.resolution_hours));
        let axis = match resolution {
            Resolution::Hours(k) => TimeAxis::from_hours(&main.timestamps, k),
            Resolution::Auto(n) => segmented(&main, &columns, weights, n)?,
        };
        let mut inputs = Inputs {
            axis,
            hours,
            series: HashMap::new(),
            hourly_stats: HashMap::new(),
            hourly: HashMap::new(),
            lines: HashMap::new(),
            default_file,
        };
        for (key, values) in columns {
            inputs.insert(key, values);
        }
        for (path, table) in files.tables {
            if let Some(t) = table {
                inputs.lines.insert(path, t.lines);
            }
        }
        if let Some(w) = &sc.time.weights {
            let most = crate::series::HOURS_IN_LEAP_YEAR as f64;
            if inputs.hourly(w).iter().any(|v| *v > most) {
                let at = inputs.first_hour_where(w, |v| v > most).unwrap_or_default();
                return Err(Error::input(loaded.problem(
                    "time.weights",
                    format!(
                        "a step recurs at most {most} times a year (the hours of a leap year); \
                         {at} has more"
                    ),
                )));
            }
            // A step's weight is the plain mean of its hours' weights: w·Δt = Σ weights.
            inputs.axis.weight = inputs.axis.resample_plain(inputs.hourly(w));
        }
        Ok(inputs)
    }
}

/// `auto:n` segments cut from every series the scenario uses (each once), at most one month
/// each; hours weigh by `time.weights` when set.
fn segmented(
    main: &CsvTable,
    columns: &[((PathBuf, String), ndarray::Array1<f64>)],
    weights: Option<ndarray::Array1<f64>>,
    n: usize,
) -> Result<TimeAxis> {
    let months: Vec<u32> = main
        .timestamps
        .iter()
        .map(|t| crate::series::month_of(t).unwrap_or(1))
        .collect();
    segments::check_count(n, months.len(), segments::months_spanned(&months))
        .map_err(|m| Error::input(InputProblem::new("--resolution", m)))?;
    let mut seen = std::collections::BTreeSet::new();
    let series: Vec<&[f64]> = columns
        .iter()
        .filter(|(k, _)| seen.insert(k.clone()))
        .filter_map(|(_, v)| v.as_slice())
        .collect();
    let bounds = segments::segment(
        &series,
        weights.as_ref().and_then(|w| w.as_slice()),
        &months,
        n,
    );
    Ok(TimeAxis::from_segments(&main.timestamps, bounds, weights))
}

/// Every series the scenario names, with the key path that names it: node demand shapes, each
/// technology's series, the step weights.
fn wanted(sc: &Scenario) -> Vec<(String, SeriesRef)> {
    let mut wanted: Vec<(String, SeriesRef)> = Vec::new();
    for (name, node) in &sc.nodes {
        if let Some(r) = &node.demand_profile {
            wanted.push((format!("nodes.{name}.demand_profile"), r.clone()));
        }
    }
    for i in crate::model::tech::instances(sc) {
        wanted.extend(i.tech.series(&i.path));
    }
    if let Some(w) = &sc.time.weights {
        wanted.push(("time.weights".into(), w.clone()));
    }
    wanted
}

/// The first timestamp that does not follow the one before by an hour, as a problem.
fn gap(main: &CsvTable, file: &Path) -> Option<InputProblem> {
    let row = crate::series::first_gap(&main.timestamps)?;
    Some(
        InputProblem::new(
            "column `timestamp`",
            format!(
                "`{}` does not follow `{}` by one hour: the horizon must be consecutive hours",
                main.timestamps[row],
                main.timestamps[row - 1]
            ),
        )
        .in_file(file)
        .at_line(main.lines.get(row).copied()),
    )
}

/// The CSV files read so far (each once), and the problems found in them.
struct Files<'a> {
    loaded: &'a LoadedScenario,
    tables: BTreeMap<PathBuf, Option<CsvTable>>,
    problems: Vec<InputProblem>,
}

impl Files<'_> {
    /// A file's table, read the first time it is asked for; `origin` is the key that named it.
    fn read(&mut self, path: &Path, origin: &str) -> Option<CsvTable> {
        let (loaded, problems) = (self.loaded, &mut self.problems);
        self.tables
            .entry(path.to_path_buf())
            .or_insert_with(|| match CsvTable::read(path) {
                Ok(t) => Some(t),
                Err(mut ps) => {
                    if let Some(reason) = ps
                        .first()
                        .filter(|_| ps.len() == 1)
                        .and_then(|p| p.message.strip_prefix("cannot read CSV: "))
                    {
                        // A missing file is the scenario's mistake: point at the key too.
                        let p = loaded
                            .problem(origin, format!("cannot read {}: {reason}", path.display()));
                        ps = vec![p];
                    }
                    problems.extend(ps);
                    None
                }
            })
            .clone()
    }

    /// The hourly values of one column, checked against the horizon's length.
    fn column(
        &mut self,
        (file, column): &(PathBuf, String),
        origin: &str,
        default_file: &Path,
        hours: usize,
    ) -> Option<ndarray::Array1<f64>> {
        let table = self.read(file, origin)?;
        if table.hours() != hours {
            let msg = format!(
                "{} has {} data rows but the horizon ({}) has {hours}",
                file.display(),
                table.hours(),
                default_file.display()
            );
            self.problems.push(self.loaded.problem(origin, msg));
            return None;
        }
        if let Some(values) = table.columns.get(column) {
            return Some(values.clone());
        }
        let names: Vec<&str> = table.columns.keys().map(String::as_str).collect();
        let msg = format!(
            "no column `{column}` in {}{} (columns: {})",
            file.display(),
            crate::scenario::did_you_mean(column, &names),
            names.join(", ")
        );
        self.problems.push(self.loaded.problem(origin, msg));
        None
    }
}
