//! `lumpy_combinations.csv` in memory: one row per combination of the lumpy projects'
//! choices, ranked by objective (columns: `output::run::lumpy_columns`).

use crate::model::tech::lumpy::{Choice, Project};
use crate::output::run::lumpy_columns;
use crate::results::decision::BaselineTotals;
use crate::results::summary::LumpySummary;
use crate::results::Summary;
use crate::status::Status;
use std::path::Path;

use super::settings::LumpyMethod;

/// One combination and how its LP ended.
#[derive(Debug, Clone)]
pub struct Row {
    /// One choice per project, in the projects' order.
    pub choices: Vec<Choice>,
    /// Capacity built per project, MW (empty when not solved).
    pub built_mw: Vec<f64>,
    pub status: Status,
    /// `objective_cny` of summary.json (None: not solved).
    pub objective_cny: Option<f64>,
    /// What the net benefit is computed from (as for the run itself).
    totals: Option<BaselineTotals>,
    /// Against the status quo, CNY per year (None: not solved, or no status quo).
    pub net_benefit_cny_per_year: Option<f64>,
    /// 1 = the answer; None when not solved.
    pub rank: Option<usize>,
}

impl Row {
    /// A solved combination, from its summary and the values of its capacity columns.
    pub fn solved(choices: Vec<Choice>, summary: &Summary, built_mw: Vec<f64>) -> Row {
        let totals = serde_json::to_value(summary)
            .ok()
            .and_then(|v| BaselineTotals::from_json(&v));
        Row {
            choices,
            built_mw,
            status: summary.status,
            objective_cny: Some(summary.objective_cny),
            totals,
            net_benefit_cny_per_year: None,
            rank: None,
        }
    }

    /// A combination whose LP ended without a solution.
    pub fn failed(choices: Vec<Choice>, status: Status) -> Row {
        Row {
            choices,
            built_mw: Vec::new(),
            status,
            objective_cny: None,
            totals: None,
            net_benefit_cny_per_year: None,
            rank: None,
        }
    }
}

/// Every combination solved, in enumeration order (the first project's choice varies slowest).
#[derive(Debug, Clone)]
pub struct Table {
    pub method: LumpyMethod,
    /// Names of the projects (`line.x`, `electrolyser.se`), in the scenario's build order.
    pub projects: Vec<String>,
    /// Combinations of all choices (rows of `enumerate`; the MILP has one row, its answer).
    pub combinations: usize,
    pub rows: Vec<Row>,
}

impl Table {
    /// Rank the solved rows by objective (ties: the earlier combination first).
    pub fn new(
        method: LumpyMethod,
        projects: &[Project],
        combinations: usize,
        mut rows: Vec<Row>,
    ) -> Table {
        let mut order: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].status.has_solution())
            .collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (rows[a].objective_cny, rows[b].objective_cny);
            x.unwrap_or(f64::INFINITY)
                .total_cmp(&y.unwrap_or(f64::INFINITY))
                .then(a.cmp(&b))
        });
        for (rank, i) in order.into_iter().enumerate() {
            rows[i].rank = Some(rank + 1);
        }
        Table {
            method,
            projects: projects.iter().map(|p| p.name.clone()).collect(),
            combinations,
            rows,
        }
    }

    /// The answer: the row ranked first.
    pub fn best(&self) -> Option<&Row> {
        self.rows.iter().find(|r| r.rank == Some(1))
    }

    /// The capacity bounds of the best combination (`study::Fixing::Capacities`).
    pub fn fixing_of_best(&self, projects: &[Project]) -> Vec<(String, f64, f64)> {
        self.best()
            .map(|r| bounds(projects, &r.choices))
            .unwrap_or_default()
    }

    /// summary.json's `lumpy` for the best row.
    pub fn summary(&self) -> Option<LumpySummary> {
        let best = self.best()?;
        let names = self.projects.iter().cloned();
        Some(LumpySummary {
            method: self.method.name().into(),
            combinations: self.combinations,
            choice: names
                .clone()
                .zip(best.choices.iter().map(|c| c.label()))
                .collect(),
            built_mw: names.zip(best.built_mw.iter().copied()).collect(),
        })
    }

    /// Fill each solved row's net benefit against the status quo (the run's own, when there
    /// is one), computed as the run's: money objectives, per year.
    pub fn against_status_quo(&mut self, base: Option<&BaselineTotals>) {
        let Some(base) = base else {
            return;
        };
        for r in &mut self.rows {
            r.net_benefit_cny_per_year = r.totals.as_ref().map(|t| {
                let per_year = 8760.0 / t.horizon_hours.max(1e-9);
                (base.money_objective_cny - t.money_objective_cny) * per_year
            });
        }
    }

    /// Write `lumpy_combinations.csv`.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let names: Vec<&str> = self.projects.iter().map(String::as_str).collect();
        let mut w = csv::Writer::from_path(path)?;
        w.write_record(lumpy_columns(&names))?;
        let opt = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v}"));
        for (i, r) in self.rows.iter().enumerate() {
            let mut record = vec![format!("{}", i + 1)];
            record.extend(r.choices.iter().map(|c| c.label()));
            record.extend((0..names.len()).map(|k| opt(r.built_mw.get(k).copied())));
            record.push(r.status.to_string());
            record.push(opt(r.objective_cny));
            record.push(opt(r.net_benefit_cny_per_year));
            record.push(r.rank.map_or(String::new(), |k| k.to_string()));
            w.write_record(record)?;
        }
        w.flush()
    }
}

/// The capacity bounds of one combination: `(column entity, lo, hi)` per project.
pub fn bounds(projects: &[Project], choices: &[Choice]) -> Vec<(String, f64, f64)> {
    projects
        .iter()
        .zip(choices)
        .map(|(p, c)| {
            let (lo, hi) = c.bounds(p.max_mw);
            (p.column.clone(), lo, hi)
        })
        .collect()
}
