//! A sweep folder read back: `sweep.json` (what was swept) and `sweep.csv` (one row per point),
//! grouped into design points (the same parameter values, over hydrology years when crossed).

use crate::error::Result;
use crate::output::files::{SWEEP_CSV, SWEEP_JSON};
use crate::output::sweep::*;
use crate::report::read::{json, problem, reader_with_header};
use std::collections::HashMap;
use std::path::Path;

/// One row of `sweep.csv`.
#[derive(Debug, Clone)]
pub struct Row {
    pub point: usize,
    /// The parameters' cells, as written (base values included).
    pub params: Vec<String>,
    pub year: Option<i32>,
    pub relative_to_mean: f64,
    /// The year's probability weight (`hydrology_probability`; NaN in files without it).
    pub probability: f64,
    pub status: String,
    pub message: String,
    /// One value per output column (NaN where the point has none).
    pub values: Vec<f64>,
}

impl Row {
    /// Whether the point has a solution (`optimal` or `almost_optimal`).
    pub fn solved(&self) -> bool {
        self.status
            .parse::<crate::status::Status>()
            .is_ok_and(crate::status::Status::has_solution)
    }
}

/// Points with the same parameter values: one point, or one per hydrology year.
#[derive(Debug, Clone)]
pub struct DesignPoint {
    pub params: Vec<String>,
    /// Indices into `SweepFiles::rows`.
    pub rows: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct SweepFiles {
    pub meta: SweepMeta,
    /// Numeric output columns of `sweep.csv` (everything after `status` but `message`, and
    /// `hydro_clipped_twh` with hydrology).
    pub outputs: Vec<String>,
    pub rows: Vec<Row>,
    pub hydrology: bool,
}

impl SweepFiles {
    pub fn read(dir: &Path) -> Result<SweepFiles> {
        let meta: SweepMeta = json(&dir.join(SWEEP_JSON), &format!("a {SWEEP_JSON}"))?;
        let path = dir.join(SWEEP_CSV);
        let (mut r, header) = reader_with_header(&path)?;
        let col = |name: &str| {
            header
                .iter()
                .position(|h| h == name)
                .ok_or_else(|| problem(&path, format!("no column `{name}`")))
        };
        let param_cols = meta
            .parameters
            .iter()
            .map(|p| col(p))
            .collect::<Result<Vec<_>>>()?;
        let (c_point, c_status, c_message) = (col(POINT)?, col(STATUS)?, col(MESSAGE)?);
        let hydrology = header.iter().any(|h| h == HYDROLOGY_YEAR);
        let (c_year, c_rel) = if hydrology {
            (
                Some(col(HYDROLOGY_YEAR)?),
                Some(col(HYDROLOGY_RELATIVE_TO_MEAN)?),
            )
        } else {
            (None, None)
        };
        // Older sweep folders have no probability column: their years weigh the same.
        let c_prob = col(HYDROLOGY_PROBABILITY).ok().filter(|_| hydrology);
        let mut out_cols: Vec<usize> = (c_status + 1..header.len())
            .filter(|i| *i != c_message)
            .collect();
        if let Ok(c) = col(HYDRO_CLIPPED_TWH) {
            out_cols.push(c);
        }
        let mut rows = Vec::new();
        for (i, rec) in r.records().enumerate() {
            let rec = rec.map_err(|e| problem(&path, e))?;
            let line = i + 2;
            let get = |c: usize| rec.get(c).unwrap_or("");
            let num = |c: usize| -> Result<f64> {
                match get(c) {
                    "" => Ok(f64::NAN),
                    s => s.parse().map_err(|_| {
                        problem(
                            &path,
                            format!("row {line}: `{s}` in `{}` is not a number", header[c]),
                        )
                    }),
                }
            };
            rows.push(Row {
                point: get(c_point)
                    .parse()
                    .map_err(|_| problem(&path, format!("row {line}: no point index")))?,
                params: param_cols.iter().map(|c| get(*c).to_string()).collect(),
                year: c_year.and_then(|c| get(c).parse().ok()),
                relative_to_mean: c_rel.map_or(Ok(f64::NAN), num)?,
                probability: c_prob.map_or(Ok(f64::NAN), num)?,
                status: get(c_status).to_string(),
                message: get(c_message).to_string(),
                values: out_cols.iter().map(|c| num(*c)).collect::<Result<_>>()?,
            });
        }
        Ok(SweepFiles {
            meta,
            outputs: out_cols.iter().map(|c| header[*c].clone()).collect(),
            rows,
            hydrology,
        })
    }

