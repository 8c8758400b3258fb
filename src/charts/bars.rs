//! Bar charts: stacked (energy by use per month), grouped (cases side by side, optionally against
//! a limit) and the tornado (how far each parameter moves a result).

use super::frame::{cartesian, extent, font, format_number, frame, note, Axis, Entry, Swatch};
use super::palette::{self, BLACK, BLUE, FLOOD_BAND, TEXT_GREY, VERMILLION};
use super::{Chart, DrawResult, Labels};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Bars of stacked layers per category. Positive values stack up from zero, negative values
/// down, so a supply (import) can sit below the axis under the uses it served.
#[derive(Debug, Clone)]
pub struct StackedBars<'a> {
    pub labels: Labels<'a>,
    pub categories: Vec<String>,
    /// (use key, one value per category), bottom layer first. Colours and legend names come
    /// from the palette table; a key it does not know is shown as written.
    pub layers: Vec<(String, Vec<f64>)>,
    /// A black tick across each bar, e.g. the available generation it is compared with.
    pub marker: Option<(String, Vec<f64>)>,
    /// Categories drawn on a light band (the flood season), with the band's legend name.
    pub shaded: Option<(String, Vec<bool>)>,
}

impl Chart for StackedBars<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let colour = |i: usize, k: &str| palette::series(k, i);
        let mut legend: Vec<Entry> = self
            .layers
            .iter()
            .enumerate()
            .rev()
            .map(|(i, (k, _))| Entry::new(Swatch::Fill(colour(i, k)), palette::use_label(k)))
            .collect();
        if let Some((name, _)) = &self.marker {
            legend.push(Entry::new(Swatch::Line(BLACK), name.clone()));
        }
        if let Some((name, _)) = &self.shaded {
            legend.push(Entry::new(Swatch::Fill(FLOOD_BAND), name.clone()));
        }
        let area = frame(root, &self.labels, &legend)?;
        let n = self.categories.len();
        let mut up = vec![0.0; n];
        let mut down = vec![0.0; n];
        for (_, vs) in &self.layers {
            for (i, v) in vs.iter().enumerate().take(n) {
                if *v >= 0.0 {
                    up[i] += v;
                } else {
                    down[i] += v;
                }
            }
        }
        let marks = self.marker.iter().flat_map(|m| m.1.iter().copied());
        let (lo, hi) = extent(up.iter().chain(&down).copied().chain(marks).chain([0.0]));
        let x = Axis::categories(&self.categories, self.labels.x_axis);
        let y = Axis::numeric(lo, hi * 1.04, self.labels.y_axis);
        let mut chart = cartesian(&area, &x, &y)?;
        if let Some((_, flags)) = &self.shaded {
            chart.draw_series(flags.iter().enumerate().filter(|(_, f)| **f).map(|(i, _)| {
                let c = i as f64;
                Rectangle::new([(c - 0.5, y.lo), (c + 0.5, y.hi)], FLOOD_BAND.filled())
            }))?;
        }
        let mut base_up = vec![0.0; n];
        let mut base_down = vec![0.0; n];
        for (li, (k, vs)) in self.layers.iter().enumerate() {
            let c = colour(li, k);
            for (i, v) in vs.iter().enumerate().take(n) {
                let base = if *v >= 0.0 {
                    &mut base_up[i]
                } else {
                    &mut base_down[i]
                };
                let (y0, y1) = (*base, *base + v);
                *base = y1;
                if v.abs() < 1e-12 {
                    continue;
                }
                let xc = i as f64;
                let rect = [(xc - 0.34, y0), (xc + 0.34, y1)];
                chart.draw_series([
                    Rectangle::new(rect, c.filled()),
                    Rectangle::new(rect, WHITE.stroke_width(1)),
                ])?;
            }
        }
        if let Some((_, m)) = &self.marker {
            chart.draw_series(m.iter().enumerate().take(n).map(|(i, v)| {
                let xc = i as f64;
                PathElement::new(
                    vec![(xc - 0.44, *v), (xc + 0.44, *v)],
                    BLACK.stroke_width(4),
                )
            }))?;
        }
        Ok(())
    }
}

