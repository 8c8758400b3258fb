//! Reading a run folder back: `summary.json` and the CSVs, exactly as `run` wrote them.
//!
//! The charts and the report are drawn from these files, never from the solver's memory, so
//! `spillway plot DIR` redraws byte for byte what `run` drew. Only the fields the charts and the
//! report need are read; a missing or malformed file is an input problem naming that file.

use crate::error::Result;
use crate::i18n::{names::Names, Lang, Translator};
use crate::output::files::*;
use crate::output::run::{
    column_node, Capacity, RunSummary, COMPONENT, CURTAILED_MW, DURATION_COLUMNS, MW, NODE,
    PRICE_CNY_PER_MWH, STEP, TIMESTAMP, USE,
};
use crate::report::read::{json, problem, reader, rows};
use crate::scenario::assumptions::Assumption;
use std::collections::BTreeMap;
use std::path::Path;

/// What `summary.json` is called in an error when it cannot be read.
const SUMMARY_WHAT: &str = "a spillway summary";

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
    /// The duration curve's hours at or above each value (for steps of varying length).
    pub duration_hours: Vec<f64>,
}

/// Everything the charts and the report are drawn from.
#[derive(Debug, Clone)]
pub struct RunFiles {
    pub summary: RunSummary,
    pub capacities: Vec<Capacity>,
    /// `energy_by_use_monthly.csv`; `month` and `flood_season` (1/0) are columns too.
    pub monthly: Columns,
    pub duration_mw: Vec<f64>,
    /// The duration curve's hours at or above each value (for steps of varying length).
    pub duration_hours: Vec<f64>,
    /// Step labels (`YYYY-MM-DD HH:MM`, the step's first hour).
    pub timestamps: Vec<String>,
    /// Spill summed over nodes, MW per step.
    pub curtailed_mw: Vec<f64>,
    /// (node, price per step; NaN where there is none). Empty without duals.
    pub prices: Vec<(String, Vec<f64>)>,
    /// MW per step summed over nodes, by `use` of `dispatch.csv`; lines are netted into
    /// `line_losses` (positive), generation technologies kept by kind.
    pub dispatch: BTreeMap<String, Vec<f64>>,
    /// The rows of `dispatch.csv` kept per node (lines and local demand, for the network
    /// picture), in the file's order.
    pub at_nodes: Vec<AtNode>,
    /// Spill per node, MW per step (the columns of `curtailment.csv`, in its order).
    pub curtailed_by_node: Vec<(String, Vec<f64>)>,
    pub assumptions: Vec<Assumption>,
    pub baseline: Option<Baseline>,
}

/// One component's signed MW per step at one node of `dispatch.csv` (a line's end: what it
/// delivers there, negative where it takes power away; local demand: negative).
#[derive(Debug, Clone)]
pub struct AtNode {
    pub component: String,
    pub node: String,
    pub mw: Vec<f64>,
}

/// MW per step by use, summed over nodes.
type ByUse = BTreeMap<String, Vec<f64>>;

/// The uses whose rows are kept per node and component.
const KEPT_AT_NODES: [&[u8]; 2] = [b"line_net", b"local_demand"];

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
    let ts = header.iter().position(|h| h == TIMESTAMP);
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

/// `dispatch.csv` (long, possibly tens of MB) summed over nodes into one series per use, and
/// the rows of lines and local demand per node. Read as raw bytes with one small lookup per
/// row; this is the slow part of drawing at 1 h.
fn dispatch(path: &Path, steps: usize) -> Result<(ByUse, Vec<AtNode>)> {
    let mut r = reader(path)?;
    let h = r.byte_headers().map_err(|e| problem(path, e))?.clone();
    let col = |name: &str| {
        h.iter()
            .position(|c| c == name.as_bytes())
            .ok_or_else(|| problem(path, format!("no column `{name}`")))
    };
    let (c_step, c_use, c_mw) = (col(STEP)?, col(USE)?, col(MW)?);
    let (c_node, c_component) = (col(NODE)?, col(COMPONENT)?);
    let mut at_nodes: Vec<AtNode> = Vec::new();
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
        if KEPT_AT_NODES.contains(&u) {
            let (node, component) = (&rec[c_node], &rec[c_component]);
            let found = at_nodes
                .iter()
                .position(|a| a.node.as_bytes() == node && a.component.as_bytes() == component);
            let k = found.unwrap_or_else(|| {
                at_nodes.push(AtNode {
                    component: String::from_utf8_lossy(component).into_owned(),
                    node: String::from_utf8_lossy(node).into_owned(),
                    mw: vec![0.0; steps],
                });
                at_nodes.len() - 1
            });
            at_nodes[k].mw[step] += mw;
        }
    }
    let by_use = names.into_iter().map(|(_, n)| n).zip(series).collect();
    Ok((by_use, at_nodes))
}

