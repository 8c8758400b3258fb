//! Prices that know the year's water: the `[hydrology_prices]` section of a scenario.
//!
//! In a dry year the hydro-rich region has less to sell and the wider grid is short too (August
//! 2022: Sichuan's hydro output halved and the province rationed industry), so exported energy
//! is worth more and imported energy costs more; in a wet year the reverse (September 2025:
//! negative spot prices with full reservoirs). A rule multiplies the export and the import
//! tariff by a factor that is piecewise linear in the year's relative volume, flat beyond the
//! first and last points:
//!
//! ```toml
//! [hydrology_prices]
//! export_multiplier = { points = [[0.7, 1.3], [1.0, 1.0], [1.3, 0.9]] }
//! import_multiplier = { points = [[0.7, 1.3], [1.0, 1.0], [1.3, 0.9]] }
//! ```
//!
//! It applies wherever a hydrology year is applied (`sweep::hydrology::apply`: hydrology sweeps
//! and every year of a stochastic study); a plain run has no year and uses the tariffs as
//! written. Without the section, or without one of its keys, that price does not move.
//! Sources and the shipped values: docs/sweeps.md ("Prices that know the water").

use serde::{Deserialize, Serialize};

/// The `[hydrology_prices]` section.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HydrologyPrices {
    /// Factor on `market.export_price_cny_per_mwh` by relative volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_multiplier: Option<Multiplier>,
    /// Factor on `market.import_price_cny_per_mwh` by relative volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub import_multiplier: Option<Multiplier>,
}

/// A piecewise-linear factor: `points` are `[relative volume, multiplier]` with increasing
/// volumes; below the first and above the last point the end value holds.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Multiplier {
    pub points: Vec<[f64; 2]>,
}

impl Multiplier {
    /// The factor at relative volume `relative` (checked points assumed).
    pub fn at(&self, relative: f64) -> f64 {
        let p = &self.points;
        let (Some(first), Some(last)) = (p.first(), p.last()) else {
            return 1.0;
        };
        if relative <= first[0] {
            return first[1];
        }
        if relative >= last[0] {
            return last[1];
        }
        // Some window brackets `relative`: it lies strictly between the first and last volume.
        p.windows(2)
            .find(|w| relative <= w[1][0])
            .map_or(last[1], |w| {
                let t = (relative - w[0][0]) / (w[1][0] - w[0][0]);
                w[0][1] + t * (w[1][1] - w[0][1])
            })
    }

    /// What is wrong with the points, as (key path under `path`, message) pairs.
    fn problems(&self, path: &str) -> Vec<(String, String)> {
        let key = format!("{path}.points");
        let mut out = Vec::new();
        if self.points.is_empty() {
            out.push((
                key.clone(),
                "needs at least one [relative volume, multiplier] point".into(),
            ));
        }
        for (i, [v, m]) in self.points.iter().enumerate() {
            if !(v.is_finite() && *v >= 0.0 && m.is_finite() && *m >= 0.0) {
                out.push((
                    key.clone(),
                    format!(
                        "point {} ([{v}, {m}]): the relative volume and the multiplier must be finite and ≥ 0",
                        i + 1
                    ),
                ));
            }
        }
        for (i, w) in self.points.windows(2).enumerate() {
            if w[1][0] <= w[0][0] {
                out.push((
                    key.clone(),
                    format!(
                        "point {}: relative volumes must increase ({} then {})",
                        i + 2,
                        w[0][0],
                        w[1][0]
                    ),
                ));
            }
        }
        out
    }
}

impl HydrologyPrices {
    /// Every problem of the section, as (key path, message) pairs.
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(m) = &self.export_multiplier {
            out.extend(m.problems("hydrology_prices.export_multiplier"));
        }
        if let Some(m) = &self.import_multiplier {
            out.extend(m.problems("hydrology_prices.import_multiplier"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule() -> Multiplier {
        Multiplier {
            points: vec![[0.7, 1.3], [1.0, 1.0], [1.3, 0.9]],
        }
    }

    /// Hand values: the points themselves, the midpoints of each segment, flat ends.
    #[test]
    fn the_factor_is_linear_between_points_and_flat_beyond() {
        let m = rule();
        for (v, f) in [
            (0.7, 1.3),
            (1.0, 1.0),
            (1.3, 0.9),
            (0.85, 1.15),
            (1.15, 0.95),
            (0.2, 1.3),
            (2.0, 0.9),
        ] {
            assert!((m.at(v) - f).abs() < 1e-12, "at {v}: {} vs {f}", m.at(v));
        }
    }

    #[test]
    fn bad_points_are_named_with_their_key_and_position() {
        let p = HydrologyPrices {
            export_multiplier: Some(Multiplier {
                points: vec![[1.0, 1.0], [0.7, 1.3], [1.2, -0.5]],
            }),
            import_multiplier: Some(Multiplier { points: vec![] }),
        };
        let msgs: Vec<String> = p
            .problems()
            .into_iter()
            .map(|(k, m)| format!("{k}: {m}"))
            .collect();
        assert_eq!(
            msgs,
            [
                "hydrology_prices.export_multiplier.points: point 3 ([1.2, -0.5]): the relative volume and the multiplier must be finite and ≥ 0",
                "hydrology_prices.export_multiplier.points: point 2: relative volumes must increase (1 then 0.7)",
                "hydrology_prices.import_multiplier.points: needs at least one [relative volume, multiplier] point",
            ]
        );
        assert!(HydrologyPrices::default().problems().is_empty());
        assert!(HydrologyPrices {
            export_multiplier: Some(rule()),
            import_multiplier: None
        }
        .problems()
        .is_empty());
    }
}
