//! What every chart shares: the title band, the legend beside (never over) the data, axes with
//! their own tick positions and labels, and number formatting.
//!
//! Over 500 lines (about 530) on purpose for now: the four parts share private layout constants
//! and measuring helpers. Line breaking (the one part Chinese text changed) is in `wrap.rs`.

use super::palette::{GRID_GREY, LIGHT_GREY, TEXT_GREY};
use super::wrap::{draw_wrapped, wrap};
use super::{Labels, FAMILY, HEIGHT_PX, WIDTH_PX};
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::ops::Range;

/// A linear f64 axis whose grid lines and labels sit exactly at the given ticks (plotters' own
/// f64 axis chooses its ticks itself, which cannot place categories or days).
#[derive(Debug, Clone)]
pub(crate) struct Ticked {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
}

impl Ranged for Ticked {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        let share = (v - self.lo) / (self.hi - self.lo);
        let len = f64::from(limit.1 - limit.0);
        if !share.is_finite() {
            return limit.1;
        }
        limit.0 + (len * share + 1e-3).floor() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

/// Both axes carry explicit tick positions, so categories, days and numbers share one type.
pub(crate) type Coord = Cartesian2d<Ticked, Ticked>;
pub(crate) type Ctx<'a, DB> = ChartContext<'a, DB, Coord>;
pub(crate) type Res<T, DB> = Result<T, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Font sizes in pixels at 1600 × 900: readable from the back of a room.
/// (plotters' sizes: the em is size / 1.24, so ticks are 21 px to the em.)
pub(crate) const TITLE_PX: f64 = 46.0;
pub(crate) const SUBTITLE_PX: f64 = 29.0;
pub(crate) const AXIS_TITLE_PX: f64 = 31.0;
pub(crate) const TICK_PX: f64 = 26.0;
pub(crate) const LEGEND_PX: f64 = 26.0;
const TITLE_BAND_PX: u32 = 112;
const LEGEND_W_PX: u32 = 420;

pub(crate) fn font(size: f64) -> TextStyle<'static> {
    (FAMILY, size).into_font().color(&TEXT_GREY)
}

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Swatch {
    Fill(RGBColor),
    Outline(RGBColor),
    /// A pale fill with a solid border: headroom up to a limit.
    Pale(RGBColor),
    Line(RGBColor),
    Point(RGBColor),
}

pub(crate) struct Entry {
    pub swatch: Swatch,
    pub text: String,
}

impl Entry {
    pub fn new(swatch: Swatch, text: impl Into<String>) -> Self {
        Entry {
            swatch,
            text: text.into(),
        }
    }
}

/// White background, title and subtitle on top, the legend on the right. Returns the area left
/// for the plot.
pub(crate) fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    labels: &Labels,
    legend: &[Entry],
) -> Res<DrawingArea<DB, Shift>, DB> {
    root.fill(&WHITE)?;
    let (top, rest) = root.split_vertically(TITLE_BAND_PX);
    top.draw_text(
        labels.title,
        &(FAMILY, TITLE_PX, FontStyle::Bold)
            .into_font()
            .color(&BLACK),
        (36, 16),
    )?;
    top.draw_text(labels.subtitle, &font(SUBTITLE_PX), (36, 68))?;
    if legend.is_empty() {
        return Ok(rest);
    }
    let (plot, side) = rest.split_horizontally(WIDTH_PX - LEGEND_W_PX);
    draw_legend(&side, legend)?;
    Ok(plot)
}

fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[Entry],
) -> Res<(), DB> {
    let style = font(LEGEND_PX);
    let text_x = 52;
    let max_w = LEGEND_W_PX as i32 - text_x - 16;
    let line_h = (LEGEND_PX * 1.25) as i32;
    let mut y = 24;
    for e in entries {
        let lines = wrap(area, &e.text, &style, max_w);
        let (x0, y0) = (8, y + 3);
        let (x1, y1) = (40, y + line_h - 5);
        match e.swatch {
            Swatch::Fill(c) => {
                area.draw(&Rectangle::new([(x0, y0), (x1, y1)], c.filled()))?;
                area.draw(&Rectangle::new(
                    [(x0, y0), (x1, y1)],
                    LIGHT_GREY.stroke_width(1),
                ))?;
            }
            Swatch::Pale(c) => {
                area.draw(&Rectangle::new([(x0, y0), (x1, y1)], c.mix(0.2).filled()))?;
                area.draw(&Rectangle::new([(x0, y0), (x1, y1)], c.stroke_width(2)))?;
            }
            Swatch::Outline(c) => {
                area.draw(&Rectangle::new([(x0, y0), (x1, y1)], c.stroke_width(2)))?
            }
            Swatch::Line(c) => {
                let mid = (y0 + y1) / 2;
                area.draw(&PathElement::new(
                    vec![(x0, mid), (x1, mid)],
                    c.stroke_width(4),
                ))?;
            }
            Swatch::Point(c) => {
                area.draw(&Circle::new(((x0 + x1) / 2, (y0 + y1) / 2), 7, c.filled()))?
            }
        }
        for (i, line) in lines.iter().enumerate() {
            draw_wrapped(area, line, &style, (text_x, y + i as i32 * line_h))?;
        }
        y += lines.len().max(1) as i32 * line_h + 10;
        if y > (HEIGHT_PX - TITLE_BAND_PX) as i32 - line_h {
            break;
        }
    }
    Ok(())
}

/// One axis: its range, tick positions and how ticks are labelled.
#[derive(Debug, Clone)]
pub(crate) struct Axis {
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
    /// Category or date labels, one per tick; `None` formats the tick's number.
    pub names: Option<Vec<String>>,
    pub decimals: usize,
    pub title: String,
    pub grid: bool,
}

impl Axis {
    /// A numeric axis from `lo` to `hi` rounded out to nice ticks (zero kept when inside).
    pub fn numeric(lo: f64, hi: f64, title: &str) -> Axis {
        let (lo, hi) = padded(lo, hi);
        let step = nice_step((hi - lo) / 7.0);
        let lo = (lo / step).floor() * step;
        let hi = (hi / step).ceil() * step;
        Axis::stepped(lo, hi, step, title)
    }

    /// A numeric axis over exactly `lo..hi`, ticks at nice values inside it.
    pub fn exact(lo: f64, hi: f64, title: &str) -> Axis {
        let (lo, hi) = padded(lo, hi);
        Axis::stepped(lo, hi, nice_step((hi - lo) / 8.0), title)
    }

    fn stepped(lo: f64, hi: f64, step: f64, title: &str) -> Axis {
        let first = (lo / step).ceil() as i64;
        let last = (hi / step + 1e-9).floor() as i64;
        Axis {
            lo,
            hi,
            ticks: (first..=last).map(|k| k as f64 * step).collect(),
            names: None,
            decimals: decimals(step),
            title: title.to_string(),
            grid: true,
        }
    }

    /// Categories at 0, 1, …, n − 1, each half a unit from the edges.
    pub fn categories(names: &[String], title: &str) -> Axis {
        let n = names.len().max(1) as f64;
        Axis {
            lo: -0.5,
            hi: n - 0.5,
            ticks: (0..names.len()).map(|i| i as f64).collect(),
            names: Some(names.to_vec()),
            decimals: 0,
            title: title.to_string(),
            grid: false,
        }
    }

    /// Explicit ticks with their labels (dates, days).
    pub fn labelled(lo: f64, hi: f64, ticks: &[(f64, String)], title: &str) -> Axis {
        Axis {
            lo,
            hi,
            ticks: ticks.iter().map(|t| t.0).collect(),
            names: Some(ticks.iter().map(|t| t.1.clone()).collect()),
            decimals: 0,
            title: title.to_string(),
            grid: true,
        }
    }

    fn ranged(&self) -> Ticked {
        Ticked {
            lo: self.lo,
            hi: self.hi,
            ticks: self.ticks.clone(),
        }
    }

