//! The spread of a result across cases (Monte Carlo draws, sweep points): one box per group with
//! its median, quartiles and extremes, and every value as a dot.

use super::frame::{cartesian, extent, frame, note, Axis, Entry, Swatch};
use super::palette::{self, BLACK};
use super::{Chart, DrawResult, Labels};
use plotters::coord::Shift;
use plotters::prelude::*;

#[derive(Debug, Clone)]
pub struct Spread<'a> {
    pub labels: Labels<'a>,
    /// (group name, its values); a group named like a use keeps its colour and legend name.
    pub groups: Vec<(String, Vec<f64>)>,
    /// Colours by group, where a chart must match another's (empty: from the palette).
    pub colours: Vec<RGBColor>,
    /// Whether the value axis starts from zero (energies, capacities) or fits the values (an
    /// objective of −10,000 ± 1,500 would otherwise be a flat box at the bottom).
    pub from_zero: bool,
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
        let names: Vec<String> = self
            .groups
            .iter()
            .map(|g| palette::use_label(&g.0))
            .collect();
        // A box is half a slot wide among three or more; with fewer the slots are wider than
        // a box needs, so narrow it to what it would be among three.
        let half = 0.25 * (self.groups.len() as f64 / 3.0).min(1.0);
        let zero = if self.from_zero { Some(0.0) } else { None };
        let (lo, hi) = extent(
            self.groups
                .iter()
                .flat_map(|g| g.1.iter().copied())
                .chain(zero),
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
            let c = self
                .colours
                .get(i)
                .copied()
                .unwrap_or_else(|| palette::series(name, i));
            let xc = i as f64;
            let (q1, med, q3) = (quantile(&v, 0.25), quantile(&v, 0.5), quantile(&v, 0.75));
            let (min, max) = (v[0], v[v.len() - 1]);
            let line = |a: (f64, f64), b: (f64, f64), w: u32| {
                PathElement::new(vec![a, b], BLACK.stroke_width(w))
            };
            let whisker = half * 0.4;
            chart.draw_series([
                line((xc, min), (xc, max), 2),
                line((xc - whisker, min), (xc + whisker, min), 2),
                line((xc - whisker, max), (xc + whisker, max), 2),
            ])?;
            chart.draw_series([
                Rectangle::new([(xc - half, q1), (xc + half, q3)], c.mix(0.35).filled()),
                Rectangle::new([(xc - half, q1), (xc + half, q3)], c.stroke_width(3)),
            ])?;
            chart.draw_series([line((xc - half, med), (xc + half, med), 4)])?;
            // Dots spread sideways by the golden ratio: deterministic, and rarely on top of each other.
            chart.draw_series(v.iter().enumerate().map(|(k, y)| {
                let dx = ((k as f64 * 0.618_034) % 1.0 - 0.5) * 0.3;
                Circle::new((xc + half * (1.44 + dx * 1.2), *y), 5, c.filled())
            }))?;
        }
        if self.groups.iter().all(|g| g.1.is_empty()) {
            note(&area, "no values")?;
        }
        Ok(())
    }
}
