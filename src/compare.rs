//! `spillway compare`: solve several cases side by side and tabulate what differs.
//!
//! Planners compare whole strategies (export, hydrogen, both) before sweeping numbers. Every case
//! is solved in parallel; the table lists the same quantities for each, with the difference of
//! every later case from the first.

use crate::error::{Error, InputProblem, Result};
use crate::model::CostPart;
use crate::results::write::{duration_cells, duration_curve, write_atomically};
use crate::results::Summary;
use crate::study::{self, RunSettings};
use crate::sweep::output::{energy, fixed, ENERGY_USES};
use rayon::prelude::*;
use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One solved case.
#[derive(Debug, Clone, Serialize)]
pub struct Case {
    pub file: PathBuf,
    /// The scenario's `description`, for the report's list of cases.
    pub description: String,
    pub summary: Summary,
    /// (hours at or above, MW), largest spill first: written to `curtailment_duration.csv` so
    /// the cases' curves can be drawn (and redrawn) from the folder.
    #[serde(skip)]
    pub curtailment_duration: Vec<(f64, f64)>,
}

/// One line of the table: a quantity for every case (None: not defined, e.g. LCOH without H₂).
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub metric: String,
    pub unit: &'static str,
    pub values: Vec<Option<f64>>,
    /// Each case minus the first (the first's own entry is 0).
    pub difference_vs_first: Vec<Option<f64>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub cases: Vec<String>,
    pub statuses: Vec<String>,
    pub rows: Vec<Row>,
    /// Every case's full summary, as `summary.json` would hold it.
    pub summaries: Vec<Case>,
}

/// Solve every case (in parallel) and tabulate. Cases must have distinct names.
pub fn compare(files: &[PathBuf], settings: &RunSettings) -> Result<Comparison> {
    let outcomes: Vec<Result<Case>> = files
        .par_iter()
        .map(|f| {
            let o = study::run(f, settings)?;
            Ok(Case {
                file: f.clone(),
                description: o.loaded.scenario.description.clone(),
                curtailment_duration: duration_curve(&o.results),
                summary: o.summary,
            })
        })
        .collect();
    let mut cases = Vec::new();
    let mut problems = Vec::new();
    for (f, o) in files.iter().zip(outcomes) {
        match o {
            Ok(c) => cases.push(c),
            Err(Error::Input(ps)) => problems.extend(ps),
            Err(Error::Infeasible { status, hint }) => {
                return Err(Error::Infeasible {
                    status,
                    hint: format!("case {}: {hint}", f.display()),
                })
            }
            Err(e) => return Err(e),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    for (i, c) in cases.iter().enumerate() {
        if let Some(j) = cases[..i]
            .iter()
            .position(|d| d.summary.scenario == c.summary.scenario)
        {
            return Err(Error::input(
                InputProblem::new(
                    "name",
                    format!(
                        "the same name `{}` as {}: cases need distinct names",
                        c.summary.scenario,
                        cases[j].file.display()
                    ),
                )
                .in_file(&c.file),
            ));
        }
    }
    Ok(tabulate(cases))
}

fn tabulate(cases: Vec<Case>) -> Comparison {
    let s: Vec<&Summary> = cases.iter().map(|c| &c.summary).collect();
    let mut rows = Vec::new();
    let mut add = |metric: String, unit: &'static str, f: &dyn Fn(&Summary) -> Option<f64>| {
        let values: Vec<Option<f64>> = s.iter().map(|x| f(x)).collect();
        let difference_vs_first = values
            .iter()
            .map(|v| match (v, values[0]) {
                (Some(a), Some(b)) => Some(a - b),
                _ => None,
            })
            .collect();
        rows.push(Row {
            metric,
            unit,
            values,
            difference_vs_first,
        });
    };
    add("objective".into(), "M CNY/yr", &|x| {
        Some(x.objective_cny / 1e6)
    });
    let mut keys: Vec<&String> = s.iter().flat_map(|x| x.capacity_built_mw.keys()).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        add(format!("capacity.{k}"), "MW", &|x| {
            Some(x.capacity_built_mw.get(k).copied().unwrap_or(0.0))
        });
    }
    add("capacity.hydrogen_storage".into(), "t", &|x| {
        Some(x.hydrogen_storage_built_kg / 1e3)
    });
    for u in ENERGY_USES {
        add(format!("energy.{u}"), "TWh/yr", &|x| Some(energy(x, u)));
    }
    add("curtailment.annual".into(), "TWh/yr", &|x| {
        Some(x.curtailment.annual_twh)
    });
    add("curtailment.flood_season".into(), "TWh/yr", &|x| {
        Some(x.curtailment.flood_season_twh)
    });
    add("hydrogen".into(), "kt/yr", &|x| Some(x.hydrogen_kt));
    add("lcoh".into(), "CNY/kg", &|x| x.lcoh_cny_per_kg);
    add("export_revenue".into(), "M CNY/yr", &|x| {
        Some(
            -x.objective_parts_cny
                .get(&CostPart::ExportRevenue)
                .copied()
                .unwrap_or(0.0)
                / 1e6,
        )
    });
    Comparison {
        cases: s.iter().map(|x| x.scenario.clone()).collect(),
        statuses: s.iter().map(|x| x.status.clone()).collect(),
        rows,
        summaries: cases,
    }
}

