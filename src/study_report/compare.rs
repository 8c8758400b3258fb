//! A comparison folder read back (`compare.csv`, `compare.json`, `curtailment_duration.csv`)
//! and its three charts: capacity built per option, energy by use, and every case's curtailment
//! duration curve on one chart.

use super::Figures;
use crate::charts::{format_number, palette, BarGroups, Labels, LineChart};
use crate::compare::DURATION_FILE;
use crate::error::Result;
use crate::report::read::RunSummary;
use crate::report::read::{problem, reader, reader_with_header};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// One row of `compare.csv`: a metric for every case, and every later case minus the first.
#[derive(Debug, Clone)]
pub struct TableRow {
    pub metric: String,
    pub unit: String,
    pub values: Vec<Option<f64>>,
    pub differences: Vec<Option<f64>>,
}

/// What `compare.json` holds per case that `compare.csv` does not.
#[derive(Debug, Clone, Deserialize)]
pub struct CaseInfo {
    pub file: String,
    #[serde(default)]
    pub description: String,
    pub summary: RunSummary,
}

#[derive(Deserialize)]
struct CompareJson {
    summaries: Vec<CaseInfo>,
}

/// Everything the comparison's charts and report are drawn from.
#[derive(Debug, Clone)]
pub struct CompareFiles {
    pub cases: Vec<String>,
    pub statuses: Vec<String>,
    pub rows: Vec<TableRow>,
    pub info: Vec<CaseInfo>,
    /// Each case's spill, MW, largest first; None when the folder has no duration file.
    pub durations: Option<Vec<Vec<f64>>>,
}

fn number(path: &Path, row: usize, s: &str) -> Result<Option<f64>> {
    if s.is_empty() {
        return Ok(None);
    }
    s.parse()
        .map(Some)
        .map_err(|_| problem(path, format!("row {row}: `{s}` is not a number")))
}

impl CompareFiles {
    pub fn read(dir: &Path) -> Result<CompareFiles> {
        let path = dir.join("compare.csv");
        let (mut r, header) = reader_with_header(&path)?;
        if header.len() < 3 || header[0] != "metric" || header[1] != "unit" {
            return Err(problem(
                &path,
                "not a compare.csv (expected `metric,unit,…`)",
            ));
        }
        // n case columns, then n − 1 difference columns.
        let n = (header.len() - 1) / 2;
        let cases = header[2..2 + n].to_vec();
        let mut statuses = vec![String::new(); n];
        let mut rows = Vec::new();
        for (i, rec) in r.records().enumerate() {
            let rec = rec.map_err(|e| problem(&path, e))?;
            let cells: Vec<&str> = rec.iter().collect();
            if cells.len() != header.len() {
                return Err(problem(
                    &path,
                    format!("row {}: wrong number of cells", i + 2),
                ));
            }
            if cells[0] == "status" {
                statuses = cells[2..2 + n].iter().map(|s| s.to_string()).collect();
                continue;
            }
            let parse = |s: &[&str]| {
                s.iter()
                    .map(|c| number(&path, i + 2, c))
                    .collect::<Result<Vec<_>>>()
            };
            rows.push(TableRow {
                metric: cells[0].to_string(),
                unit: cells[1].to_string(),
                values: parse(&cells[2..2 + n])?,
                differences: parse(&cells[2 + n..])?,
            });
        }
        let json_path = dir.join("compare.json");
        let text = std::fs::read_to_string(&json_path)
            .map_err(|e| problem(&json_path, format!("cannot read: {e}")))?;
        let json: CompareJson = serde_json::from_str(&text)
            .map_err(|e| problem(&json_path, format!("not a compare.json: {e}")))?;
        let names: Vec<&str> = json
            .summaries
            .iter()
            .map(|c| c.summary.scenario.as_str())
            .collect();
        if names != cases.iter().map(String::as_str).collect::<Vec<_>>() {
            return Err(problem(
                &json_path,
                format!(
                    "its cases {names:?} are not those of compare.csv {cases:?}: the two files are from different comparisons"
                ),
            ));
        }
        let durations = read_durations(&dir.join(DURATION_FILE), &cases)?;
        Ok(CompareFiles {
            cases,
            statuses,
            rows,
            info: json.summaries,
            durations,
        })
    }

    /// A metric's row, if the table has it.
    pub fn row(&self, metric: &str) -> Option<&TableRow> {
        self.rows.iter().find(|r| r.metric == metric)
    }
}

