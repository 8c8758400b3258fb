//! Reading a run folder back: `summary.json` and the CSVs, exactly as `run` wrote them.
//!
//! The charts and the report are drawn from these files, never from the solver's memory, so
//! `spillway plot DIR` redraws byte for byte what `run` drew. Only the fields the charts and the
//! report need are read; a missing or malformed file is an input problem naming that file.

use super::{ASSUMPTIONS, BASELINE_DURATION, BASELINE_SUMMARY};
use crate::error::{Error, InputProblem, Result};
use crate::scenario::assumptions::Assumption;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The part of `summary.json` the report uses.
#[derive(Debug, Clone, Deserialize)]
pub struct RunSummary {
    pub scenario: String,
    pub status: String,
    pub objective_cny: f64,
    pub curtailment: Curtailment,
    pub capacity_built_mw: BTreeMap<String, f64>,
    #[serde(default)]
    pub hydrogen_storage_built_kg: f64,
    pub energy_twh: EnergyTwh,
    pub hydrogen_kt: f64,
    pub electrolyser_capacity_factor: Option<f64>,
    pub lcoh_cny_per_kg: Option<f64>,
    pub mean_price_cny_per_mwh: BTreeMap<String, Option<f64>>,
    pub solver: String,
    pub resolution_hours: usize,
    pub steps: usize,
    pub horizon_hours: f64,
}

pub use crate::results::summary::{Curtailment, EnergyTwh};

/// One row of `capacities.csv`.
#[derive(Debug, Clone, Deserialize)]
pub struct Capacity {
    pub component: String,
    pub option: String,
    pub node: String,
    pub unit: String,
    pub existing: f64,
    pub built: f64,
    pub max_new: f64,
}

/// A table of numbers by column name (`energy_by_use_monthly.csv`).
#[derive(Debug, Clone, Default)]
pub struct Columns {
    pub names: Vec<String>,
    pub rows: Vec<Vec<f64>>,
}

impl Columns {
    pub fn get(&self, name: &str) -> Option<Vec<f64>> {
        let i = self.names.iter().position(|n| n == name)?;
        Some(self.rows.iter().map(|r| r[i]).collect())
    }
}

/// A baseline's results copied into the run folder.
#[derive(Debug, Clone)]
pub struct Baseline {
    pub summary: RunSummary,
    pub duration_mw: Vec<f64>,
}

/// Everything the charts and the report are drawn from.
#[derive(Debug, Clone)]
pub struct RunFiles {
    pub summary: RunSummary,
    pub capacities: Vec<Capacity>,
    /// `energy_by_use_monthly.csv`; `month` and `flood_season` (1/0) are columns too.
    pub monthly: Columns,
    pub duration_mw: Vec<f64>,
    /// Step labels (`YYYY-MM-DD HH:MM`, the step's first hour).
    pub timestamps: Vec<String>,
    /// Spill summed over nodes, MW per step.
    pub curtailed_mw: Vec<f64>,
    /// (node, price per step; NaN where there is none). Empty without duals.
    pub prices: Vec<(String, Vec<f64>)>,
    /// MW per step summed over nodes, by `use` of `dispatch.csv`; lines are netted into
    /// `line_losses` (positive), generation technologies kept by kind.
    pub dispatch: BTreeMap<String, Vec<f64>>,
    pub assumptions: Vec<Assumption>,
    pub baseline: Option<Baseline>,
}

/// A problem with a results file that charts and reports read back (exit 2).
pub(crate) fn problem(path: &Path, message: impl std::fmt::Display) -> Error {
    Error::input(InputProblem::new("", message.to_string()).in_file(path))
}

pub(crate) fn reader(path: &Path) -> Result<csv::Reader<std::fs::File>> {
    csv::Reader::from_path(path).map_err(|e| problem(path, format!("cannot read: {e}")))
}

/// A results CSV opened for reading, with its header row.
pub(crate) fn reader_with_header(path: &Path) -> Result<(csv::Reader<std::fs::File>, Vec<String>)> {
    let mut r = reader(path)?;
    let header = r
        .headers()
        .map_err(|e| problem(path, e))?
        .iter()
        .map(String::from)
        .collect();
    Ok((r, header))
}

fn json<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let text =
        std::fs::read_to_string(path).map_err(|e| problem(path, format!("cannot read: {e}")))?;
    serde_json::from_str(&text).map_err(|e| problem(path, format!("not a spillway summary: {e}")))
}

fn rows<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    reader(path)?
        .deserialize()
        .enumerate()
        .map(|(i, r)| r.map_err(|e| problem(path, format!("row {}: {e}", i + 2))))
        .collect()
}

/// A number cell; an empty cell (no price) is NaN.
fn number(path: &Path, row: usize, s: &[u8]) -> Result<f64> {
    let s = std::str::from_utf8(s).unwrap_or("?").trim();
    match s {
        "" => Ok(f64::NAN),
        "true" => Ok(1.0),
        "false" => Ok(0.0),
        _ => s
            .parse()
            .map_err(|_| problem(path, format!("row {row}: `{s}` is not a number"))),
    }
}

