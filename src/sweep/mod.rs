//! Sensitivity sweeps: many solves of one base scenario with some of its numbers changed.
//!
//! A sweep file (`spec`) names the base scenario and the parameters; `design` turns it into
//! numbered points (optionally crossed with historical `hydrology` years); `run` solves them in
//! parallel, reusing the parsed scenario and the loaded series; `output` writes `sweep.csv`;
//! `merge` joins the outputs of shards run on several machines. See docs/sweeps.md.

pub mod design;
pub mod hydrology;
pub mod merge;
pub mod output;
pub mod path;
pub mod rng;
pub mod run;
pub mod spec;
pub mod years;

use crate::error::{Error, Result};
use crate::inputs::Inputs;
use crate::scenario::{LoadedScenario, Scenario};
use crate::series::Resolution;
use crate::study::settings::{check_resolution, check_resolution_hours};
use crate::study::RunSettings;
use design::Point;
use spec::{Distribution, SweepFile};
use std::collections::BTreeSet;
use std::path::Path;
use toml::Value;

/// A sweep ready to solve: base scenario and series loaded once, points numbered.
pub struct Sweep {
    pub file: SweepFile,
    pub base: LoadedScenario,
    pub inputs: Inputs,
    /// The base scenario as a TOML value; each point copies it and sets its parameters.
    pub base_value: Value,
    pub points: Vec<Point>,
    /// Solver, iteration limit and threads of every point (the resolution is in `inputs`).
    pub settings: RunSettings,
    /// Keys of `capacity_built_mw` any point can have (the columns of `sweep.csv`).
    pub capacity_keys: Vec<String>,
    /// Identifies the definition (file, base scenario, points, resolution, solver) across shards.
    pub hash: String,
}

/// One point's scenario, and its own series when hydrology had to derive some.
pub struct PointScenario {
    pub scenario: Scenario,
    pub inputs: Option<Inputs>,
    /// Run-of-river energy above full availability cut by the hydrology method, TWh.
    pub hydro_clipped_twh: Option<f64>,
}

impl Sweep {
    /// Read a sweep file, its base scenario and series, and number its points.
    pub fn load(path: &Path, settings: &RunSettings) -> Result<Sweep> {
        let file = SweepFile::read(path)?;
        let spec = &file.spec;
        let base_path = file.dir().join(&spec.base);
        if !base_path.is_file() {
            return Err(Error::input(file.problem(
                None,
                "base",
                format!("no scenario file {}", base_path.display()),
            )));
        }
        let own = file_resolution(&file)?;
        let resolution = settings.resolution().or(own);
        let (base, inputs) = match crate::study::prepare(&base_path, resolution) {
            // The sweep file's `resolution` asked for more or fewer segments than fit.
            Err(Error::Input(ps)) if settings.resolution().is_none() && own.is_some() => {
                return Err(Error::Input(
                    ps.into_iter()
                        .map(|p| match p.location.as_str() {
                            "--resolution" => file.problem(None, "resolution", p.message),
                            _ => p,
                        })
                        .collect(),
                ))
            }
            other => other?,
        };
        refuse_hydrology_over_stochastic(&file, &base.scenario)?;
        let years = years::select(&file, &base.scenario)?;
        let base_value = path::to_value(&base.scenario);
        check_paths(&file, &base_value)?;
        check_series(&file, &base_value, &base, inputs.axis.resolution)?;
        let points = design::points(&file, &years)?;
        let mut sweep = Sweep {
            file,
            base,
            inputs,
            base_value,
            points,
            settings: settings.clone(),
            capacity_keys: Vec::new(),
            hash: String::new(),
        };
        let mut keys = BTreeSet::new();
        for p in &sweep.points {
            // A point that cannot be built fails later with its own status; it adds no column.
            if let Ok(sc) = sweep.point_toml(p).and_then(path::deserialize) {
                keys.extend(capacity_keys(&sc));
            }
        }
        sweep.capacity_keys = keys.into_iter().collect();
        sweep.hash = output::definition_hash(&sweep);
        Ok(sweep)
    }

    pub fn paths(&self) -> Vec<&str> {
        self.file
            .spec
            .parameters
            .iter()
            .map(|p| p.path.as_str())
            .collect()
    }

    /// The longest step, hours (every step's at a fixed resolution).
    pub fn resolution_hours(&self) -> usize {
        self.inputs.axis.longest_step_h()
    }

    pub fn resolution(&self) -> Resolution {
        self.inputs.axis.resolution
    }

    /// The base scenario's value at a parameter's path (shown for points "at base").
    pub fn base_display(&self, j: usize) -> String {
        path::get(&self.base_value, &self.file.spec.parameters[j].path)
            .map(design::show)
            .unwrap_or_default()
    }

    fn point_toml(&self, p: &Point) -> std::result::Result<Value, String> {
        let mut v = self.base_value.clone();
        for (spec, value) in self.file.spec.parameters.iter().zip(&p.values) {
            if let Some(x) = value {
                path::set(&mut v, &spec.path, x.clone())
                    .map_err(|e| format!("{}: {e}", spec.path))?;
            }
        }
        Ok(v)
    }