/// `curtailment_duration.csv` (case, rank, hours_at_or_above, curtailed_mw): each case's MW in
/// file order. A folder written before the file existed has none (None).
fn read_durations(path: &Path, cases: &[String]) -> Result<Option<Vec<Vec<f64>>>> {
    if !path.is_file() {
        return Ok(None);
    }
    let mut r = reader(path)?;
    let h = r.headers().map_err(|e| problem(path, e))?.clone();
    let col = |name: &str| {
        h.iter()
            .position(|c| c == name)
            .ok_or_else(|| problem(path, format!("no column `{name}`")))
    };
    let (c_case, c_mw) = (col("case")?, col("curtailed_mw")?);
    let mut by_case: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| problem(path, e))?;
        let mw = number(path, i + 2, rec.get(c_mw).unwrap_or(""))?.unwrap_or(f64::NAN);
        by_case
            .entry(rec.get(c_case).unwrap_or("").to_string())
            .or_default()
            .push(mw);
    }
    Ok(Some(
        cases
            .iter()
            .map(|c| by_case.remove(c).unwrap_or_default())
            .collect(),
    ))
}

/// Uses in the order of the run's monthly chart (firm demand first, waste last), then supplies.
fn energy_keys(f: &CompareFiles) -> Vec<String> {
    let mut products: Vec<String> = f
        .info
        .iter()
        .flat_map(|c| c.summary.energy_twh.industry_by_product.keys())
        .map(|p| format!("industry.{p}"))
        .collect();
    products.sort();
    products.dedup();
    if products.is_empty() {
        products.push("industry".into());
    }
    let mut keys = crate::report::use_order(&products);
    keys.extend(["import", "unserved"].map(String::from));
    keys
}

/// A use's TWh in case `i`: industry by product from `compare.json`, the rest from the table.
fn energy(f: &CompareFiles, key: &str, i: usize) -> Option<f64> {
    match key.strip_prefix("industry.") {
        Some(p) => f.info[i]
            .summary
            .energy_twh
            .industry_by_product
            .get(p)
            .copied(),
        None => f.row(&format!("energy.{key}"))?.values[i],
    }
}

/// Solver noise (1e-6 MW) shown as 0, so a label reads "0", not "0.00".
fn clean(v: f64) -> f64 {
    if v.abs() < 1e-3 {
        0.0
    } else {
        v
    }
}

/// "34.9 TWh in every case", or "0.35 / 0.00 / 0.00 TWh (in case order)".
fn per_case(values: &[String], unit: &str) -> String {
    if values.windows(2).all(|w| w[0] == w[1]) {
        format!("{} {unit} in every case", values.first().map_or("–", |v| v))
    } else {
        format!("{} {unit} (in case order)", values.join(" / "))
    }
}

fn resolution_words(f: &CompareFiles) -> String {
    let mut res: Vec<usize> = f.info.iter().map(|c| c.summary.resolution_hours).collect();
    res.dedup();
    match res.as_slice() {
        [one] => format!("{one} h steps"),
        _ => "steps of different lengths per case".into(),
    }
}

pub fn draw_all(f: &CompareFiles, dir: &Path) -> Result<Figures> {
    let mut figs = Figures::default();
    capacity(f, dir, &mut figs)?;
    energy_by_use(f, dir, &mut figs)?;
    duration(f, dir, &mut figs)?;
    Ok(figs)
}

fn capacity(f: &CompareFiles, dir: &Path, figs: &mut Figures) -> Result<()> {
    let keys: Vec<String> = f
        .rows
        .iter()
        .filter(|r| r.unit == "MW")
        .filter_map(|r| r.metric.strip_prefix("capacity."))
        .map(String::from)
        .collect();
    if keys.is_empty() {
        figs.skipped
            .push("capacity built: no case allows new capacity".into());
        return Ok(());
    }
    // No bar where a case does not allow the option (it is not among its summary's keys).
    let values: Vec<Vec<f64>> = (0..f.cases.len())
        .map(|i| {
            keys.iter()
                .map(|k| {
                    let allowed = f.info[i].summary.capacity_built_mw.contains_key(k);
                    let v = f.row(&format!("capacity.{k}")).and_then(|r| r.values[i]);
                    match v {
                        Some(v) if allowed => clean(v),
                        _ => f64::NAN,
                    }
                })
                .collect()
        })
        .collect();
    let mut sub = format!(
        "New capacity per option; no bar: not allowed in that case; 0: allowed, not built; {}",
        resolution_words(f)
    );
    if let Some(r) = f.row("capacity.hydrogen_storage") {
        if r.values.iter().flatten().any(|v| *v > 0.5) {
            let t: Vec<String> = r
                .values
                .iter()
                .map(|v| v.map_or("–".into(), |x| format!("{x:.0}")))
                .collect();
            sub.push_str(&format!("; hydrogen storage {} t", t.join(" / ")));
        }
    }
    let chart = BarGroups {
        labels: Labels {
            title: "Capacity built in each case",
            subtitle: &sub,
            x_axis: "case",
            y_axis: "new capacity (MW; data centres: MW of IT load)",
        },
        groups: f.cases.clone(),
        keys,
        values,
        limits: None,
        value_labels: f.cases.len() <= 6,
    };
    let reading = "What the optimiser builds in each case, option by option, in the colours of the run charts; a case that does not allow an option has no bar for it.".into();
    figs.emit(dir, "capacity_built", "Capacity built", reading, &chart)
}

