//! A comparison folder read back: `compare.csv` (the table), `compare.json` (each case's
//! summary) and `curtailment_duration.csv` (each case's curve).

use crate::error::Result;
use crate::output::compare::{
    CaseInfo, CompareJson, StatusQuoInfo, CASE, METRIC, STATUS_ROW, UNIT,
};
use crate::output::files::{COMPARE_CSV, COMPARE_JSON, DURATION};
use crate::output::run::CURTAILED_MW;
use crate::report::read::{json, problem, reader, reader_with_header};
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

/// Everything the comparison's charts and report are drawn from.
#[derive(Debug, Clone)]
pub struct CompareFiles {
    pub cases: Vec<String>,
    pub statuses: Vec<String>,
    pub rows: Vec<TableRow>,
    pub info: Vec<CaseInfo>,
    /// Each case's spill, MW, largest first; None when the folder has no duration file.
    pub durations: Option<Vec<Vec<f64>>>,
    /// The first case's status quo (no new capacity), when it was solved.
    pub status_quo: Option<StatusQuoInfo>,
    /// The words of the folder: the first case's `lang`, the cases' labels.
    pub names: crate::output::names::FolderNames,
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
        let path = dir.join(COMPARE_CSV);
        let (mut r, header) = reader_with_header(&path)?;
        if header.len() < 3 || header[0] != METRIC || header[1] != UNIT {
            return Err(problem(
                &path,
                format!("not a {COMPARE_CSV} (expected `{METRIC},{UNIT},…`)"),
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
            if cells[0] == STATUS_ROW {
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
        let json_path = dir.join(COMPARE_JSON);
        let json: CompareJson = json(&json_path, &format!("a {COMPARE_JSON}"))?;
        let names: Vec<&str> = json
            .summaries
            .iter()
            .map(|c| c.summary.scenario.as_str())
            .collect();
        if names != cases.iter().map(String::as_str).collect::<Vec<_>>() {
            return Err(problem(
                &json_path,
                format!(
                    "its cases {names:?} are not those of {COMPARE_CSV} {cases:?}: the two files are from different comparisons"
                ),
            ));
        }
        let durations = read_durations(&dir.join(DURATION), &cases)?;
        Ok(CompareFiles {
            cases,
            statuses,
            rows,
            info: json.summaries,
            durations,
            status_quo: json.status_quo,
            names: json.names,
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
    let (c_case, c_mw) = (col(CASE)?, col(CURTAILED_MW)?);
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
