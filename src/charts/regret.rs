//! The regret table of a stochastic run as a picture: one row per plan, one cell per year
//! shaded by how much more the plan costs there than that year's own optimum, and apart on the
//! right each plan's expected regret, the least of them outlined. A heat table rather than
//! bars: with 38 record years a table still fits, and the eye finds the white (no regret) cells
//! and the one outlined row at once.

use super::bars::short_number;
use super::frame::{font, frame, note, Entry, Swatch, AXIS_TITLE_PX, TICK_PX};
use super::palette::{lightness, BLACK, LIGHT_GREY, TEXT_GREY, VERMILLION};
use super::{Chart, DrawResult, Labels};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Plans × years of regret, in one unit (e.g. M CNY), with each plan's expectation.
#[derive(Debug, Clone)]
pub struct RegretTable<'a> {
    pub labels: Labels<'a>,
    /// Column headings: the years, in order ("P90 dry"), and under each a second line (its
    /// probability, "17.5 %").
    pub years: Vec<String>,
    pub year_notes: Vec<String>,
    /// Row names, top first.
    pub plans: Vec<String>,
    /// `regret[plan][year]` (NaN: not evaluated, drawn grey).
    pub regret: Vec<Vec<f64>>,
    /// Each plan's probability-weighted regret.
    pub expected: Vec<f64>,
    /// The heading of the expected column.
    pub expected_heading: &'a str,
}

/// Width of the plan names and of the expected column, and the gap before it, pixels.
const NAMES_W_PX: i32 = 300;
const EXPECTED_W_PX: i32 = 150;
const GAP_PX: i32 = 24;
/// Height of the column headings (two lines), pixels.
const HEAD_H_PX: i32 = 84;
/// Cells narrower or lower than this carry no number (the colour still reads).
const MIN_NUMBERED_W_PX: i32 = 64;
const MIN_NUMBERED_H_PX: i32 = 26;

/// White (no regret) to vermillion (the most regret in the table).
fn shade(t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    RGBColor(
        mix(255, VERMILLION.0),
        mix(255, VERMILLION.1),
        mix(255, VERMILLION.2),
    )
}

impl RegretTable<'_> {
    /// The row of least expected regret (the first on a tie within 1e-9 of the scale).
    fn least(&self) -> Option<usize> {
        (0..self.expected.len())
            .filter(|&i| self.expected[i].is_finite())
            .min_by(|&a, &b| self.expected[a].total_cmp(&self.expected[b]))
    }

    fn legend(&self) -> Vec<Entry> {
        vec![
            Entry::new(Swatch::Outline(LIGHT_GREY), "white: the year's own optimum"),
            Entry::new(Swatch::Fill(VERMILLION), "darker: more regret"),
            Entry::new(Swatch::Outline(BLACK), "outlined: least expected regret"),
        ]
    }
}

