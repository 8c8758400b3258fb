//! Line charts: duration curves (values sorted from largest, against the hours they last) and
//! results against a swept parameter.

use super::frame::{cartesian, extent, frame, note, Axis, Entry, Swatch};
use super::{palette, Chart, DrawResult, Labels};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One line of a [`LineChart`].
#[derive(Debug, Clone)]
pub struct Curve {
    pub name: String,
    pub colour: RGBColor,
    pub points: Vec<(f64, f64)>,
    /// Mark every point (for a few sweep points); off for dense curves.
    pub markers: bool,
}

/// Lines on numeric axes, legend at the right.
#[derive(Debug, Clone)]
pub struct LineChart<'a> {
    pub labels: Labels<'a>,
    pub series: Vec<Curve>,
    /// The x axis ends exactly at the data (hours of a year) instead of a rounded tick.
    pub x_exact: bool,
    /// Shown in the middle of the plot when every series is empty.
    pub empty_note: &'a str,
    /// Whether the y axis starts from zero (powers, energies) or fits the data (an objective
    /// of −10,000 ± 200 would otherwise be a flat line at the bottom).
    pub y_from_zero: bool,
}

impl<'a> LineChart<'a> {
    /// Duration curves: each case's values sorted from largest, against the hours of the horizon
    /// at or above that value. Each value stands for `horizon_hours / len` hours (steps of equal
    /// length, as spillway's are except a final short block).
    pub fn duration(labels: Labels<'a>, curves: &[(String, Vec<f64>)], horizon_hours: f64) -> Self {
        let series = curves
            .iter()
            .map(|(name, values)| {
                let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
                v.sort_by(|a, b| b.total_cmp(a));
                let h = if v.is_empty() {
                    0.0
                } else {
                    horizon_hours / v.len() as f64
                };
                // Each value lasts its step: a flat piece from k·h to (k + 1)·h. With hundreds
                // of steps the flats are sub-pixel, and drawing them only roughens a wide line.
                let points = if v.len() <= 500 {
                    v.iter()
                        .enumerate()
                        .flat_map(|(k, y)| [(k as f64 * h, *y), ((k + 1) as f64 * h, *y)])
                        .collect()
                } else {
                    let first = v.first().map(|y| (0.0, *y));
                    first
                        .into_iter()
                        .chain(v.iter().enumerate().map(|(k, y)| ((k + 1) as f64 * h, *y)))
                        .collect()
                };
                (name.clone(), points)
            })
            .collect();
        Self::durations(labels, series)
    }

    /// Duration curves of steps of varying length (`auto:N` segments): each case's (value,
    /// hours) pairs sorted by value from largest, each value a flat piece as long as its step.
    pub fn duration_of_steps(labels: Labels<'a>, curves: &[(String, Vec<(f64, f64)>)]) -> Self {
        let series = curves
            .iter()
            .map(|(name, steps)| {
                let mut v: Vec<(f64, f64)> = steps
                    .iter()
                    .copied()
                    .filter(|(x, _)| x.is_finite())
                    .collect();
                v.sort_by(|a, b| b.0.total_cmp(&a.0));
                let mut at = 0.0;
                let points = v
                    .iter()
                    .flat_map(|(y, h)| {
                        let from = at;
                        at += h;
                        [(from, *y), (at, *y)]
                    })
                    .collect();
                (name.clone(), points)
            })
            .collect();
        Self::durations(labels, series)
    }

    /// Duration curves from each case's points, in the palette's colour for its name.
    fn durations(labels: Labels<'a>, curves: Vec<(String, Vec<(f64, f64)>)>) -> Self {
        let series = curves
            .into_iter()
            .enumerate()
            .map(|(i, (name, points))| Curve {
                colour: palette::series(&name, i),
                name,
                points,
                markers: false,
            })
            .collect();
        LineChart {
            labels,
            series,
            x_exact: true,
            empty_note: "no data",
            y_from_zero: true,
        }
    }

