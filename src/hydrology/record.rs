//! The hydrology record: one row per year, the year's annual inflow relative to the mean of the
//! record (`hydrology_years.csv`, made by `inputs/derive.py`; inputs/README.md says where it
//! comes from and how it was corrected).

use crate::error::{Error, InputProblem, Result};
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub struct HydrologyYear {
    pub year: i32,
    /// Annual inflow of that year ÷ the mean over the record.
    pub relative_to_mean: f64,
}

/// Largest `relative_to_mean` accepted: a year with ten times the mean inflow (ASSUMPTION: a
/// bound against unit slips such as a percentage; recorded wet years are well under twice the
/// mean).
pub const MAX_RELATIVE_TO_MEAN: f64 = 10.0;

/// Read `hydrology_year,…,relative_to_mean` rows.
pub fn read(path: &Path) -> Result<Vec<HydrologyYear>> {
    let problem = |line: Option<usize>, msg: String| {
        Error::input(InputProblem::new("", msg).in_file(path).at_line(line))
    };
    let bytes = crate::input_file::read_limited(path, crate::input_file::MAX_CSV_BYTES)
        .map_err(|e| problem(None, format!("cannot read the hydrology years: {e}")))?;
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader
        .headers()
        .map_err(|e| problem(Some(1), e.to_string()))?
        .clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| problem(Some(1), format!("no column `{name}`")))
    };
    let (cy, cr) = (col("hydrology_year")?, col("relative_to_mean")?);
    let mut years = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        // The line as the file counts it, blank lines included.
        let line_at = |p: Option<&csv::Position>| p.map(|p| crate::series::record_line(&bytes, p));
        let rec = rec.map_err(|e| problem(line_at(e.position()), e.to_string()))?;
        let line = Some(line_at(rec.position()).unwrap_or(i + 2));
        let year = rec.get(cy).and_then(|s| s.trim().parse::<i32>().ok());
        let rel = rec.get(cr).and_then(|s| s.trim().parse::<f64>().ok());
        match (year, rel) {
            (Some(year), Some(r)) if (0.0..=MAX_RELATIVE_TO_MEAN).contains(&r) => {
                years.push(HydrologyYear {
                    year,
                    relative_to_mean: r,
                })
            }
            _ => {
                return Err(problem(
                    line,
                    format!("needs a year and a relative volume in [0, {MAX_RELATIVE_TO_MEAN}]"),
                ))
            }
        }
    }
    Ok(years)
}