/// Groups of bars side by side: one group per category, one bar per key present in it (NaN =
/// absent), each key in its palette colour. With `limits`, a hollow outline shows how far each
/// bar could have gone (capacity against its site limit).
#[derive(Debug, Clone)]
pub struct BarGroups<'a> {
    pub labels: Labels<'a>,
    pub groups: Vec<String>,
    pub keys: Vec<String>,
    /// `values[group][key]`.
    pub values: Vec<Vec<f64>>,
    pub limits: Option<(String, Vec<Vec<f64>>)>,
    /// Capacity already there (existing and committed), `base[group][key]`, with its legend
    /// name: drawn pale and hatched under the solid bar of `values`, which then starts on top
    /// of it. The value label still gives `values` alone (what is new).
    pub base: Option<(String, Vec<Vec<f64>>)>,
    /// Print each bar's value above it.
    pub value_labels: bool,
}

impl Chart for BarGroups<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let mut legend: Vec<Entry> = self
            .keys
            .iter()
            .enumerate()
            .map(|(i, k)| Entry::new(Swatch::Fill(palette::series(k, i)), palette::use_label(k)))
            .collect();
        if let Some((name, _)) = &self.base {
            legend.push(Entry::new(Swatch::Pale(TEXT_GREY), name.clone()));
        }
        if let Some((name, _)) = &self.limits {
            let swatch = if self.base.is_some() {
                Swatch::Outline(TEXT_GREY)
            } else {
                Swatch::Pale(TEXT_GREY)
            };
            legend.push(Entry::new(swatch, name.clone()));
        }
        let area = frame(root, &self.labels, &legend)?;
        let limit = |g: usize, k: usize| {
            self.limits
                .as_ref()
                .and_then(|(_, l)| l.get(g).and_then(|r| r.get(k)).copied())
                .filter(|v| v.is_finite())
        };
        let base = |g: usize, k: usize| {
            self.base
                .as_ref()
                .and_then(|(_, b)| b.get(g).and_then(|r| r.get(k)).copied())
                .filter(|v| v.is_finite())
                .unwrap_or(0.0)
        };
        let all = (0..self.values.len())
            .flat_map(|g| (self.values[g].iter().enumerate()).map(move |(k, v)| v + base(g, k)));
        let lims = (0..self.groups.len())
            .flat_map(|g| (0..self.keys.len()).filter_map(move |k| limit(g, k)));
        let (lo, hi) = extent(all.chain(lims).chain([0.0]));
        let x = Axis::categories(&self.groups, self.labels.x_axis);
        let y = Axis::numeric(lo, hi + (hi - lo) * 0.08, self.labels.y_axis);
        let mut chart = cartesian(&area, &x, &y)?;
        let label_style = font(18.0).pos(Pos::new(HPos::Center, VPos::Bottom));
        let mut any = false;
        for (g, row) in self.values.iter().enumerate() {
            let present: Vec<usize> = (0..self.keys.len())
                .filter(|k| row.get(*k).is_some_and(|v| v.is_finite()))
                .collect();
            // A lone bar is no wider than one of a pair.
            let w = 0.8 / present.len().max(2) as f64;
            let start = g as f64 - w * present.len().max(1) as f64 / 2.0;
            for (slot, &k) in present.iter().enumerate() {
                any = true;
                let v = row[k];
                let x0 = start + slot as f64 * w + w * 0.06;
                let x1 = x0 + w * 0.88;
                let c = palette::series(&self.keys[k], k);
                let b = base(g, k);
                behind(
                    &area,
                    &chart,
                    [x0, x1],
                    b,
                    limit(g, k),
                    self.base.is_none(),
                    c,
                )?;
                chart.draw_series([Rectangle::new([(x0, b), (x1, b + v)], c.filled())])?;
                // A bar of nothing new on what is there is labelled by its hatching, not "0".
                if self.value_labels && !(b > 0.0 && v.abs() < 0.5) {
                    let top = limit(g, k).map_or(b + v, |l| l.max(b + v));
                    chart.draw_series([EmptyElement::at(((x0 + x1) / 2.0, top.max(0.0)))
                        + Text::new(short_number(v), (0, -6), label_style.clone())])?;
                }
            }
        }
        if !any {
            note(&area, "nothing to show")?;
        }
        Ok(())
    }
}

/// What is drawn behind a bar's solid value: its limit (pale in the key's own colour, or an
/// outline only when what is already there is the pale part), so an unused option is still
/// recognisable; and what is there (`base`), hatched.
fn behind<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &super::frame::Ctx<DB>,
    [x0, x1]: [f64; 2],
    base: f64,
    limit: Option<f64>,
    pale_limit: bool,
    c: RGBColor,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if let Some(l) = limit {
        if pale_limit {
            chart
                .plotting_area()
                .draw(&Rectangle::new([(x0, 0.0), (x1, l)], c.mix(0.2).filled()))?;
        }
        chart
            .plotting_area()
            .draw(&Rectangle::new([(x0, 0.0), (x1, l)], c.stroke_width(2)))?;
    }
    if base > 0.0 {
        hatched(area, chart, [(x0, 0.0), (x1, base)], c)?;
    }
    Ok(())
}