    /// The index of an output column.
    pub fn output(&self, name: &str) -> Option<usize> {
        self.outputs.iter().position(|o| o == name)
    }

    /// An output of every row (NaN where absent).
    pub fn column(&self, name: &str) -> Vec<f64> {
        match self.output(name) {
            Some(c) => self.rows.iter().map(|r| r.values[c]).collect(),
            None => vec![f64::NAN; self.rows.len()],
        }
    }

    /// Options of `capacity_mw.*` columns (`electrolyser`, `line.…`), in column order.
    pub fn options(&self) -> Vec<String> {
        self.outputs
            .iter()
            .filter_map(|o| o.strip_prefix(CAPACITY_PREFIX))
            .map(String::from)
            .collect()
    }

    /// Rows grouped by their parameters' values, in order of first appearance.
    pub fn design_points(&self) -> Vec<DesignPoint> {
        let mut dps: Vec<DesignPoint> = Vec::new();
        let mut index: HashMap<&[String], usize> = HashMap::new();
        for (i, r) in self.rows.iter().enumerate() {
            match index.get(r.params.as_slice()) {
                Some(&k) => dps[k].rows.push(i),
                None => {
                    index.insert(&r.params, dps.len());
                    dps.push(DesignPoint {
                        params: r.params.clone(),
                        rows: vec![i],
                    });
                }
            }
        }
        dps
    }

    /// One design point's value of an output: the point's own, or with hydrology years the mean
    /// over its years, weighted by their probabilities when these differ (design years; the
    /// years on record weigh the same). NaN when any of its points has no value: a mean over
    /// the years that happened to solve would not be comparable with the others.
    pub fn design_value(&self, dp: &DesignPoint, name: &str) -> f64 {
        let Some(c) = self.output(name) else {
            return f64::NAN;
        };
        let vals: Vec<f64> = dp.rows.iter().map(|i| self.rows[*i].values[c]).collect();
        if vals.is_empty() || vals.iter().any(|v| !v.is_finite()) {
            return f64::NAN;
        }
        let p: Vec<f64> = dp.rows.iter().map(|i| self.rows[*i].probability).collect();
        let weighted = p.iter().all(|p| p.is_finite() && *p >= 0.0)
            && p.iter().any(|q| *q != p[0])
            && p.iter().sum::<f64>() > 0.0;
        if weighted {
            let total: f64 = p.iter().sum();
            return vals.iter().zip(&p).map(|(v, p)| v * p).sum::<f64>() / total;
        }
        vals.iter().sum::<f64>() / vals.len() as f64
    }

    /// "probability-weighted mean" when the years carry different probabilities (design
    /// years), else "mean": how `design_value` averages over a design point's years.
    pub fn mean_over_years(&self) -> &'static str {
        let p: Vec<f64> = self.rows.iter().map(|r| r.probability).collect();
        match p.iter().all(|p| p.is_finite()) && p.iter().any(|q| *q != p[0]) {
            true => "probability-weighted mean",
            false => "mean",
        }
    }

    /// Parameters (by index) that take more than one value over the design points.
    pub fn varied(&self, dps: &[DesignPoint]) -> Vec<usize> {
        (0..self.meta.parameters.len())
            .filter(|j| dps.iter().any(|d| d.params[*j] != dps[0].params[*j]))
            .collect()
    }

    /// The hydrology years in the folder, in row order without repeats.
    pub fn years(&self) -> Vec<i32> {
        let mut ys: Vec<i32> = Vec::new();
        for y in self.rows.iter().filter_map(|r| r.year) {
            if !ys.contains(&y) {
                ys.push(y);
            }
        }
        ys
    }
}