    /// The scenario of one point (parameters set, hydrology applied). Err: why it cannot be built.
    pub fn point_scenario(&self, p: &Point) -> std::result::Result<PointScenario, String> {
        let mut scenario = path::deserialize(self.point_toml(p)?)?;
        // A text value may name a series the base scenario does not (`check_series` made sure
        // it exists): such a point reads its own.
        let own = match p.values.iter().flatten().any(may_name_series) {
            true => Some(self.own_series(&scenario)?),
            false => None,
        };
        let base = own.as_ref().unwrap_or(&self.inputs);
        let (inputs, hydro_clipped_twh) = match &p.hydrology {
            None => (own, None),
            Some(y) => {
                let (derived, clipped) = hydrology::apply(&mut scenario, base, &y.year);
                (derived.or(own), Some(clipped))
            }
        };
        Ok(PointScenario {
            scenario,
            inputs,
            hydro_clipped_twh,
        })
    }
}

impl Sweep {
    /// The series of a point's scenario, read from the files at the sweep's resolution.
    fn own_series(&self, sc: &Scenario) -> std::result::Result<Inputs, String> {
        let loaded = LoadedScenario {
            scenario: sc.clone(),
            files: self.base.files.clone(),
        };
        Inputs::load(&loaded, Some(self.resolution())).map_err(|e| e.to_string())
    }
}

/// A stochastic base solves every point over its own hydrology years; a sweep's `hydrology`
/// would cross them with its years again, so it is refused at its key.
fn refuse_hydrology_over_stochastic(file: &SweepFile, base: &Scenario) -> Result<()> {
    if file.spec.hydrology.is_none() || !crate::scenario::stochastic::is_stochastic(base) {
        return Ok(());
    }
    let m = format!(
        "the base scenario `{}` is stochastic ([stochastic] enabled = true): each point is already solved over its own hydrology years; remove `hydrology` here, or sweep a base without [stochastic]",
        base.name
    );
    Err(Error::input(file.problem(None, "hydrology", m)))
}

/// The sweep file's own resolution: `resolution = "auto:400"` or `resolution_hours = 3` (not
/// both), checked as the command line's is.
fn file_resolution(file: &SweepFile) -> Result<Option<Resolution>> {
    let spec = &file.spec;
    let hours = match spec.resolution_hours.map(check_resolution_hours) {
        Some(Err(m)) => return Err(Error::input(file.problem(None, "resolution_hours", m))),
        Some(Ok(h)) => Some(Resolution::Hours(h)),
        None => None,
    };
    let Some(text) = &spec.resolution else {
        return Ok(hours);
    };
    if hours.is_some() {
        let m = "give `resolution` or `resolution_hours`, not both";
        return Err(Error::input(file.problem(None, "resolution", m)));
    }
    text.parse()
        .and_then(check_resolution)
        .map(Some)
        .map_err(|m| Error::input(file.problem(None, "resolution", m)))
}

/// Whether a parameter value could name a series (a column, or `{ file, column }`).
fn may_name_series(v: &Value) -> bool {
    matches!(v, Value::String(_) | Value::Table(_))
}

/// The keys `Summary::capacity_built_mw` will have for this scenario (each technology says
/// which it adds).
pub fn capacity_keys(sc: &Scenario) -> BTreeSet<String> {
    crate::model::tech::instances(sc)
        .into_iter()
        .flat_map(|i| i.tech.capacity_keys(i.name))
        .collect()
}

/// Every text value of a parameter that names a series must name one the files have: read the
/// series of the base scenario with that value set, before any solve, and report what is
/// missing at the parameter's `values` line.
fn check_series(
    file: &SweepFile,
    base: &Value,
    loaded: &LoadedScenario,
    resolution: Resolution,
) -> Result<()> {
    let mut problems = Vec::new();
    for (i, p) in file.spec.parameters.iter().enumerate() {
        for v in p.values.iter().flatten().filter(|v| may_name_series(v)) {
            let mut probe = base.clone();
            let Ok(scenario) = path::set(&mut probe, &p.path, v.clone())
                .map_err(|e| e.to_string())
                .and_then(|()| path::deserialize(probe))
            else {
                continue; // not a scenario: the point says why when it is solved
            };
            let probe = LoadedScenario {
                scenario,
                files: loaded.files.clone(),
            };
            if let Err(Error::Input(ps)) = Inputs::load(&probe, Some(resolution)) {
                problems.extend(ps.into_iter().map(|q| {
                    file.problem(
                        Some(i),
                        "values",
                        format!("{} = {}: {}", p.path, design::show(v), q.message),
                    )
                }));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(problems))
    }
}

/// Every parameter's path must name a key of the base scenario: set a representative value and
/// read the scenario back, so that a typo fails before any solve, at the parameter's line.
fn check_paths(file: &SweepFile, base: &Value) -> Result<()> {
    let mut problems = Vec::new();
    for (i, p) in file.spec.parameters.iter().enumerate() {
        let probe = match (&p.values, &p.distribution) {
            (Some(v), _) if !v.is_empty() => v[0].clone(),
            (_, Some(Distribution::Uniform { low, .. } | Distribution::Triangular { low, .. })) => {
                Value::Float(*low)
            }
            (_, Some(Distribution::Normal { mean, .. })) => Value::Float(*mean),
            _ => Value::Float(p.start.or(p.low).unwrap_or(0.0)),
        };
        let mut v = base.clone();
        let result = path::set(&mut v, &p.path, probe)
            .map_err(|e| e.to_string())
            .and_then(|()| path::deserialize(v).map(|_| ()));
        if let Err(msg) = result {
            problems.push(file.problem(Some(i), "path", format!("`{}`: {msg}", p.path)));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(problems))
    }
}