/// A bar of capacity already there: pale in its colour, with diagonal lines, so it reads apart
/// from the solid new build even in print.
fn hatched<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &super::frame::Ctx<DB>,
    rect: [(f64, f64); 2],
    c: RGBColor,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    chart
        .plotting_area()
        .draw(&Rectangle::new(rect, c.mix(0.3).filled()))?;
    chart
        .plotting_area()
        .draw(&Rectangle::new(rect, c.stroke_width(2)))?;
    let base = area.get_base_pixel();
    let (a, b) = (chart.backend_coord(&rect[0]), chart.backend_coord(&rect[1]));
    let (px0, px1) = (a.0.min(b.0) - base.0, a.0.max(b.0) - base.0);
    let (py0, py1) = (a.1.min(b.1) - base.1, a.1.max(b.1) - base.1);
    // Lines x + y = k, clipped to the bar, every 14 px.
    let mut k = px0 + py0 + 14;
    while k < px1 + py1 {
        let (xa, xb) = ((k - py1).max(px0), (k - py0).min(px1));
        if xa < xb {
            area.draw(&PathElement::new(
                vec![(xa, k - xa), (xb, k - xb)],
                c.stroke_width(2),
            ))?;
        }
        k += 14;
    }
    Ok(())
}

/// A value for a label above a bar: three significant figures, thousands separated.
pub(crate) fn short_number(v: f64) -> String {
    let a = v.abs();
    let d = if a >= 100.0 || a == 0.0 {
        0
    } else if a >= 10.0 {
        1
    } else {
        2
    };
    format_number(v, d)
}

/// Horizontal bars from a base result to the result at each parameter's low and high setting,
/// widest swing on top.
#[derive(Debug, Clone)]
pub struct Tornado<'a> {
    pub labels: Labels<'a>,
    pub base: f64,
    /// (parameter, result at its low setting, result at its high setting).
    pub rows: Vec<(String, f64, f64)>,
}

impl Chart for Tornado<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let legend = [
            Entry::new(Swatch::Fill(BLUE), "parameter at its low setting"),
            Entry::new(Swatch::Fill(VERMILLION), "parameter at its high setting"),
            Entry::new(
                Swatch::Line(BLACK),
                format!("base case: {}", short_number(self.base)),
            ),
        ];
        let area = frame(root, &self.labels, &legend)?;
        let mut rows = self.rows.clone();
        // Smallest swing first: category 0 is at the bottom, so the widest ends on top.
        rows.sort_by(|a, b| (a.2 - a.1).abs().total_cmp(&(b.2 - b.1).abs()));
        let names: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
        let (lo, hi) = extent(rows.iter().flat_map(|r| [r.1, r.2]).chain([self.base]));
        // A tornado where nothing moves still needs an axis around its base value.
        let pad = if hi - lo > 1e-9 * hi.abs().max(1.0) {
            (hi - lo) * 0.05
        } else {
            hi.abs().max(1.0) * 0.1
        };
        // A result that is never negative (energy, capacity) keeps its axis from zero.
        let x_lo = if lo >= 0.0 {
            (lo - pad).max(0.0)
        } else {
            lo - pad
        };
        let x = Axis::numeric(x_lo, hi + pad, self.labels.x_axis);
        let mut y = Axis::categories(&names, self.labels.y_axis);
        y.grid = false;
        let mut chart = cartesian(&area, &x, &y)?;
        for (i, (_, low, high)) in rows.iter().enumerate() {
            let c = i as f64;
            for (v, colour) in [(*low, BLUE), (*high, VERMILLION)] {
                if v.is_finite() {
                    chart.draw_series([Rectangle::new(
                        [(self.base, c - 0.32), (v, c + 0.32)],
                        colour.filled(),
                    )])?;
                }
            }
        }
        chart.draw_series([PathElement::new(
            vec![(self.base, y.lo), (self.base, y.hi)],
            BLACK.stroke_width(3),
        )])?;
        if rows.is_empty() {
            note(&area, "no parameters")?;
        }
        Ok(())
    }
}
