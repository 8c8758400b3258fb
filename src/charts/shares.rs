//! How often an outcome lands on its high side: one horizontal bar per outcome from 0 to 100 %
//! of the samples, its share written at its end. For outcomes that are all or nothing (an option
//! built in some draws and not in others), where a box over both clusters would hide the split.

use super::frame::{cartesian, font, frame, note, Axis, Entry, Swatch};
use super::palette::{BLUE, LIGHT_GREY};
use super::{Chart, DrawResult, Labels};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

#[derive(Debug, Clone)]
pub struct Shares<'a> {
    pub labels: Labels<'a>,
    /// (what, in words with its threshold; share of the samples, 0–1; text at the bar's end),
    /// drawn top to bottom in this order.
    pub rows: Vec<(String, f64, String)>,
}

impl Chart for Shares<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let legend = [
            Entry::new(Swatch::Fill(BLUE), "share of the samples above"),
            Entry::new(Swatch::Fill(LIGHT_GREY), "the rest (at or below)"),
        ];
        let area = frame(root, &self.labels, &legend)?;
        // Category 0 is drawn at the bottom: reverse, so the first row is on top.
        let names: Vec<String> = self.rows.iter().rev().map(|r| r.0.clone()).collect();
        let x = Axis::exact(0.0, 100.0, self.labels.x_axis);
        let mut y = Axis::categories(&names, self.labels.y_axis);
        y.grid = false;
        let mut chart = cartesian(&area, &x, &y)?;
        let style = font(26.0).pos(Pos::new(HPos::Left, VPos::Center));
        for (i, (_, share, text)) in self.rows.iter().rev().enumerate() {
            let c = i as f64;
            let pct = (share * 100.0).clamp(0.0, 100.0);
            chart.draw_series([
                Rectangle::new([(0.0, c - 0.3), (100.0, c + 0.3)], LIGHT_GREY.filled()),
                Rectangle::new([(0.0, c - 0.3), (pct, c + 0.3)], BLUE.filled()),
            ])?;
            // The text sits on the grey part, right of the bar (inside it when nearly full).
            let at = if pct > 80.0 { 1.0 } else { pct };
            let colour = if pct > 80.0 { WHITE } else { BLACK };
            chart.draw_series([EmptyElement::at((at, c))
                + Text::new(text.clone(), (12, 0), style.clone().color(&colour))])?;
        }
        if self.rows.is_empty() {
            note(&area, "no outcome splits in two")?;
        }
        Ok(())
    }
}