fn energy_by_use(f: &CompareFiles, dir: &Path, figs: &mut Figures) -> Result<()> {
    // "Zero" is relative to the largest use, so a small test system keeps its bars and solver
    // noise (1e-9 TWh) on a real one does not make a bar of its own.
    let all = energy_keys(f);
    let largest = all
        .iter()
        .flat_map(|k| (0..f.cases.len()).filter_map(move |i| energy(f, k, i)))
        .fold(0.0, |m: f64, v| m.max(v.abs()));
    let zero = largest * 1e-6;
    let keys: Vec<String> = all
        .into_iter()
        .filter(|k| (0..f.cases.len()).any(|i| energy(f, k, i).is_some_and(|v| v.abs() > zero)))
        .collect();
    let values = (0..f.cases.len())
        .map(|i| {
            keys.iter()
                .map(|k| energy(f, k, i).map_or(f64::NAN, |v| if v.abs() > zero { v } else { 0.0 }))
                .collect()
        })
        .collect();
    let available: Vec<String> = f
        .info
        .iter()
        .map(|c| format_number(c.summary.energy_twh.available, 1))
        .collect();
    let sub = format!(
        "Where each case's energy goes over the year; available generation {}; {}",
        per_case(&available, "TWh"),
        resolution_words(f)
    );
    let chart = BarGroups {
        labels: Labels {
            title: "Energy by use in each case",
            subtitle: &sub,
            x_axis: "case",
            y_axis: "energy (TWh/yr)",
        },
        groups: f.cases.clone(),
        keys,
        values,
        limits: None,
        value_labels: f.cases.len() <= 4,
    };
    let reading = "Each case's energy by use over the year, each use in its fixed colour: what export loses, hydrogen or industry gains, and what is still spilled. Uses that are zero in every case are left out.".into();
    figs.emit(dir, "energy_by_use", "Energy by use", reading, &chart)
}

/// "0.35 TWh a year", "320 MWh a year" (a small system), or "nothing spilled" below 1 MWh
/// (interior-point noise is ~0.01 MWh a year).
fn spilled_words(twh: f64) -> String {
    if twh < 1e-6 {
        "nothing spilled".into()
    } else if twh >= 0.01 {
        format!("{} TWh a year", format_number(twh, 2))
    } else if twh >= 1e-5 {
        format!("{} GWh a year", format_number(twh * 1e3, 2))
    } else {
        format!("{} MWh a year", format_number(twh * 1e6, 1))
    }
}

fn duration(f: &CompareFiles, dir: &Path, figs: &mut Figures) -> Result<()> {
    let Some(durations) = &f.durations else {
        figs.skipped.push(format!(
            "curtailment duration: this folder has no {DURATION_FILE} (written by an older spillway)"
        ));
        return Ok(());
    };
    // The legend says how much each case spills, so a case lying on the axis is still read.
    let curves: Vec<(String, Vec<f64>)> = f
        .info
        .iter()
        .zip(durations)
        .map(|(c, d)| {
            let twh = c.summary.curtailment.annual_twh;
            let name = format!("{}: {}", c.summary.scenario, spilled_words(twh));
            (name, d.clone())
        })
        .collect();
    let horizon = f
        .info
        .iter()
        .map(|c| c.summary.horizon_hours)
        .fold(0.0, f64::max);
    let sub = format!(
        "Spill summed over all nodes, sorted from largest; {}",
        resolution_words(f)
    );
    let x_axis = if (horizon - 8760.0).abs() < 1.0 {
        "hours of the year at or above (h)"
    } else {
        "hours of the horizon at or above (h)"
    };
    let mut chart = LineChart::duration(
        Labels {
            title: "Curtailment duration in each case",
            subtitle: &sub,
            x_axis,
            y_axis: "spilled power (MW)",
        },
        &curves,
        horizon,
    );
    // Case names are not uses: each case takes the next case colour, as in every study chart.
    for (i, s) in chart.series.iter_mut().enumerate() {
        s.colour = palette::case(i);
    }
    let reading = "How many hours a year each level of spill lasts in each case; the area under a curve is the energy spilled. A case that spills nothing lies on the axis.".into();
    figs.emit(
        dir,
        "curtailment_duration",
        "Curtailment duration",
        reading,
        &chart,
    )
}
