//! The hydrology years a sweep crosses its points with: `hydrology = "all"`, a list of years
//! (each with an equal weight) or `"design"` (the P-III design years of the record, with their
//! probability weights; `crate::hydrology::design_years`).

use super::hydrology::{self, HydrologyYear};
use super::spec::{HydrologyChoice, SweepFile};
use crate::error::{Error, Result};
use crate::hydrology::design_years::{design_years, DesignYear, DEFAULT_EXCEEDANCE};
use crate::scenario::Scenario;
use std::path::PathBuf;

/// One year a sweep solves: the year applied (`hydrology::apply`), its label and its weight.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepYear {
    /// For a design year, the record's year nearest to its volume (see `typical_years`) with
    /// the design volume.
    pub year: HydrologyYear,
    /// The year ("1994") or the design year's label ("P90").
    pub label: String,
    /// Its weight among the sweep's years: 1/n for historical years, the design year's band.
    pub probability: f64,
}

/// The years a sweep asks for, from its hydrology file.
pub fn select(file: &SweepFile, base: &Scenario) -> Result<Vec<SweepYear>> {
    let spec = &file.spec;
    let Some(choice) = &spec.hydrology else {
        for (key, given) in [
            ("hydrology_file", spec.hydrology_file.is_some()),
            ("hydrology_exceedance", spec.hydrology_exceedance.is_some()),
        ] {
            if given {
                return Err(Error::input(file.problem(
                    None,
                    key,
                    "given without `hydrology`",
                )));
            }
        }
        return Ok(Vec::new());
    };
    let is_design = matches!(choice, HydrologyChoice::All(s) if s == "design");
    if spec.hydrology_exceedance.is_some() && !is_design {
        let m = "only with `hydrology = \"design\"`";
        return Err(Error::input(file.problem(None, "hydrology_exceedance", m)));
    }
    let table = table_path(file, base);
    let all = hydrology::read(&table)?;
    let chosen = match choice {
        HydrologyChoice::All(s) if s == "all" => all,
        HydrologyChoice::All(s) if s == "design" => {
            let exceedance = spec
                .hydrology_exceedance
                .as_deref()
                .unwrap_or(&DEFAULT_EXCEEDANCE);
            return design_years(&all, exceedance)
                .map(|d| design(&all, &d))
                .map_err(|m| {
                    let key = match spec.hydrology_exceedance {
                        Some(_) => "hydrology_exceedance",
                        None => "hydrology",
                    };
                    let m = format!("design years of {}: {m}", table.display());
                    Error::input(file.problem(None, key, m))
                });
        }
        HydrologyChoice::All(s) => {
            let m = format!("`{s}`: write \"all\", \"design\" or a list of years");
            return Err(Error::input(file.problem(None, "hydrology", m)));
        }
        HydrologyChoice::Years(ys) => listed(file, &table, &all, ys)?,
    };
    let n = chosen.len() as f64;
    Ok(chosen
        .into_iter()
        .map(|y| SweepYear {
            label: y.year.to_string(),
            probability: 1.0 / n,
            year: y,
        })
        .collect())
}

/// `hydrology_file` (relative to the sweep file), or `hydrology_years.csv` beside the base
/// scenario's `time.profiles`.
fn table_path(file: &SweepFile, base: &Scenario) -> PathBuf {
    match &file.spec.hydrology_file {
        Some(p) => file.dir().join(p),
        None => base
            .time
            .profiles
            .parent()
            .map(|d| d.join("hydrology_years.csv"))
            .unwrap_or_else(|| "hydrology_years.csv".into()),
    }
}

/// The listed years, each found in the table.
fn listed(
    file: &SweepFile,
    table: &std::path::Path,
    all: &[HydrologyYear],
    ys: &[i32],
) -> Result<Vec<HydrologyYear>> {
    ys.iter()
        .map(|y| {
            all.iter().find(|h| h.year == *y).cloned().ok_or_else(|| {
                let span = match (all.first(), all.last()) {
                    (Some(a), Some(b)) => format!("{}–{}", a.year, b.year),
                    _ => "none".into(),
                };
                Error::input(file.problem(
                    None,
                    "hydrology",
                    format!("no year {y} in {} (years {span})", table.display()),
                ))
            })
        })
        .collect()
}

/// Design years as sweep years, each labelled with its typical year.
fn design(record: &[HydrologyYear], ds: &[DesignYear]) -> Vec<SweepYear> {
    typical_years(record, ds)
        .into_iter()
        .zip(ds)
        .map(|(year, d)| SweepYear {
            year: HydrologyYear {
                year,
                relative_to_mean: d.relative_to_mean,
            },
            label: d.label.clone(),
            probability: d.probability,
        })
        .collect()
}

/// For each design year, the record's year whose volume is nearest to it, each record year used
/// once while any is left (in the order of the design years; ties to the earlier year). Chinese
/// practice picks such a typical year (典型年) for the shape of a design year; here the shape is
/// always the profile year's, so the year only names the point (`hydrology_year` in
/// `sweep.csv`).
pub fn typical_years(record: &[HydrologyYear], ds: &[DesignYear]) -> Vec<i32> {
    let nearest = |target: f64, used: &[i32]| {
        record
            .iter()
            .filter(|y| !used.contains(&y.year))
            .min_by(|a, b| {
                let da = (a.relative_to_mean - target).abs();
                let db = (b.relative_to_mean - target).abs();
                da.total_cmp(&db).then(a.year.cmp(&b.year))
            })
            .map(|y| y.year)
    };
    let mut used: Vec<i32> = Vec::new();
    for d in ds {
        let year = nearest(d.relative_to_mean, &used)
            .or_else(|| nearest(d.relative_to_mean, &[]))
            .unwrap_or_default();
        used.push(year);
    }
    used
}
