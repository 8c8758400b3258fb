//! The hydrology years of a stochastic scenario with their probabilities, and each year's
//! scenario: `hydrology = "design"` takes the design years of the record (weights from
//! `hydrology::design_years`), "all" or a list of years takes record years with equal weights.
//! Each year's scenario is the base with that year's hydrology applied by the one function
//! that does it, `sweep::hydrology::apply`.

use crate::error::{Error, Result};
use crate::hydrology::design_years::{design_years, DEFAULT_EXCEEDANCE};
use crate::inputs::Inputs;
use crate::scenario::stochastic::Hydrology;
use crate::scenario::{LoadedScenario, Scenario};
use crate::sweep::hydrology::{self, HydrologyYear};
use std::path::PathBuf;

/// One year the plan must live through.
#[derive(Debug, Clone, PartialEq)]
pub struct Year {
    /// "P10" for a design year, "1998" for a record year.
    pub label: String,
    /// Annual inflow ÷ the record's mean.
    pub relative_to_mean: f64,
    pub probability: f64,
}

impl Year {
    pub fn hydrology(&self) -> HydrologyYear {
        HydrologyYear {
            year: self.label.parse().unwrap_or(0),
            relative_to_mean: self.relative_to_mean,
        }
    }
}

/// A year's scenario and, when the hydrology derived series, its own inputs.
pub struct YearCase {
    pub year: Year,
    pub scenario: Scenario,
    inputs: Option<Inputs>,
}

impl YearCase {
    /// The base scenario turned into `year` (stochastic settings kept: the model ignores them).
    pub fn new(base: &Scenario, inputs: &Inputs, year: Year) -> YearCase {
        let mut scenario = base.clone();
        let (derived, _clipped_twh) = hydrology::apply(&mut scenario, inputs, &year.hydrology());
        YearCase {
            year,
            scenario,
            inputs: derived,
        }
    }

    /// This year's series: its own when the hydrology derived some, else the base's.
    pub fn inputs<'a>(&'a self, base: &'a Inputs) -> &'a Inputs {
        self.inputs.as_ref().unwrap_or(base)
    }
}

/// The record file: `stochastic.hydrology_file`, or `hydrology_years.csv` beside the profiles.
pub fn record_file(sc: &Scenario) -> PathBuf {
    match sc
        .stochastic
        .as_ref()
        .and_then(|s| s.hydrology_file.clone())
    {
        Some(p) => p,
        None => sc
            .time
            .profiles
            .parent()
            .map(|d| d.join("hydrology_years.csv"))
            .unwrap_or_else(|| "hydrology_years.csv".into()),
    }
}

/// The years of a validated stochastic scenario, with probabilities summing to one.
pub fn years(loaded: &LoadedScenario) -> Result<Vec<Year>> {
    let sc = &loaded.scenario;
    let file = record_file(sc);
    let record = hydrology::read(&file)?;
    let problem = |m: String| Error::input(loaded.problem("hydrology", m));
    match &sc.hydrology {
        Some(Hydrology::Named(w)) if w == "design" => {
            let exceedance = sc
                .stochastic
                .as_ref()
                .and_then(|s| s.design_exceedance.clone())
                .unwrap_or_else(|| DEFAULT_EXCEEDANCE.to_vec());
            let design = design_years(&record, &exceedance)
                .map_err(|m| problem(format!("\"design\" from {}: {m}", file.display())))?;
            Ok(design
                .into_iter()
                .map(|d| Year {
                    label: d.label,
                    relative_to_mean: d.relative_to_mean,
                    probability: d.probability,
                })
                .collect())
        }
        Some(Hydrology::Named(_)) => Ok(equal(&record)),
        Some(Hydrology::Years(ys)) => {
            let chosen: Vec<HydrologyYear> = ys
                .iter()
                .map(|y| {
                    record
                        .iter()
                        .find(|h| h.year == *y)
                        .cloned()
                        .ok_or_else(|| {
                            let span = match (record.first(), record.last()) {
                                (Some(a), Some(b)) => format!("{}–{}", a.year, b.year),
                                _ => "none".into(),
                            };
                            problem(format!("no year {y} in {} (years {span})", file.display()))
                        })
                })
                .collect::<Result<_>>()?;
            Ok(equal(&chosen))
        }
        None => Err(problem("no `hydrology` years given".into())),
    }
}

/// Record years, each with probability 1 / n.
fn equal(record: &[HydrologyYear]) -> Vec<Year> {
    let p = 1.0 / record.len() as f64;
    record
        .iter()
        .map(|h| Year {
            label: h.year.to_string(),
            relative_to_mean: h.relative_to_mean,
            probability: p,
        })
        .collect()
}

/// The expected-value year: relative volume Σ p_y · r_y (Birge & Louveaux's EV problem, with
/// the year's volume as the one random parameter).
pub fn mean_year(years: &[Year]) -> Year {
    Year {
        label: "mean".into(),
        relative_to_mean: years
            .iter()
            .map(|y| y.probability * y.relative_to_mean)
            .sum(),
        probability: 1.0,
    }
}
