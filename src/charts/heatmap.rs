//! A heat map of one result over two swept parameters, with a colour bar.

use super::frame::{cartesian, extent, font, format_number, frame, Axis, AXIS_TITLE_PX, TICK_PX};
use super::palette::{lightness, viridis, BLACK, LIGHT_GREY};
use super::{Chart, DrawResult, Labels, WIDTH_PX};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Cells coloured by value on viridis (colour-blind safe, light = high); NaN cells are grey.
#[derive(Debug, Clone)]
pub struct Heatmap<'a> {
    pub labels: Labels<'a>,
    /// Column names (x axis) and row names (y axis, first at the bottom).
    pub x_values: Vec<String>,
    pub y_values: Vec<String>,
    /// `z[row][column]`.
    pub z: Vec<Vec<f64>>,
    /// What the colour means, with its unit, e.g. "curtailed (TWh)".
    pub z_title: &'a str,
}

const BAR_AREA_PX: u32 = 300;

impl Chart for Heatmap<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let rest = frame(root, &self.labels, &[])?;
        let (area, bar) = rest.split_horizontally(WIDTH_PX - BAR_AREA_PX);
        let (lo, hi) = extent(self.z.iter().flatten().copied());
        let span = if hi > lo { hi - lo } else { 1.0 };
        let t = |v: f64| (v - lo) / span;
        let x = Axis::categories(&self.x_values, self.labels.x_axis);
        let y = Axis::categories(&self.y_values, self.labels.y_axis);
        let mut chart = cartesian(&area, &x, &y)?;
        let annotate = self.x_values.len() <= 15 && self.y_values.len() <= 12;
        let centred = Pos::new(HPos::Center, VPos::Center);
        for (j, row) in self.z.iter().enumerate() {
            for (i, v) in row.iter().enumerate() {
                let (xc, yc) = (i as f64, j as f64);
                let c = if v.is_finite() {
                    viridis(t(*v))
                } else {
                    LIGHT_GREY
                };
                chart.draw_series([Rectangle::new(
                    [(xc - 0.5, yc - 0.5), (xc + 0.5, yc + 0.5)],
                    c.filled(),
                )])?;
                if annotate && v.is_finite() {
                    let ink = if lightness(c) > 0.55 { BLACK } else { WHITE };
                    let style = font(TICK_PX).color(&ink).pos(centred);
                    chart.draw_series([EmptyElement::at((xc, yc))
                        + Text::new(super::bars::short_number(*v), (0, 0), style)])?;
                }
            }
        }
        // The colour bar: a column of thin bands from low (bottom) to high (top).
        let (top, height, left) = (60i32, 560i32, 40i32);
        bar.draw_text(self.z_title, &font(AXIS_TITLE_PX), (left - 20, top - 50))?;
        let bands = 112;
        for k in 0..bands {
            let y1 = top + height - k * height / bands;
            let y0 = top + height - (k + 1) * height / bands;
            let c = viridis((f64::from(k) + 0.5) / f64::from(bands));
            bar.draw(&Rectangle::new([(left, y0), (left + 44, y1)], c.filled()))?;
        }
        let label = |v: f64| {
            format_number(
                v,
                if span >= 100.0 {
                    0
                } else if span >= 1.0 {
                    2
                } else {
                    3
                },
            )
        };
        for k in 0..=4 {
            let v = lo + span * f64::from(k) / 4.0;
            let yp = top + height - k * height / 4;
            bar.draw_text(
                &label(v),
                &font(TICK_PX).pos(Pos::new(HPos::Left, VPos::Center)),
                (left + 56, yp),
            )?;
        }
        Ok(())
    }
}