impl RunFiles {
    /// Read a run folder.
    pub fn read(dir: &Path) -> Result<RunFiles> {
        let summary: RunSummary = json(&dir.join(SUMMARY), SUMMARY_WHAT)?;
        let (duration_mw, duration_hours) = duration(&dir.join(DURATION))?;
        let (curtailment, timestamps) = columns(&dir.join(CURTAILMENT), &[STEP, TIMESTAMP])?;
        let curtailed_mw = curtailment.rows.iter().map(|r| r.iter().sum()).collect();
        let curtailed_by_node = (0..curtailment.names.len())
            .map(|i| {
                let node = column_node(&curtailment.names[i], CURTAILED_MW).to_string();
                (node, curtailment.rows.iter().map(|r| r[i]).collect())
            })
            .collect();
        let (price_cols, _) = columns(&dir.join(PRICES), &[STEP, TIMESTAMP])?;
        let prices = price_cols
            .names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let node = column_node(n, PRICE_CNY_PER_MWH).to_string();
                (
                    node,
                    price_cols.rows.iter().map(|r| r[i]).collect::<Vec<f64>>(),
                )
            })
            .filter(|(_, p)| p.iter().any(|x| x.is_finite()))
            .collect();
        let (monthly, _) = columns(&dir.join(MONTHLY), &[])?;
        let assumptions_path = dir.join(ASSUMPTIONS);
        let assumptions = if assumptions_path.is_file() {
            rows(&assumptions_path)?
        } else {
            Vec::new()
        };
        let baseline = if dir.join(BASELINE_SUMMARY).is_file() {
            let summary = json(&dir.join(BASELINE_SUMMARY), SUMMARY_WHAT)?;
            let d = duration(&dir.join(BASELINE_DURATION))?;
            Some(Baseline {
                summary,
                duration_mw: d.0,
                duration_hours: d.1,
            })
        } else {
            None
        };
        let (dispatch, at_nodes) = dispatch(&dir.join(DISPATCH), timestamps.len())?;
        Ok(RunFiles {
            capacities: rows(&dir.join(CAPACITIES))?,
            monthly,
            duration_mw,
            duration_hours,
            curtailed_mw,
            prices,
            dispatch,
            at_nodes,
            curtailed_by_node,
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

    /// The words of this folder in `lang` (else the scenario's `lang`, else English), with
    /// the scenario's labels of its nodes, lines and options.
    pub fn translator(&self, lang: Option<Lang>) -> Translator {
        let lang = lang
            .or_else(|| self.assumption("lang").and_then(|l| Lang::parse(&l)))
            .unwrap_or_default();
        let values = self
            .assumptions
            .iter()
            .map(|a| (a.key.as_str(), a.value.as_str()));
        Translator::new(lang, Names::from_values(values, lang))
    }

    /// What the report would print for a node, line or option (`palette::use_label`,
    /// `words::option_name`), as its scenario `label` when it has one.
    pub fn shown(&self, printed: &str) -> String {
        self.translator(Some(Lang::En)).text(printed)
    }

    /// Whether the baseline files hold the run's own status quo (written by `run` since the
    /// status quo is solved with it), not a named baseline copied from a sibling folder (older
    /// folders): the status quo's summary carries the run's own scenario name.
    pub fn baseline_is_status_quo(&self) -> bool {
        (self.baseline.as_ref()).is_some_and(|b| b.summary.scenario == self.summary.scenario)
    }

    /// The baseline's name in the report's sentence: "nothing new built", or the named
    /// baseline scenario of an older folder.
    pub fn baseline_name(&self) -> String {
        match &self.baseline {
            Some(_) if self.baseline_is_status_quo() => "nothing new built".into(),
            Some(b) => b.summary.scenario.clone(),
            None => String::new(),
        }
    }

    /// The baseline's column and curve label: "status quo", or "<name> (baseline)".
    pub fn baseline_label(&self) -> String {
        match &self.baseline {
            Some(_) if self.baseline_is_status_quo() => "status quo".into(),
            Some(b) => format!("{} (baseline)", b.summary.scenario),
            None => String::new(),
        }
    }

    /// The label up to its first parenthesis ("South-east"), for axis ticks.
    pub fn node_short(&self, node: &str) -> String {
        let l = self.node_label(node);
        l.split(" (").next().unwrap_or(&l).trim().to_string()
    }
}

/// A duration curve's MW and hours at or above, largest first.
fn duration(path: &Path) -> Result<(Vec<f64>, Vec<f64>)> {
    let (c, _) = columns(path, &[])?;
    let column = |name: &str| {
        c.get(name)
            .ok_or_else(|| problem(path, format!("no column `{name}`")))
    };
    Ok((column(CURTAILED_MW)?, column(DURATION_COLUMNS[1])?))
}