impl Chart for RegretTable<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let area = frame(root, &self.labels, &self.legend())?;
        let (w, h) = area.dim_in_pixel();
        let (rows, cols) = (self.plans.len() as i32, self.years.len() as i32);
        if rows == 0 || cols == 0 {
            return note(&area, "nothing to show");
        }
        let top = HEAD_H_PX;
        let row_h = ((h as i32 - top - 60) / rows).min(72);
        let years_w = w as i32 - NAMES_W_PX - GAP_PX - EXPECTED_W_PX - 24;
        let col_w = years_w / cols;
        let x_expected = NAMES_W_PX + col_w * cols + GAP_PX;
        let hi = (self.regret.iter().flatten().chain(&self.expected))
            .filter(|v| v.is_finite())
            .fold(0.0_f64, |a, v| a.max(*v));
        let scale = |v: f64| if hi > 0.0 { v / hi } else { 0.0 };
        let numbered = col_w >= MIN_NUMBERED_W_PX && row_h >= MIN_NUMBERED_H_PX;
        let size = (f64::from(row_h) * 0.5).clamp(14.0, TICK_PX);
        headings(&area, self, col_w, x_expected, size)?;
        for (r, name) in self.plans.iter().enumerate() {
            let y0 = top + r as i32 * row_h;
            let left = font(size).pos(Pos::new(HPos::Right, VPos::Center));
            area.draw_text(name, &left, (NAMES_W_PX - 12, y0 + row_h / 2))?;
            for c in 0..cols as usize {
                let v = self.regret[r].get(c).copied().unwrap_or(f64::NAN);
                let x0 = NAMES_W_PX + c as i32 * col_w;
                cell(&area, [x0, y0, col_w, row_h], v, scale(v), numbered, size)?;
            }
            let e = self.expected[r];
            cell(
                &area,
                [x_expected, y0, EXPECTED_W_PX, row_h],
                e,
                scale(e),
                true,
                size,
            )?;
        }
        if let Some(r) = self.least() {
            let y0 = top + r as i32 * row_h;
            let outline = BLACK.stroke_width(4);
            let whole = [(NAMES_W_PX, y0), (x_expected + EXPECTED_W_PX, y0 + row_h)];
            area.draw(&Rectangle::new(whole, outline))?;
        }
        Ok(())
    }
}

/// The years over their columns (every k-th when they crowd) and the expected column's heading.
fn headings<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    t: &RegretTable,
    col_w: i32,
    x_expected: i32,
    size: f64,
) -> DrawResult<DB> {
    // The largest size at which every heading fits its column, down to 16 px; below that,
    // every k-th year only.
    let widest_at = |px: f64| {
        (t.years.iter().chain(&t.year_notes))
            .filter_map(|y| area.estimate_text_size(y, &font(px)).ok())
            .map(|(w, _)| w as i32)
            .max()
            .unwrap_or(0)
    };
    let mut px = size.min(TICK_PX);
    while px > 16.0 && widest_at(px) + 8 > col_w {
        px -= 1.0;
    }
    let style = font(px).pos(Pos::new(HPos::Center, VPos::Bottom));
    let every = ((widest_at(px) + 8) / col_w.max(1) + 1).max(1) as usize;
    let line_h = (px * 1.1) as i32;
    for (c, y) in t.years.iter().enumerate().filter(|(c, _)| c % every == 0) {
        let x = NAMES_W_PX + c as i32 * col_w + col_w / 2;
        area.draw_text(y, &style, (x, HEAD_H_PX - 10 - line_h))?;
        if let Some(n) = t.year_notes.get(c) {
            area.draw_text(n, &style, (x, HEAD_H_PX - 10))?;
        }
    }
    let bold = (super::FAMILY, AXIS_TITLE_PX * 0.85, FontStyle::Bold)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Center, VPos::Bottom));
    area.draw_text(
        t.expected_heading,
        &bold,
        (x_expected + EXPECTED_W_PX / 2, HEAD_H_PX - 10),
    )
}

/// One cell at `[x, y, width, height]` (pixels): its shade, a thin border, and its value when
/// there is room.
fn cell<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    [x, y, w, h]: [i32; 4],
    v: f64,
    t: f64,
    numbered: bool,
    size: f64,
) -> DrawResult<DB> {
    let fill = if v.is_finite() { shade(t) } else { LIGHT_GREY };
    let rect = [(x, y), (x + w, y + h)];
    area.draw(&Rectangle::new(rect, fill.filled()))?;
    area.draw(&Rectangle::new(rect, LIGHT_GREY.stroke_width(1)))?;
    if numbered && v.is_finite() {
        let ink = if lightness(fill) > 0.55 {
            TEXT_GREY
        } else {
            WHITE
        };
        let style = font(size)
            .color(&ink)
            .pos(Pos::new(HPos::Center, VPos::Center));
        area.draw_text(&short_number(v), &style, (x + w / 2, y + h / 2))?;
    }
    Ok(())
}
