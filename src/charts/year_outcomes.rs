//! One plan through every hydrology year: above, the energy it spills, exports and turns into
//! hydrogen (TWh, grouped bars in the colours of those uses everywhere else); below, its net
//! benefit against building nothing new (money). Two panels rather than two y axes, so each
//! keeps its own zero; the years share their columns, so a year reads straight down.

use super::bars::short_number;
use super::frame::{cartesian, extent, font, frame, note, Axis, Entry, Swatch};
use super::palette::{self, TEXT_GREY};
use super::panels::tick_width;
use super::{Chart, DrawResult, Labels};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The outcomes of one plan in each year.
#[derive(Debug, Clone)]
pub struct YearOutcomes<'a> {
    /// `labels.y_axis` is not used: each panel has its own.
    pub labels: Labels<'a>,
    /// The years, e.g. "P90 dry (17.5 %)".
    pub years: Vec<String>,
    /// (energy use key, TWh per year): drawn side by side in each year.
    pub energy: Vec<(String, Vec<f64>)>,
    pub energy_axis: &'a str,
    /// (legend name, value per year) of the lower panel.
    pub benefit: (String, Vec<f64>),
    pub benefit_axis: &'a str,
}

impl Chart for YearOutcomes<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let mut legend: Vec<Entry> = (self.energy.iter().enumerate())
            .map(|(i, (k, _))| {
                Entry::new(Swatch::Fill(palette::series(k, i)), palette::use_label(k))
            })
            .collect();
        legend.push(Entry::new(Swatch::Fill(TEXT_GREY), self.benefit.0.clone()));
        let area = frame(root, &self.labels, &legend)?;
        if self.years.is_empty() {
            return note(&area, "nothing to show");
        }
        let mut x_top = Axis::categories(&self.years, "");
        x_top.title = String::new();
        let x = Axis::categories(&self.years, self.labels.x_axis);
        let all = self.energy.iter().flat_map(|(_, v)| v.iter().copied());
        let (lo, hi) = extent(all.chain([0.0]));
        let y_top = Axis::numeric(lo, hi + (hi - lo) * 0.1, self.energy_axis);
        let (lo, hi) = extent(self.benefit.1.iter().copied().chain([0.0]));
        let pad = (hi - lo).max(1e-9) * 0.12;
        let y_bottom = Axis::numeric(lo - pad * f64::from(lo < 0.0), hi + pad, self.benefit_axis);
        let h = area.dim_in_pixel().1;
        let (upper, lower) = area.split_vertically(h * 11 / 20);
        // The panel with narrower tick labels starts further right, so the years' columns line
        // up from one panel to the other.
        let (w_top, w_bottom) = (tick_width(&upper, &y_top), tick_width(&lower, &y_bottom));
        let indent = |a: &DrawingArea<DB, Shift>, d: i32| match d > 0 {
            true => a.clone().split_horizontally(d as u32).1,
            false => a.clone(),
        };
        let upper = indent(&upper, w_bottom - w_top);
        let lower = indent(&lower, w_top - w_bottom);
        let n = self.energy.len().max(1) as f64;
        let w = 0.8 / n;
        let mut top = cartesian(&upper, &x_top, &y_top)?;
        for (k, (key, values)) in self.energy.iter().enumerate() {
            let c = palette::series(key, k);
            let x0 = |g: usize| g as f64 - 0.4 + k as f64 * w + w * 0.06;
            bars(&mut top, values, &x0, w * 0.88, c, values.len() <= 8)?;
        }
        let mut bottom = cartesian(&lower, &x, &y_bottom)?;
        let x0 = |g: usize| g as f64 - 0.3;
        let v = &self.benefit.1;
        bars(&mut bottom, v, &x0, 0.6, TEXT_GREY, v.len() <= 16)
    }
}

/// Bars from zero at `x0(group)` of width `w`, each labelled with its value when `labelled`
/// (above a bar that rises, below one that falls).
fn bars<DB: DrawingBackend>(
    chart: &mut super::frame::Ctx<DB>,
    values: &[f64],
    x0: &dyn Fn(usize) -> f64,
    w: f64,
    colour: RGBColor,
    labelled: bool,
) -> DrawResult<DB> {
    for (g, v) in values.iter().enumerate().filter(|(_, v)| v.is_finite()) {
        let x = x0(g);
        chart.draw_series([Rectangle::new([(x, 0.0), (x + w, *v)], colour.filled())])?;
        if labelled {
            let (at, off, anchor) = match *v >= 0.0 {
                true => (VPos::Bottom, -6, *v),
                false => (VPos::Top, 6, *v),
            };
            let style = font(18.0).pos(Pos::new(HPos::Center, at));
            chart.draw_series([EmptyElement::at((x + w / 2.0, anchor))
                + Text::new(short_number(*v), (0, off), style)])?;
        }
    }
    Ok(())
}