fn digits(unit: &str) -> usize {
    match unit {
        "TWh/yr" => 3,
        "CNY/kg" => 2,
        _ => 1,
    }
}

/// The side-by-side table printed on stdout.
pub fn table(c: &Comparison) -> String {
    let mut head = vec!["".to_string(), "unit".to_string()];
    head.extend(c.cases.iter().cloned());
    head.extend(
        c.cases
            .iter()
            .skip(1)
            .map(|n| format!("{n} − {}", c.cases[0])),
    );
    let mut lines = vec![head];
    let mut status = vec!["status".to_string(), String::new()];
    status.extend(c.statuses.iter().cloned());
    status.extend(c.cases.iter().skip(1).map(|_| String::new()));
    lines.push(status);
    for r in &c.rows {
        let d = digits(r.unit);
        let show = |v: &Option<f64>| v.map_or("–".to_string(), |x| fixed(x, d));
        let mut l = vec![r.metric.clone(), r.unit.to_string()];
        l.extend(r.values.iter().map(show));
        l.extend(r.difference_vs_first.iter().skip(1).map(|v| match v {
            Some(x) if x.abs() >= 0.5 * 10f64.powi(-(d as i32)) => format!("{:+.d$}", x),
            Some(_) => "0".into(),
            None => "–".into(),
        }));
        lines.push(l);
    }
    let widths: Vec<usize> = (0..lines[0].len())
        .map(|i| {
            lines
                .iter()
                .map(|l| l[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for l in &lines {
        for (i, cell) in l.iter().enumerate() {
            let pad = widths[i] - cell.chars().count();
            if i == 0 {
                let _ = write!(out, "{cell}{}", " ".repeat(pad));
            } else {
                let _ = write!(out, "  {}{cell}", " ".repeat(pad));
            }
        }
        out.push('\n');
    }
    out
}

/// The cases' curtailment duration curves, one after the other (long format).
pub const DURATION_FILE: &str = "curtailment_duration.csv";

/// Write `compare.csv`, `compare.json`, `curtailment_duration.csv`, then the charts and
/// `report.md` drawn from those files (`crate::study_report`), atomically into `dir`.
pub fn write(c: &Comparison, dir: &Path, force: bool) -> Result<()> {
    write_atomically(dir, force, |tmp| {
        let mut w = csv::Writer::from_path(tmp.join("compare.csv"))?;
        let mut head = vec!["metric".to_string(), "unit".to_string()];
        head.extend(c.cases.iter().cloned());
        head.extend(
            c.cases
                .iter()
                .skip(1)
                .map(|n| format!("{n}_minus_{}", c.cases[0])),
        );
        w.write_record(&head)?;
        let mut status = vec!["status".to_string(), String::new()];
        status.extend(c.statuses.iter().cloned());
        status.extend(c.cases.iter().skip(1).map(|_| String::new()));
        w.write_record(&status)?;
        for r in &c.rows {
            let mut l = vec![r.metric.clone(), r.unit.to_string()];
            let cell = |v: &Option<f64>| v.map_or(String::new(), |x| fixed(x, 6));
            l.extend(r.values.iter().map(cell));
            l.extend(r.difference_vs_first.iter().skip(1).map(cell));
            w.write_record(&l)?;
        }
        w.flush()?;
        let json = serde_json::to_string_pretty(c).map_err(std::io::Error::other)?;
        std::fs::write(tmp.join("compare.json"), json + "\n")?;
        let mut w = csv::Writer::from_path(tmp.join(DURATION_FILE))?;
        w.write_record(["case", "rank", "hours_at_or_above", "curtailed_mw"])?;
        for case in &c.summaries {
            for [rank, hours, mw] in duration_cells(&case.curtailment_duration) {
                w.write_record([case.summary.scenario.as_str(), &rank, &hours, &mw])?;
            }
        }
        w.flush()?;
        crate::study_report::draw_compare(tmp)
            .map(|_| ())
            .map_err(|e| std::io::Error::other(e.to_string()))
    })
}
