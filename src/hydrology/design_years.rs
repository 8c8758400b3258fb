//! Design years: wet, normal and dry years at chosen exceedance probabilities, by the frequency
//! analysis of annual runoff that Chinese hydrology uses (水文频率分析; docs/sweeps.md,
//! "Design years"; sources in docs/sources.md).
//!
//! Method. The record's annual volumes x (relative to the mean) get a Pearson type III curve:
//! the mean x̄ and the coefficient of variation Cv by moments (Cv with n − 1, as in the
//! textbooks' K-series formula Cv = √(Σ(Kᵢ − 1)² / (n − 1)), Kᵢ = xᵢ / x̄), and the skew fixed
//! at Cs = `CS_OVER_CV` × Cv rather than taken from the sample (a 38-year sample's skew is too
//! uncertain to use). The design value at exceedance P is x̄ · K_P with K_P = 1 + Cv · Φ_P(Cs),
//! Φ the P-III frequency factor (离均系数): for Cs > 0, Φ = (Cs/2) · G − 2/Cs where G is the
//! (1 − P) quantile of a standard gamma variable of shape 4/Cs²; for Cs < 0 the mirror image;
//! for Cs = 0 the standard normal quantile.
//!
//! Weights. Each design year stands for the band of exceedance probability nearest to it: its
//! edges are the midpoints between neighbouring design probabilities, and the first and last
//! bands run out to 0 and 1. With P = 10, 50, 75, 90 % the weights are 0.30, 0.325, 0.20,
//! 0.175. They sum to one by construction.

use crate::sweep::hydrology::HydrologyYear;
use statrs::distribution::{ContinuousCDF, Gamma, Normal};

/// One design year.
#[derive(Debug, Clone, PartialEq)]
pub struct DesignYear {
    /// "P10" for an exceedance of 10 %.
    pub label: String,
    /// Probability that a year's volume is at least this one's (0.10 = a wet year).
    pub exceedance: f64,
    /// The design volume, relative to the record's mean (x̄ · K_P).
    pub relative_to_mean: f64,
    /// The weight of this year among the design years (they sum to one).
    pub probability: f64,
}

/// Wet (10 %), normal (50 %), dry (75 %) and very dry (90 %) years (丰水年, 平水年, 枯水年 and
/// 特枯水年): the textbook convention of Chinese design annual runoff, as in the exercises quoted in
/// docs/sources.md. The standards themselves (SL 278, SL 44) were not found, so the exact set is
/// an ASSUMPTION; `hydrology_exceedance` in a sweep file chooses another.
pub const DEFAULT_EXCEEDANCE: [f64; 4] = [0.10, 0.50, 0.75, 0.90];

/// Cs = 2 Cv: the ratio Chinese textbooks and exercises take for annual runoff (docs/sources.md);
/// the shipped record's own sample ratio is 2.15, the same to within its sampling error.
pub const CS_OVER_CV: f64 = 2.0;

/// Below this |Cs| the first Cornish–Fisher term Φ ≈ z + (z² − 1) · Cs / 6 replaces the gamma
/// quantile: the gamma of shape 4/Cs² loses digits as the shape grows (measured: at Cs = 1e-6
/// its Φ at P = 10 % is off by 2e-3), while the neglected terms are O(Cs²) < 1e-6 here (at
/// Cs = 1e-3 the two agree to 1e-8).
const SMALL_SKEW: f64 = 1e-3;

/// Design years of the record at the given exceedance probabilities (fractions in (0,1)).
pub fn design_years(
    record: &[HydrologyYear],
    exceedance: &[f64],
) -> Result<Vec<DesignYear>, String> {
    let (mean, cv) = moments(record)?;
    let weights = band_weights(exceedance)?;
    let cs = CS_OVER_CV * cv;
    Ok(exceedance
        .iter()
        .zip(weights)
        .map(|(&p, probability)| DesignYear {
            label: label(p),
            exceedance: p,
            relative_to_mean: mean * (1.0 + cv * frequency_factor(p, cs)),
            probability,
        })
        .collect())
}

/// The mean and the coefficient of variation (n − 1 in the denominator) of the record.
pub fn moments(record: &[HydrologyYear]) -> Result<(f64, f64), String> {
    if record.len() < 2 {
        return Err(format!(
            "a frequency analysis needs at least 2 years (the record has {})",
            record.len()
        ));
    }
    if let Some(y) = record
        .iter()
        .find(|y| !(y.relative_to_mean.is_finite() && y.relative_to_mean > 0.0))
    {
        return Err(format!(
            "year {} has relative volume {}; a frequency analysis needs positive volumes",
            y.year, y.relative_to_mean
        ));
    }
    let n = record.len() as f64;
    let mean = record.iter().map(|y| y.relative_to_mean).sum::<f64>() / n;
    let ss: f64 = record
        .iter()
        .map(|y| (y.relative_to_mean / mean - 1.0).powi(2))
        .sum();
    Ok((mean, (ss / (n - 1.0)).sqrt()))
}

/// The P-III frequency factor Φ at exceedance `p` for skew `cs` (module comment).
pub fn frequency_factor(p: f64, cs: f64) -> f64 {
    if cs.abs() < SMALL_SKEW {
        let z = standard_normal_quantile(1.0 - p);
        return z + (z * z - 1.0) * cs / 6.0;
    }
    if cs < 0.0 {
        return -frequency_factor(1.0 - p, -cs);
    }
    let shape = 4.0 / (cs * cs);
    // `Gamma::new` fails only for a shape or rate that is not positive and finite; cs is
    // finite and at least SMALL_SKEW here.
    Gamma::new(shape, 1.0).map_or(f64::NAN, |g| cs / 2.0 * g.inverse_cdf(1.0 - p) - 2.0 / cs)
}

/// z with Φ(z) = `q` for the standard normal distribution.
pub fn standard_normal_quantile(q: f64) -> f64 {
    // `Normal::new(0, 1)` cannot fail: the standard deviation is positive.
    Normal::new(0.0, 1.0).map_or(f64::NAN, |n| n.inverse_cdf(q))
}

/// Each probability's band: edges at the midpoints between neighbours, the ends at 0 and 1.
pub fn band_weights(exceedance: &[f64]) -> Result<Vec<f64>, String> {
    if exceedance.is_empty() {
        return Err("no exceedance probability given".into());
    }
    if let Some(p) = exceedance.iter().find(|p| !(**p > 0.0 && **p < 1.0)) {
        return Err(format!(
            "exceedance probability {p} is not a fraction in (0, 1) (10 % is 0.10)"
        ));
    }
    if let Some(w) = exceedance.windows(2).find(|w| w[1] <= w[0]) {
        return Err(format!(
            "exceedance probabilities must increase ({} then {})",
            w[0], w[1]
        ));
    }
    let n = exceedance.len();
    let edge = |i: usize| match i {
        0 => 0.0,
        i if i == n => 1.0,
        i => (exceedance[i - 1] + exceedance[i]) / 2.0,
    };
    Ok((0..n).map(|i| edge(i + 1) - edge(i)).collect())
}

/// "P10" for 0.10, "P2.5" for 0.025 (the percentage, without trailing zeros).
fn label(p: f64) -> String {
    let percent = (p * 100.0 * 1e6).round() / 1e6;
    format!("P{percent}")
}

#[cfg(test)]
#[path = "design_years_tests.rs"]
mod tests;
