//! The sweep file: which scenario to start from, which numbers to vary and how.
//!
//! ```toml
//! base = "../aba-2025.toml"          # relative to this file
//! design = "grid"                    # grid | one_at_a_time | monte_carlo
//! [[parameter]]
//! path = "market.hydrogen_price_cny_per_kg"
//! values = [10, 14, 18]              # or start/stop/steps, or low/high, or a distribution
//! ```
//! Parameters are an array of tables so that their order (columns of `sweep.csv`, nesting of a
//! grid) is the order the planner wrote.

use crate::error::{Error, InputProblem, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Design {
    /// Every combination of every parameter's values (first parameter varies slowest).
    #[default]
    Grid,
    /// The base point, then each parameter through its values with the others at base (tornado).
    OneAtATime,
    /// `samples` independent draws of every parameter from its distribution, from `seed`.
    MonteCarlo,
}

/// `hydrology = "all"`, `hydrology = "design"` or `hydrology = [1980, 2012]`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub enum HydrologyChoice {
    All(String),
    Years(Vec<i32>),
}

/// Distributions of Monte Carlo parameters (`distribution = { kind = "…", … }`).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Distribution {
    Uniform {
        low: f64,
        high: f64,
    },
    Triangular {
        low: f64,
        mode: f64,
        high: f64,
    },
    /// Normal, truncated to [low, high] when either is given (by rejection).
    Normal {
        mean: f64,
        sd: f64,
        #[serde(default)]
        low: Option<f64>,
        #[serde(default)]
        high: Option<f64>,
    },
    /// One of the parameter's `values`, each equally likely.
    Choice,
}

/// One `[[parameter]]` as written.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ParameterSpec {
    /// Key path in the scenario, e.g. `options.electrolyser.capex_cny_per_kw`.
    pub path: String,
    #[serde(default)]
    pub values: Option<Vec<toml::Value>>,
    /// A range: `steps` evenly spaced values from `start` to `stop` inclusive.
    #[serde(default)]
    pub start: Option<f64>,
    #[serde(default)]
    pub stop: Option<f64>,
    #[serde(default)]
    pub steps: Option<usize>,
    /// Tornado ends (one_at_a_time): the same as `values = [low, high]`.
    #[serde(default)]
    pub low: Option<f64>,
    #[serde(default)]
    pub high: Option<f64>,
    #[serde(default)]
    pub distribution: Option<Distribution>,
}

/// A sweep file as written.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SweepSpec {
    /// Scenario the points start from, relative to the sweep file.
    pub base: PathBuf,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub design: Design,
    /// Monte Carlo: number of draws.
    #[serde(default)]
    pub samples: Option<usize>,
    /// Monte Carlo: the seed (the same seed gives the same points on every machine).
    #[serde(default)]
    pub seed: Option<u64>,
    /// Hours per step (the command line's `--resolution` overrides it).
    #[serde(default)]
    pub resolution_hours: Option<usize>,
    /// Any resolution, as on the command line: `3h`, `auto:400` (instead of
    /// `resolution_hours`; the command line's `--resolution` overrides it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    /// Scale hydro by historical years (docs/sweeps.md): "all", a list of years, or "design"
    /// (the P-III design years of the record).
    #[serde(default)]
    pub hydrology: Option<HydrologyChoice>,
    /// With `hydrology = "design"`: the exceedance probabilities of the design years
    /// (fractions, increasing; default 0.10, 0.50, 0.75, 0.90).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hydrology_exceedance: Option<Vec<f64>>,
    /// Table of years (`hydrology_year`, `relative_to_mean`); default `hydrology_years.csv`
    /// beside the base scenario's `time.profiles`. Relative to the sweep file.
    #[serde(default)]
    pub hydrology_file: Option<PathBuf>,
    #[serde(default, rename = "parameter")]
    pub parameters: Vec<ParameterSpec>,
}

const NOT_A_SWEEP: &str = "this is a scenario file, and `sweep` expects a sweep file \
    (`base = \"scenario.toml\"` and `[[parameter]]` tables, see docs/sweeps.md); \
    solve a scenario with `spillway run`";

/// Whether `path` holds a sweep file (for commands that expect something else to say so).
pub fn is_sweep_file(path: &Path) -> bool {
    crate::input_file::read_toml_text(path).is_ok_and(|t| toml::from_str::<SweepSpec>(&t).is_ok())
}

/// A sweep file read from disk: the parsed spec, its path and text (for line numbers).
#[derive(Debug, Clone)]
pub struct SweepFile {
    pub path: PathBuf,
    pub text: String,
    pub spec: SweepSpec,
}

impl SweepFile {
    pub fn read(path: &Path) -> Result<SweepFile> {
        let text = crate::input_file::read_toml_text(path).map_err(|(line, e)| {
            let msg = match line {
                None => format!("cannot read sweep file: {e}"),
                Some(_) => e,
            };
            Error::input(InputProblem::new("", msg).in_file(path).at_line(line))
        })?;
        let spec: SweepSpec = toml::from_str(&text).map_err(|e| {
            // A scenario given where a sweep file belongs: say so, not what it lacks as a sweep.
            if crate::scenario::load_scenario(path).is_ok() {
                return Error::input(InputProblem::new("", NOT_A_SWEEP).in_file(path));
            }
            let line = e.span().map(|s| text[..s.start].matches('\n').count() + 1);
            Error::input(
                InputProblem::new("", crate::input_file::toml_message(e.message()))
                    .in_file(path)
                    .at_line(line),
            )
        })?;
        Ok(SweepFile {
            path: path.to_path_buf(),
            text,
            spec,
        })
    }

    /// The folder paths in the sweep file are relative to.
    pub fn dir(&self) -> PathBuf {
        self.path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    /// A problem at the `i`-th `[[parameter]]`'s `key` (or at a top-level key when `i` is None).
    pub fn problem(&self, i: Option<usize>, key: &str, message: impl Into<String>) -> InputProblem {
        let location = match i {
            Some(i) => format!("parameter[{}].{key}", i + 1),
            None => key.to_string(),
        };
        InputProblem::new(location, message)
            .in_file(&self.path)
            .at_line(self.line_of(i, key))
    }

    fn line_of(&self, i: Option<usize>, key: &str) -> Option<usize> {
        let doc = toml_edit::ImDocument::parse(self.text.clone()).ok()?;
        let table: &dyn toml_edit::TableLike = match i {
            None => doc.as_table(),
            Some(i) => doc.get("parameter")?.as_array_of_tables()?.get(i)?,
        };
        let span = match table.get_key_value(key) {
            Some((k, item)) => k.span().or_else(|| item.span()),
            None => None,
        };
        let start = match (span, i) {
            (Some(s), _) => s.start,
            (None, Some(i)) => {
                doc.get("parameter")?
                    .as_array_of_tables()?
                    .get(i)?
                    .span()?
                    .start
            }
            (None, None) => return None,
        };
        Some(
            self.text[..start.min(self.text.len())]
                .matches('\n')
                .count()
                + 1,
        )
    }
}
