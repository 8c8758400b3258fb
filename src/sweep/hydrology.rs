//! Historical hydrology years: scale the hydro of the base scenario by one year's annual inflow.
//!
//! Method (docs/sweeps.md): for the chosen year, `f = relative_to_mean` (annual Dadu volume at
//! Pubugou ÷ its 1979–2016 mean). Reservoir inflow is multiplied by `f` (a reservoir stores or
//! spills what it cannot turbine, so no cap is needed). Run-of-river availability is
//! `min(1, f × profile_scale × profile)` hour by hour: a plant cannot run above its capacity,
//! and the water above it is spill that the plant could never use. That clipped energy is *not*
//! counted as curtailment, so wet years' curtailment is biased low; `hydro_clipped_twh` in
//! `sweep.csv` says how much was cut. The shape stays that of the profile year (2020).

use crate::error::{Error, InputProblem, Result};
use crate::inputs::Inputs;
use crate::scenario::{GeneratorKind, Scenario, SeriesRef};
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

/// Scale the scenario's hydro to year `y`. Returns the inputs with the clipped run-of-river
/// series added when any hour had to be clipped (None: the base inputs serve as they are), and
/// the energy clipped away, TWh over the horizon (hourly, so independent of the resolution).
pub fn apply(sc: &mut Scenario, inputs: &Inputs, y: &HydrologyYear) -> (Option<Inputs>, f64) {
    let f = y.relative_to_mean;
    let mut derived: Option<Inputs> = None;
    let mut clipped_mwh = 0.0;
    for g in sc.generators.values_mut() {
        match g.kind {
            GeneratorKind::Reservoir => g.profile_scale *= f,
            GeneratorKind::Ror => {
                let scale = g.profile_scale * f;
                let (_, hi, _) = inputs.hourly_stats(&g.profile);
                if hi * scale <= 1.0 {
                    g.profile_scale = scale;
                    continue;
                }
                let hourly = inputs.hourly(&g.profile);
                clipped_mwh += hourly
                    .iter()
                    .map(|x| (x * scale - 1.0).max(0.0))
                    .sum::<f64>()
                    * g.capacity_mw;
                let name = match &g.profile {
                    SeriesRef::Column(c) => format!("{c} × {scale} clipped at 1"),
                    SeriesRef::File { file, column } => {
                        format!("{}:{column} × {scale} clipped at 1", file.display())
                    }
                };
                let target = derived.get_or_insert_with(|| inputs.clone());
                g.profile = target.add_derived(&name, hourly.mapv(|x| (x * scale).min(1.0)));
                g.profile_scale = 1.0;
            }
            GeneratorKind::Solar | GeneratorKind::Wind => {}
        }
    }
    (derived, clipped_mwh / 1e6)
}
