//! Range and reference checks shared by every technology's `check`. Problems are collected as
//! (key path, message) pairs; `scenario::validate` adds the file and line of each and reports
//! them all at once (GenX's "every problem at once").

use crate::inputs::Inputs;
use crate::scenario::values::{NodeKind, SeriesRef, Tariff};
use ndarray::Array1;
use std::collections::BTreeMap;

/// Larger than any quantity in these units could be (MW, MWh, kg, CNY per unit, TWh): such a
/// number is a unit slip, and would only wreck the solver's numerics.
pub const IMPLAUSIBLE: f64 = 1e12;

/// Smaller than any positive quantity here could be (a lifetime, kWh per kg, MWh per tonne): a
/// slip that would make divisions explode.
pub const IMPLAUSIBLY_SMALL: f64 = 1e-6;

/// The longest lifetime taken as plausible, years. A judgement, not a source: dams and lines
/// are written off over 40–100 years; 200 leaves room and still catches a unit slip.
pub const MAX_LIFETIME_YEARS: f64 = 200.0;

/// What a technology's check may look at besides its own section.
pub struct Checker<'a> {
    problems: Vec<(String, String)>,
    /// Node names and kinds, in the scenario's order.
    nodes: Vec<(String, NodeKind)>,
    /// The loaded series, when the check runs after loading them (`None`: structure only).
    inputs: Option<&'a Inputs>,
    pub flood_season_months: Vec<u32>,
    /// The scenario's study year (`time.study_year`), for committed assets.
    pub study_year: Option<i32>,
}

impl<'a> Checker<'a> {
    pub fn new(
        nodes: Vec<(String, NodeKind)>,
        inputs: Option<&'a Inputs>,
        flood_season_months: Vec<u32>,
        study_year: Option<i32>,
    ) -> Checker<'a> {
        Checker {
            problems: Vec::new(),
            nodes,
            inputs,
            flood_season_months,
            study_year,
        }
    }

    /// Report a problem at a key path.
    pub fn bad(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push((path.into(), message.into()));
    }

    pub fn into_problems(self) -> Vec<(String, String)> {
        self.problems
    }

    /// The kind of a node, or `None` when there is no such node.
    pub fn node_kind(&self, name: &str) -> Option<NodeKind> {
        self.nodes.iter().find(|(n, _)| n == name).map(|(_, k)| *k)
    }

    /// Whether any node is `outside` (the wider grid).
    pub fn has_outside_node(&self) -> bool {
        self.nodes.iter().any(|(_, k)| *k == NodeKind::Outside)
    }

    /// Check that `name` (written at `path`) is a node; say which nodes there are if not.
    pub fn node(&mut self, path: &str, name: &str) -> bool {
        if self.node_kind(name).is_some() {
            return true;
        }
        let msg = self.unknown_node(name);
        self.bad(path, msg);
        false
    }

    pub fn unknown_node(&self, name: &str) -> String {
        let known: Vec<&str> = self.nodes.iter().map(|(n, _)| n.as_str()).collect();
        format!(
            "no node `{name}`{} (nodes: {})",
            crate::scenario::did_you_mean(name, &known),
            known.join(", ")
        )
    }

    /// A map of node → value (site limits, existing capacity): known nodes, values ≥ 0.
    pub fn sites(&mut self, path: &str, sites: &BTreeMap<String, f64>) {
        for (n, v) in sites {
            self.node(&format!("{path}.{n}"), n);
            self.nonneg(&format!("{path}.{n}"), *v);
        }
    }

    /// Finite, ≥ 0 and plausible.
    pub fn nonneg(&mut self, path: &str, v: f64) {
        if !v.is_finite() || v < 0.0 {
            self.bad(path, format!("must be a finite number ≥ 0 (got {v})"));
        } else {
            self.plausible(path, v);
        }
    }

    /// Finite, > 0, not implausibly small or large.
    pub fn positive(&mut self, path: &str, v: f64) {
        if !v.is_finite() || v <= 0.0 {
            self.bad(path, format!("must be a finite number > 0 (got {v})"));
        } else if v < IMPLAUSIBLY_SMALL {
            self.bad(
                path,
                format!("{v:e} is implausibly small (under {IMPLAUSIBLY_SMALL:e}): check the unit"),
            );
        } else {
            self.plausible(path, v);
        }
    }

    /// Finite, of either sign (a net revenue, a margin), and plausible.
    pub fn finite(&mut self, path: &str, v: f64) {
        if !v.is_finite() {
            self.bad(path, format!("must be a finite number (got {v})"));
        } else {
            self.plausible(path, v);
        }
    }

    /// A lifetime, years: > 0 and at most `MAX_LIFETIME_YEARS` (a longer one is a unit slip:
    /// months or hours typed for years).
    pub fn lifetime(&mut self, path: &str, v: f64) {
        self.positive(path, v);
        if v.is_finite() && v > MAX_LIFETIME_YEARS {
            self.bad(
                path,
                format!("{v} years is longer than any plant lasts (at most {MAX_LIFETIME_YEARS}): months or hours typed for years?"),
            );
        }
    }

    /// A yearly cost as a fraction of capital: finite, in [0, 1] (2 % a year is 0.02).
    pub fn fraction_per_year(&mut self, path: &str, v: f64) {
        if !(0.0..=1.0).contains(&v) {
            self.bad(
                path,
                format!("must be a fraction in [0, 1] (got {v}; 2 % a year is 0.02)"),
            );
        }
    }

    /// A share in [lo, hi] (both included).
    pub fn within(&mut self, path: &str, v: f64, lo: f64, hi: f64) {
        if !(lo..=hi).contains(&v) {
            self.bad(path, format!("must be in [{lo}, {hi}] (got {v})"));
        }
    }

    pub fn plausible(&mut self, path: &str, v: f64) {
        if v.abs() > IMPLAUSIBLE {
            self.bad(
                path,
                format!("{v:e} is implausibly large (over {IMPLAUSIBLE:e}): check the unit"),
            );
        }
    }

    /// (min, max, mean) of a series over its hourly values, when the series are loaded.
    pub fn hourly_stats(&self, r: &SeriesRef) -> Option<(f64, f64, f64)> {
        self.inputs.map(|i| i.hourly_stats(r))
    }

    /// `"; first at FILE:LINE"` for the first hour of a series where `pred` holds, when the
    /// series are loaded and were read from a file (else empty): appended to range messages so
    /// that they name the row as well as the key.
    pub fn first_hour_where(&self, r: &SeriesRef, pred: impl Fn(f64) -> bool) -> String {
        self.inputs
            .and_then(|i| i.first_hour_where(r, pred))
            .map(|at| format!("; first at {at}"))
            .unwrap_or_default()
    }

    /// A tariff in every step, when the series are loaded.
    pub fn tariff(&self, t: &Tariff) -> Option<Array1<f64>> {
        self.inputs.map(|i| i.tariff(t, &self.flood_season_months))
    }

    /// The label of step t (for messages), when the series are loaded.
    pub fn step_label(&self, t: usize) -> String {
        self.inputs
            .map_or_else(String::new, |i| i.axis.label[t].clone())
    }
}