/// Every column of a CSV as numbers, except those named in `text` (kept by the caller).
fn columns(path: &Path, skip: &[&str]) -> Result<(Columns, Vec<String>)> {
    let mut r = reader(path)?;
    let header: Vec<String> = r
        .headers()
        .map_err(|e| problem(path, e))?
        .iter()
        .map(str::to_string)
        .collect();
    let keep: Vec<usize> = (0..header.len())
        .filter(|i| !skip.contains(&header[*i].as_str()))
        .collect();
    let ts = header.iter().position(|h| h == "timestamp");
    let mut out = Columns {
        names: keep.iter().map(|i| header[*i].clone()).collect(),
        rows: Vec::new(),
    };
    let mut stamps = Vec::new();
    let mut rec = csv::ByteRecord::new();
    let mut row = 1;
    while r.read_byte_record(&mut rec).map_err(|e| problem(path, e))? {
        row += 1;
        let vals = keep
            .iter()
            .map(|i| number(path, row, rec.get(*i).unwrap_or(b"")))
            .collect::<Result<Vec<f64>>>()?;
        out.rows.push(vals);
        if let Some(t) = ts {
            stamps.push(String::from_utf8_lossy(rec.get(t).unwrap_or(b"")).into_owned());
        }
    }
    Ok((out, stamps))
}

/// `dispatch.csv` (long, possibly tens of MB) summed over nodes into one series per use. Read
/// as raw bytes with one small lookup per row; this is the slow part of drawing at 1 h.
fn dispatch(path: &Path, steps: usize) -> Result<BTreeMap<String, Vec<f64>>> {
    let mut r = reader(path)?;
    let h = r.byte_headers().map_err(|e| problem(path, e))?.clone();
    let col = |name: &str| {
        h.iter()
            .position(|c| c == name.as_bytes())
            .ok_or_else(|| problem(path, format!("no column `{name}`")))
    };
    let (c_step, c_use, c_mw) = (col("step")?, col("use")?, col("mw")?);
    let mut names: Vec<(Vec<u8>, String)> = Vec::new();
    let mut series: Vec<Vec<f64>> = Vec::new();
    let mut rec = csv::ByteRecord::new();
    let mut row = 1;
    while r.read_byte_record(&mut rec).map_err(|e| problem(path, e))? {
        row += 1;
        let step: usize = std::str::from_utf8(&rec[c_step])
            .ok()
            .and_then(|s| s.parse().ok())
            .filter(|s| *s < steps)
            .ok_or_else(|| problem(path, format!("row {row}: bad step")))?;
        let mw = number(path, row, &rec[c_mw])?;
        let u = &rec[c_use];
        let k = match names.iter().position(|(n, _)| n.as_slice() == u) {
            Some(k) => k,
            None => {
                let name = match u {
                    b"line_net" => "line_losses".to_string(),
                    _ => String::from_utf8_lossy(u).into_owned(),
                };
                names.push((u.to_vec(), name));
                series.push(vec![0.0; steps]);
                names.len() - 1
            }
        };
        series[k][step] += if u == b"line_net" { -mw } else { mw.abs() };
    }
    Ok(names.into_iter().map(|(_, n)| n).zip(series).collect())
}

impl RunFiles {
    /// Read a run folder.
    pub fn read(dir: &Path) -> Result<RunFiles> {
        let summary: RunSummary = json(&dir.join("summary.json"))?;
        let duration_mw = duration(&dir.join("curtailment_duration.csv"))?;
        let (curtailment, timestamps) =
            columns(&dir.join("curtailment.csv"), &["step", "timestamp"])?;
        let curtailed_mw = curtailment.rows.iter().map(|r| r.iter().sum()).collect();
        let (price_cols, _) = columns(&dir.join("prices.csv"), &["step", "timestamp"])?;
        let prices = price_cols
            .names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let node = n.trim_end_matches("_price_cny_per_mwh").to_string();
                (
                    node,
                    price_cols.rows.iter().map(|r| r[i]).collect::<Vec<f64>>(),
                )
            })
            .filter(|(_, p)| p.iter().any(|x| x.is_finite()))
            .collect();
        let (monthly, _) = columns(&dir.join("energy_by_use_monthly.csv"), &[])?;
        let assumptions_path = dir.join(ASSUMPTIONS);
        let assumptions = if assumptions_path.is_file() {
            rows(&assumptions_path)?
        } else {
            Vec::new()
        };
        let baseline = if dir.join(BASELINE_SUMMARY).is_file() {
            Some(Baseline {
                summary: json(&dir.join(BASELINE_SUMMARY))?,
                duration_mw: duration(&dir.join(BASELINE_DURATION))?,
            })
        } else {
            None
        };
        Ok(RunFiles {
            capacities: rows(&dir.join("capacities.csv"))?,
            monthly,
            duration_mw,
            curtailed_mw,
            prices,
            dispatch: dispatch(&dir.join("dispatch.csv"), timestamps.len())?,
            timestamps,
            assumptions,
            baseline,
            summary,
        })
    }

    /// The value a scenario file gave a key, without quotes.
    pub fn assumption(&self, key: &str) -> Option<String> {
        self.assumptions
            .iter()
            .find(|a| a.key == key)
            .map(|a| a.value.trim_matches('"').to_string())
    }

    /// A node's label from the scenario (`nodes.<n>.label`), else its name.
    pub fn node_label(&self, node: &str) -> String {
        self.assumption(&format!("nodes.{node}.label"))
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| node.to_string())
    }

    /// The label up to its first parenthesis ("South-east"), for axis ticks.
    pub fn node_short(&self, node: &str) -> String {
        let l = self.node_label(node);
        l.split(" (").next().unwrap_or(&l).trim().to_string()
    }
}

fn duration(path: &Path) -> Result<Vec<f64>> {
    let (c, _) = columns(path, &[])?;
    c.get("curtailed_mw")
        .ok_or_else(|| problem(path, "no column `curtailed_mw`"))
}