    fn label(&self, v: f64) -> String {
        match &self.names {
            Some(names) => self
                .ticks
                .iter()
                .position(|t| (t - v).abs() < 1e-9)
                .and_then(|i| names.get(i).cloned())
                .unwrap_or_default(),
            None => format_number(v, self.decimals),
        }
    }
}

/// A range that is never empty; values are widened by a little so marks do not touch the frame.
fn padded(lo: f64, hi: f64) -> (f64, f64) {
    let (lo, hi) = if lo.is_finite() && hi.is_finite() {
        (lo, hi)
    } else {
        (0.0, 1.0)
    };
    if hi - lo < 1e-12 {
        let d = if lo.abs() > 1e-12 {
            lo.abs() * 0.1
        } else {
            1.0
        };
        (lo - if lo == 0.0 { 0.0 } else { d }, hi + d)
    } else {
        (lo, hi)
    }
}

/// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
pub(crate) fn nice_step(raw: f64) -> f64 {
    let raw = if raw > 0.0 && raw.is_finite() {
        raw
    } else {
        1.0
    };
    let p = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * p)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * p)
}

fn decimals(step: f64) -> usize {
    (0..8)
        .find(|d| {
            let x = step * 10f64.powi(*d as i32);
            (x - x.round()).abs() < 1e-6 * x.abs().max(1.0)
        })
        .unwrap_or(8)
}

/// `12,500`, `0.25`, `−3` (a true minus sign; thousands separated by commas).
pub fn format_number(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(i, f)| (i, f));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let zero = s.chars().all(|c| c == '0' || c == '.');
    let sign = if v < 0.0 && !zero { "−" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// Build the chart and draw its axes, titles and grid.
pub(crate) fn cartesian<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    x: &Axis,
    y: &Axis,
) -> Res<Ctx<'a, DB>, DB> {
    let y_tick_w = y
        .ticks
        .iter()
        .map(|t| {
            area.estimate_text_size(&y.label(*t), &font(TICK_PX))
                .map_or(60, |(w, _)| w)
        })
        .max()
        .unwrap_or(60);
    let plot_w = area.dim_in_pixel().0 as i32 - (y_tick_w as i32 + 66) - 12 - 36;
    let x = &spaced_ticks(area, x, plot_w);
    let mut chart = ChartBuilder::on(area)
        .margin_top(12)
        .margin_right(36)
        .margin_left(12)
        .x_label_area_size(92)
        .y_label_area_size(y_tick_w + 66)
        .build_cartesian_2d(x.ranged(), y.ranged())?;
    // Category names are drawn below by `category_labels`, wrapped to their slot.
    let wrap_x = x.names.is_some() && !x.grid;
    let x_fmt = |v: &f64| if wrap_x { String::new() } else { x.label(*v) };
    let y_fmt = |v: &f64| y.label(*v);
    let mut mesh = chart.configure_mesh();
    mesh.x_desc(x.title.as_str())
        .y_desc(y.title.as_str())
        .axis_desc_style(font(AXIS_TITLE_PX))
        .label_style(font(TICK_PX))
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .bold_line_style(GRID_GREY.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(TEXT_GREY.stroke_width(2))
        .set_all_tick_mark_size(6);
    if !x.grid {
        mesh.disable_x_mesh();
    }
    if !y.grid {
        mesh.disable_y_mesh();
    }
    mesh.draw()?;
    if wrap_x {
        category_labels(area, &chart, x, y.lo)?;
    }
    Ok(chart)
}

