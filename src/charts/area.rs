//! Stacked areas over time (dispatch of a week by use). Each value is the mean over its step,
//! so the areas are drawn as steps, not as lines between step starts.

use super::frame::{cartesian, extent, frame, Axis, Entry, Swatch};
use super::{palette, Chart, DrawResult, Labels};
use plotters::coord::Shift;
use plotters::prelude::*;

#[derive(Debug, Clone)]
pub struct StackedArea<'a> {
    pub labels: Labels<'a>,
    /// Start of each step, in hours from the first.
    pub x: Vec<f64>,
    /// Tick positions (hours) and their labels, e.g. one per day.
    pub x_ticks: Vec<(f64, String)>,
    /// (use key, one value per step), bottom first. Positive parts stack up from zero, negative
    /// parts down; colours and legend names come from the palette table.
    pub layers: Vec<(String, Vec<f64>)>,
}

impl StackedArea<'_> {
    /// Length of each step: the spacing of `x` (one hour when there is a single step).
    fn step(&self) -> f64 {
        match self.x.as_slice() {
            [a, b, ..] => b - a,
            _ => 1.0,
        }
    }
}

impl Chart for StackedArea<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let colour = |i: usize, k: &str| palette::series(k, i);
        let legend: Vec<Entry> = self
            .layers
            .iter()
            .enumerate()
            .rev()
            .map(|(i, (k, _))| Entry::new(Swatch::Fill(colour(i, k)), palette::use_label(k)))
            .collect();
        let area = frame(root, &self.labels, &legend)?;
        let n = self.x.len();
        let dt = self.step();
        let mut up = vec![0.0; n];
        let mut down = vec![0.0; n];
        let mut bands = Vec::new();
        for (li, (k, vs)) in self.layers.iter().enumerate() {
            let (mut lo, mut hi) = (vec![0.0; n], vec![0.0; n]);
            for t in 0..n {
                let v = vs.get(t).copied().unwrap_or(0.0);
                let base = if v >= 0.0 { &mut up[t] } else { &mut down[t] };
                lo[t] = *base;
                *base += v;
                hi[t] = *base;
            }
            bands.push((colour(li, k), lo, hi));
        }
        let (y_lo, y_hi) = extent(up.iter().chain(&down).copied().chain([0.0]));
        let x_hi = self.x.last().map_or(1.0, |l| l + dt);
        let x = Axis::labelled(0.0, x_hi, &self.x_ticks, self.labels.x_axis);
        let y = Axis::numeric(y_lo, y_hi * 1.04, self.labels.y_axis);
        let mut chart = cartesian(&area, &x, &y)?;
        for (c, lo, hi) in bands {
            if lo.iter().zip(&hi).all(|(a, b)| (a - b).abs() < 1e-9) {
                continue;
            }
            let top = self
                .x
                .iter()
                .zip(&hi)
                .flat_map(|(x, y)| [(*x, *y), (x + dt, *y)]);
            let bottom = self
                .x
                .iter()
                .zip(&lo)
                .rev()
                .flat_map(|(x, y)| [(x + dt, *y), (*x, *y)]);
            let pts: Vec<(f64, f64)> = top.chain(bottom).collect();
            chart.draw_series([Polygon::new(pts, c.filled())])?;
        }
        Ok(())
    }
}
