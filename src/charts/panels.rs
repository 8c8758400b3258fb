//! Two panels of lines on one shared x axis: a decision (capacity, MW) above and what it does to
//! the energy (TWh) below, against a swept parameter. Two panels rather than two y axes, so each
//! keeps its own zero and no line is read against the wrong scale.

use super::frame::{
    cartesian, extent, font, format_number, frame, note, Axis, Entry, Swatch, TICK_PX,
};
use super::lines::Curve;
use super::{palette, Chart, DrawResult, Labels};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One panel: its y-axis title (with unit) and its lines.
#[derive(Debug, Clone)]
pub struct Panel<'a> {
    pub y_axis: &'a str,
    pub series: Vec<Curve>,
}

/// `top` above `bottom`, both against `labels.x_axis`; `labels.y_axis` is not used (each panel
/// has its own). The legend lists every line name once, in the order first met.
#[derive(Debug, Clone)]
pub struct Panels<'a> {
    pub labels: Labels<'a>,
    pub top: Panel<'a>,
    pub bottom: Panel<'a>,
}

impl Chart for Panels<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let mut legend: Vec<Entry> = Vec::new();
        let mut named: Vec<&str> = Vec::new();
        for s in self.top.series.iter().chain(&self.bottom.series) {
            if !named.contains(&s.name.as_str()) {
                named.push(&s.name);
                legend.push(Entry::new(
                    Swatch::Point(s.colour),
                    palette::use_label(&s.name),
                ));
            }
        }
        let area = frame(root, &self.labels, &legend)?;
        let all = self.top.series.iter().chain(&self.bottom.series);
        let (x_lo, x_hi) = extent(all.flat_map(|s| s.points.iter().map(|p| p.0)));
        let x = Axis::numeric(x_lo, x_hi, self.labels.x_axis);
        let h = area.dim_in_pixel().1;
        let (upper, lower) = area.split_vertically(h / 2);
        let mut x_top = x.clone();
        // The shared x axis is titled once, under the lower panel.
        x_top.title = String::new();
        let (y_top, y_bottom) = (y_axis(&self.top), y_axis(&self.bottom));
        // The panel with narrower tick labels starts further right, so both plots share their
        // left edge and a value reads straight down from one panel to the other.
        let (w_top, w_bottom) = (tick_width(&upper, &y_top), tick_width(&lower, &y_bottom));
        let indent = |a: &DrawingArea<DB, Shift>, d: i32| {
            if d > 0 {
                a.clone().split_horizontally(d as u32).1
            } else {
                a.clone()
            }
        };
        let upper = indent(&upper, w_bottom - w_top);
        let lower = indent(&lower, w_top - w_bottom);
        draw_panel(&upper, &x_top, &y_top, &self.top)?;
        draw_panel(&lower, &x, &y_bottom, &self.bottom)?;
        Ok(())
    }
}

fn y_axis(panel: &Panel) -> Axis {
    let (y_lo, y_hi) = extent(
        (panel.series.iter())
            .flat_map(|s| s.points.iter().map(|p| p.1))
            .chain([0.0]),
    );
    Axis::numeric(y_lo, y_hi + (y_hi - y_lo) * 0.06, panel.y_axis)
}

/// The widest tick label of a y axis, pixels (as `frame::cartesian` measures it).
pub(super) fn tick_width<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, y: &Axis) -> i32 {
    (y.ticks.iter())
        .map(|t| {
            area.estimate_text_size(&format_number(*t, y.decimals), &font(TICK_PX))
                .map_or(60, |(w, _)| w as i32)
        })
        .max()
        .unwrap_or(60)
}

fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    x: &Axis,
    y: &Axis,
    panel: &Panel,
) -> DrawResult<DB> {
    let mut chart = cartesian(area, x, y)?;
    let n = panel.series.len();
    for (i, s) in panel.series.iter().enumerate() {
        // Earlier lines wider, so a later line lying on an earlier one leaves it as a border.
        let width = if n > 1 {
            (3.0 + 4.0 * (n - 1 - i) as f64 / (n - 1) as f64).round() as u32
        } else {
            4
        };
        let r = if n > 1 {
            4 + 4 * (n - 1 - i) / (n - 1)
        } else {
            7
        };
        chart.draw_series(LineSeries::new(
            s.points.iter().copied(),
            s.colour.stroke_width(width),
        ))?;
        chart.draw_series(
            s.points
                .iter()
                .map(|p| Circle::new(*p, r as u32, s.colour.filled())),
        )?;
    }
    if panel.series.iter().all(|s| s.points.is_empty()) {
        note(area, "no data")?;
    }
    Ok(())
}