/// A numeric x axis whose tick labels would touch keeps only every k-th tick (the multiples
/// of k steps, so 0 stays), so a narrow plot (a tornado beside long names) never prints
/// "−13,000−12,500". Category and date axes are left alone.
fn spaced_ticks<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, x: &Axis, plot_w: i32) -> Axis {
    let mut out = x.clone();
    if x.names.is_some() || x.ticks.len() < 3 {
        return out;
    }
    let widest = x
        .ticks
        .iter()
        .filter_map(|t| area.estimate_text_size(&x.label(*t), &font(TICK_PX)).ok())
        .map(|(w, _)| w as i32)
        .max()
        .unwrap_or(0);
    let step = x.ticks[1] - x.ticks[0];
    let span = (x.hi - x.lo).max(1e-12);
    for k in 1..x.ticks.len() {
        let every = step * k as f64;
        let gap_px = f64::from(plot_w) * every / span;
        if gap_px >= f64::from(widest + 24) {
            out.ticks = x
                .ticks
                .iter()
                .copied()
                .filter(|t| {
                    let q = t / every;
                    (q - q.round()).abs() < 1e-6
                })
                .collect();
            if out.ticks.len() >= 2 {
                return out;
            }
        }
    }
    out.ticks = vec![x.ticks[0], x.ticks[x.ticks.len() - 1]];
    out
}

/// Category names under the x axis: wrapped on spaces into at most two lines, and set smaller
/// (down to 16 px) when a line is still wider than its category's slot, so neighbours never
/// overlap.
fn category_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Ctx<DB>,
    x: &Axis,
    y_lo: f64,
) -> Res<(), DB> {
    let names = x.names.as_deref().unwrap_or_default();
    let (x0, _) = chart.backend_coord(&(x.lo, y_lo));
    let (x1, _) = chart.backend_coord(&(x.hi, y_lo));
    let slot = ((x1 - x0) as f64 / names.len().max(1) as f64 * 0.96) as i32;
    let mut size = TICK_PX;
    let lines = loop {
        let style = font(size);
        let lines: Vec<Vec<String>> = names
            .iter()
            .map(|n| wrap(area, n, &style, slot).into_iter().take(2).collect())
            .collect();
        let widest = lines
            .iter()
            .flatten()
            .filter_map(|l| crate::i18n::verbatim(|| area.estimate_text_size(l, &style)).ok())
            .map(|(w, _)| w as i32)
            .max()
            .unwrap_or(0);
        if widest <= slot || size <= 16.0 {
            break lines;
        }
        size -= 1.0;
    };
    let style = font(size).pos(Pos::new(HPos::Center, VPos::Top));
    let base = area.get_base_pixel();
    for (i, ls) in lines.iter().enumerate() {
        let (px, py) = chart.backend_coord(&(x.ticks[i], y_lo));
        for (k, l) in ls.iter().enumerate() {
            let y = py - base.1 + 12 + k as i32 * (size * 1.0) as i32;
            draw_wrapped(area, l, &style, (px - base.0, y))?;
        }
    }
    Ok(())
}

/// A note in the middle of the plot area ("nothing was spilled", "no data").
pub(crate) fn note<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, text: &str) -> Res<(), DB> {
    let (w, h) = area.dim_in_pixel();
    let style = font(AXIS_TITLE_PX).pos(Pos::new(HPos::Center, VPos::Center));
    area.draw_text(text, &style, (w as i32 / 2, h as i32 / 2))
}

/// Lowest and highest finite values of an iterator (`(0, 1)` when there are none).
pub(crate) fn extent(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
    if lo > hi {
        (0.0, 1.0)
    } else {
        (lo, hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_formatted_for_people() {
        assert_eq!(format_number(8760.0, 0), "8,760");
        assert_eq!(format_number(-1234567.891, 2), "−1,234,567.89");
        assert_eq!(format_number(-0.0001, 2), "0.00");
        assert_eq!(format_number(0.25, 2), "0.25");
        assert_eq!(nice_step(0.3), 0.5);
        assert_eq!(nice_step(1100.0), 2000.0);
        assert_eq!(nice_step(230.0), 250.0);
        let a = Axis::numeric(0.0, 2958.0, "MW");
        assert_eq!((a.lo, a.hi), (0.0, 3000.0));
        assert_eq!(a.ticks.first(), Some(&0.0));
        assert_eq!(a.ticks.last(), Some(&3000.0));
        let e = Axis::exact(0.0, 8760.0, "h");
        assert_eq!(e.hi, 8760.0);
        assert_eq!(e.ticks.last(), Some(&8000.0));
    }
}
