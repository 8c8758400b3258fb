//! Asset status: what is already there, what is committed (under construction, with an
//! in-service date) and, by the `new_*_max` keys, what the optimiser may build.
//!
//! A committed asset's capacity is sunk (no capex) and present from its in-service date in the
//! scenario's study year (`time.study_year`): in step t it offers `s_t·capacity`, where `s_t` is
//! the share of the step's hours on or after the date (1 for a date in an earlier year, 0 for a
//! later one). The profiles' own calendar year does not matter: month and day are mapped onto
//! it.

use super::check::Checker;
use crate::series::{hour_index, TimeAxis};
use ndarray::Array1;
use serde::{Deserialize, Serialize};

/// Whether the capacity a scenario gives is there already or committed.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AssetStatus {
    /// In service before the study year.
    #[default]
    Existing,
    /// Under construction: sunk cost, in service from `in_service`.
    Committed,
    /// Not there: all of it is the optimiser's to build (`capacity_mw = 0`, a positive
    /// `new_capacity_max_mw`, with capex; 0 switches it off).
    Candidate,
}

impl AssetStatus {
    /// The default: not written when a scenario is serialised (sweep definition hashes).
    pub fn is_existing(&self) -> bool {
        *self == AssetStatus::Existing
    }

    pub fn name(self) -> &'static str {
        match self {
            AssetStatus::Existing => "existing",
            AssetStatus::Committed => "committed",
            AssetStatus::Candidate => "candidate",
        }
    }
}

/// A `YYYY-MM-DD` date.
fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let ok = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
    let y = s.get(0..4)?.parse().ok()?;
    let m = s.get(5..7)?.parse().ok()?;
    let d = s.get(8..10)?.parse().ok()?;
    // A real day: the same check the profiles' timestamps get.
    (ok && hour_index(&format!("{s} 00:00")).is_some()).then_some((y, m, d))
}

/// Checks of `status` and `in_service` of an entry at key path `p`, with the capacity it gives
/// and the most it may add.
pub fn check(
    p: &str,
    status: AssetStatus,
    in_service: Option<&str>,
    (capacity_mw, new_capacity_max_mw): (f64, f64),
    c: &mut Checker,
) {
    if status == AssetStatus::Candidate {
        if capacity_mw > 0.0 {
            c.bad(
                format!("{p}.capacity_mw"),
                "a candidate has no capacity yet (0): what it may build is `new_capacity_max_mw`",
            );
        }
        // `new_capacity_max_mw = 0` is allowed: a case switches a candidate off with it.
        let _ = new_capacity_max_mw;
    }
    match (status, in_service) {
        (AssetStatus::Committed, None) => c.bad(
            format!("{p}.in_service"),
            "a committed asset needs its in-service date (`in_service = \"2026-06-30\"`)",
        ),
        (AssetStatus::Existing | AssetStatus::Candidate, Some(_)) => c.bad(
            format!("{p}.in_service"),
            "only a committed asset has an in-service date (add `status = \"committed\"`)",
        ),
        (AssetStatus::Committed, Some(d)) => {
            if parse_date(d).is_none() {
                c.bad(
                    format!("{p}.in_service"),
                    format!("`{d}` is not a date `YYYY-MM-DD`"),
                );
            }
            if c.study_year.is_none() {
                c.bad(
                    format!("{p}.status"),
                    "a committed asset needs the scenario's study year (`[time] study_year = 2026`)",
                );
            }
        }
        (AssetStatus::Existing | AssetStatus::Candidate, None) => {}
    }
}

/// The share of each step's hours in service of the asset `key` (`generator.x`, `line.y`),
/// recording it with the builder when it is committed (sunk: reported apart, no cost).
pub fn enter(
    b: &mut crate::model::builder::Builder,
    key: String,
    (status, in_service): (AssetStatus, Option<&str>),
    capacity_mw: f64,
    study_year: Option<i32>,
) -> Array1<f64> {
    if status == AssetStatus::Committed {
        b.committed(key, capacity_mw);
    }
    in_service_share(b.axis(), status, in_service, study_year)
}

/// The share of each step's hours in service (all 1 for an existing asset).
pub fn in_service_share(
    axis: &TimeAxis,
    status: AssetStatus,
    in_service: Option<&str>,
    study_year: Option<i32>,
) -> Array1<f64> {
    let ones = Array1::ones(axis.len());
    let (AssetStatus::Committed, Some((y, m, d)), Some(study)) =
        (status, in_service.and_then(parse_date), study_year)
    else {
        return ones;
    };
    if y < study {
        return ones;
    }
    if y > study {
        return Array1::zeros(axis.len());
    }
    // The date's hour on the profiles' calendar, counted from the first step's first hour.
    let Some(origin) = axis.label.first().and_then(|l| hour_index(l)) else {
        return ones;
    };
    let profile_year = &axis.label[0][0..4];
    let Some(start) = hour_index(&format!("{profile_year}-{m:02}-{d:02} 00:00")) else {
        return ones;
    };
    let from = (start - origin) as f64;
    let mut t0 = 0.0;
    axis.duration_h
        .iter()
        .map(|dur| {
            let share = ((t0 + dur - from) / dur).clamp(0.0, 1.0);
            t0 += dur;
            share
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_committed_asset_enters_on_its_date_even_inside_a_step() {
        // Four 6-hour steps from 1 June 00:00; in service from 1 June at 00:00 of day 2 would
        // be hour 24: nothing before. Use a date inside the horizon at a day boundary.
        let stamps: Vec<String> = (0..48)
            .map(|h| format!("2020-06-{:02} {:02}:00", 1 + h / 24, h % 24))
            .collect();
        let axis = TimeAxis::from_hours(&stamps, 18);
        // Steps: 0–18 h, 18–36 h, 36–48 h; the date 2 June starts at hour 24.
        let s = in_service_share(
            &axis,
            AssetStatus::Committed,
            Some("2026-06-02"),
            Some(2026),
        );
        assert_eq!(s.to_vec(), vec![0.0, 12.0 / 18.0, 1.0]);
        let earlier = in_service_share(
            &axis,
            AssetStatus::Committed,
            Some("2025-12-01"),
            Some(2026),
        );
        assert_eq!(earlier.to_vec(), vec![1.0; 3]);
        let later = in_service_share(
            &axis,
            AssetStatus::Committed,
            Some("2027-01-01"),
            Some(2026),
        );
        assert_eq!(later.to_vec(), vec![0.0; 3]);
        let existing = in_service_share(&axis, AssetStatus::Existing, None, Some(2026));
        assert_eq!(existing.to_vec(), vec![1.0; 3]);
        assert!(parse_date("2026-02-30").is_none() && parse_date("2026-6-30").is_none());
    }
}
