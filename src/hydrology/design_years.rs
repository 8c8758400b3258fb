//! Design years (stub): the contract branch `hydro` implements (Pearson type III on the
//! record's annual volumes). Until it is merged, `hydrology = "design"` reports that design
//! years are not available; a list of years or "all" works.

use crate::sweep::hydrology::HydrologyYear;

/// One design year.
#[derive(Debug, Clone, PartialEq)]
pub struct DesignYear {
    /// "P10" for an exceedance of 10 %.
    pub label: String,
    /// Probability that a year's volume is at least this one's.
    pub exceedance: f64,
    /// The design volume, relative to the record's mean.
    pub relative_to_mean: f64,
    /// The weight of this year among the design years (they sum to one).
    pub probability: f64,
}

/// Wet, normal, dry and very dry years (see branch `hydro` for the sources).
pub const DEFAULT_EXCEEDANCE: [f64; 4] = [0.10, 0.50, 0.75, 0.90];

/// Design years of the record at the given exceedance probabilities.
pub fn design_years(
    _record: &[HydrologyYear],
    _exceedance: &[f64],
) -> Result<Vec<DesignYear>, String> {
    Err("design years are not available in this build (frequency analysis not merged)".into())
}