    /// One line per output against the values of a swept parameter, every point marked.
    pub fn versus(labels: Labels<'a>, parameter: &[f64], series: &[(String, Vec<f64>)]) -> Self {
        let series = series
            .iter()
            .enumerate()
            .map(|(i, (name, ys))| Curve {
                name: name.clone(),
                colour: palette::series(name, i),
                points: parameter
                    .iter()
                    .zip(ys)
                    .filter(|(x, y)| x.is_finite() && y.is_finite())
                    .map(|(x, y)| (*x, *y))
                    .collect(),
                markers: true,
            })
            .collect();
        LineChart {
            labels,
            series,
            x_exact: false,
            empty_note: "no data",
            y_from_zero: true,
        }
    }
}

/// Drop points closer than about 2 px to the last one kept (in a 1000 px plot), keeping the
/// ends. A wide line through thousands of sub-pixel segments renders with ragged joins, and the
/// SVG would carry every one of them; at this spacing nothing visible is lost.
fn thin(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    if points.len() <= 2 {
        return points;
    }
    let (x_lo, x_hi) = extent(points.iter().map(|p| p.0));
    let (y_lo, y_hi) = extent(points.iter().map(|p| p.1));
    let (sx, sy) = ((x_hi - x_lo).max(1e-12), (y_hi - y_lo).max(1e-12));
    let min_step = 1.0 / 500.0;
    let mut out = vec![points[0]];
    for p in &points[1..points.len() - 1] {
        let last = out[out.len() - 1];
        let (dx, dy) = ((p.0 - last.0) / sx, (p.1 - last.1) / sy);
        if dx.abs().max(dy.abs()) >= min_step {
            out.push(*p);
        }
    }
    out.push(points[points.len() - 1]);
    out
}

impl Chart for LineChart<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let legend: Vec<Entry> = self
            .series
            .iter()
            .map(|s| {
                let swatch = if s.markers {
                    Swatch::Point(s.colour)
                } else {
                    Swatch::Line(s.colour)
                };
                Entry::new(swatch, palette::use_label(&s.name))
            })
            .collect();
        let area = frame(root, &self.labels, &legend)?;
        let all = || self.series.iter().flat_map(|s| s.points.iter());
        let (x_lo, x_hi) = extent(all().map(|p| p.0));
        let zero = if self.y_from_zero { Some(0.0) } else { None };
        let (y_lo, y_hi) = extent(all().map(|p| p.1).chain(zero));
        let x = if self.x_exact {
            Axis::exact(x_lo.min(0.0), x_hi, self.labels.x_axis)
        } else {
            Axis::numeric(x_lo, x_hi, self.labels.x_axis)
        };
        let y = Axis::numeric(y_lo, y_hi + (y_hi - y_lo) * 0.04, self.labels.y_axis);
        let mut chart = cartesian(&area, &x, &y)?;
        // Earlier lines are drawn wider, so a later line that coincides (two nodes with the same
        // price) still shows the earlier one as a border around it.
        let n = self.series.len();
        for (i, s) in self.series.iter().enumerate() {
            let width = if n > 1 {
                (3.0 + 4.0 * (n - 1 - i) as f64 / (n - 1) as f64).round() as u32
            } else {
                4
            };
            let pts = thin(s.points.clone());
            chart.draw_series(LineSeries::new(
                pts.iter().copied(),
                s.colour.stroke_width(width),
            ))?;
            if width >= 4 && !s.markers {
                // Round joins: plotters joins wide segments with square ends, which shows
                // as burrs wherever a curve bends.
                let r = width / 2;
                chart.draw_series(pts.iter().map(|p| Circle::new(*p, r, s.colour.filled())))?;
            }
            if s.markers {
                chart.draw_series(
                    s.points
                        .iter()
                        .map(|p| Circle::new(*p, 7, s.colour.filled())),
                )?;
            }
        }
        if self.series.iter().all(|s| s.points.is_empty()) {
            note(&area, self.empty_note)?;
        }
        Ok(())
    }
}
