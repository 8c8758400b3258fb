//! The spread of a result across cases (Monte Carlo draws, sweep points): one box per group with
//! its median, quartiles and extremes, and every value as a dot.

use super::frame::{cartesian, extent, frame, note, Axis, Entry, Swatch};
use super::palette::{self, BLACK};
use super::{write, Chart, DrawResult, Labels};
use crate::error::Result;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Spread<'a> {
    pub labels: Labels<'a>,
    /// (group name, its values); a group named like a use keeps its colour.
    pub groups: Vec<(String, Vec<f64>)>,
}

/// The `q`-quantile of sorted values, interpolating linearly between ranks.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let (i, f) = (pos.floor() as usize, pos - pos.floor());
    match sorted.get(i + 1) {
        Some(next) => sorted[i] + (next - sorted[i]) * f,
        None => sorted[i],
    }
}

impl Chart for Spread<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let legend = [
            Entry::new(Swatch::Outline(BLACK), "box: middle half of the values"),
            Entry::new(Swatch::Line(BLACK), "median; whiskers: lowest and highest"),
            Entry::new(Swatch::Point(BLACK), "each value"),
        ];
        let area = frame(root, &self.labels, &legend)?;
        let names: Vec<String> = self.groups.iter().map(|g| g.0.clone()).collect();
        let (lo, hi) = extent(
            self.groups
                .iter()
                .flat_map(|g| g.1.iter().copied())
                .chain([0.0]),
        );
        let x = Axis::categories(&names, self.labels.x_axis);
        let y = Axis::numeric(lo, hi + (hi - lo) * 0.04, self.labels.y_axis);
        let mut chart = cartesian(&area, &x, &y)?;
        for (i, (name, values)) in self.groups.iter().enumerate() {
            let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
            if v.is_empty() {
                continue;
            }
            v.sort_by(f64::total_cmp);
            let c = palette::series(name, i);
            let xc = i as f64;
            let (q1, med, q3) = (quantile(&v, 0.25), quantile(&v, 0.5), quantile(&v, 0.75));
            let (min, max) = (v[0], v[v.len() - 1]);
            let line = |a: (f64, f64), b: (f64, f64), w: u32| {
                PathElement::new(vec![a, b], BLACK.stroke_width(w))
            };
            chart.draw_series([
                line((xc, min), (xc, max), 2),
                line((xc - 0.1, min), (xc + 0.1, min), 2),
                line((xc - 0.1, max), (xc + 0.1, max), 2),
            ])?;
            chart.draw_series([
                Rectangle::new([(xc - 0.25, q1), (xc + 0.25, q3)], c.mix(0.35).filled()),
                Rectangle::new([(xc - 0.25, q1), (xc + 0.25, q3)], c.stroke_width(3)),
            ])?;
            chart.draw_series([line((xc - 0.25, med), (xc + 0.25, med), 4)])?;
            // Dots spread sideways by the golden ratio: deterministic, and rarely on top of each other.
            chart.draw_series(v.iter().enumerate().map(|(k, y)| {
                let dx = ((k as f64 * 0.618_034) % 1.0 - 0.5) * 0.3;
                Circle::new((xc + 0.36 + dx * 0.3, *y), 5, c.filled())
            }))?;
        }
        if self.groups.iter().all(|g| g.1.is_empty()) {
            note(&area, "no values")?;
        }
        Ok(())
    }
}

/// Write the spread of values per group (box plot with every value as a dot).
pub fn spread(stem: &Path, labels: &Labels, groups: &[(String, Vec<f64>)]) -> Result<[PathBuf; 2]> {
    let chart = Spread {
        labels: *labels,
        groups: groups.to_vec(),
    };
    write(stem, &chart)
}
