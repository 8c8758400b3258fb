//! Text layout and rasterising for the charts, with the bundled DejaVu Sans through ab_glyph.
//!
//! plotters' own ab_glyph text drawing places each glyph at its advance without its left side
//! bearing, which shows as uneven letter spacing ("CN Y/kg"), and it measures text 7 % wider than
//! its SVG backend renders it. [`Glyphs`] wraps a backend and does both jobs itself:
//! - text size is measured the way the SVG renders it (em = size / 1.24, as plotters' SVG
//!   backend writes `font-size`), for PNG and SVG alike, so both lay out identically;
//! - on the PNG backend, glyphs are drawn with kerning and side bearings, baselines placed as
//!   the SVG's `dy` places them (top 0.76 em, centre 0.5 ex, bottom −0.5 ex).

use ab_glyph::{point, Font, FontRef, PxScale, ScaleFont};
use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontStyle,
};
use std::sync::OnceLock;

pub(crate) const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
/// DejaVu Sans' x-height (1120 of 2048 units per em), for the SVG's `ex`.
const EX_PER_EM: f32 = 1120.0 / 2048.0;

fn face(style: FontStyle) -> Option<&'static FontRef<'static>> {
    static FACES: OnceLock<Option<(FontRef<'static>, FontRef<'static>)>> = OnceLock::new();
    let faces = FACES.get_or_init(|| {
        Some((
            FontRef::try_from_slice(REGULAR_TTF).ok()?,
            FontRef::try_from_slice(BOLD_TTF).ok()?,
        ))
    });
    faces.as_ref().map(|(regular, bold)| match style {
        FontStyle::Bold => bold,
        _ => regular,
    })
}

/// One laid-out line: glyphs at their pen positions (baseline at y = 0) and the total advance.
struct Line {
    glyphs: Vec<ab_glyph::Glyph>,
    width: f32,
    em: f32,
}

fn layout(font: &FontRef<'static>, size: f64, text: &str) -> Line {
    let em = (size / 1.24) as f32;
    let upm = font.units_per_em().unwrap_or(2048.0);
    let scale = PxScale::from(em * font.height_unscaled() / upm);
    let scaled = font.as_scaled(scale);
    let mut caret = 0.0f32;
    let mut prev = None;
    let mut glyphs = Vec::with_capacity(text.len());
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = prev {
            caret += scaled.kern(p, id);
        }
        glyphs.push(id.with_scale_and_position(scale, point(caret, 0.0)));
        caret += scaled.h_advance(id);
        prev = Some(id);
    }
    Line {
        glyphs,
        width: caret,
        em,
    }
}

/// A backend whose text is measured (and, when `raster`, drawn) by [`layout`].
pub(crate) struct Glyphs<B> {
    pub inner: B,
    /// Draw glyphs as pixels (PNG); otherwise pass text on (SVG writes `<text>`).
    pub raster: bool,
}

impl<B: DrawingBackend> DrawingBackend for Glyphs<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.present()
    }
    fn draw_pixel(
        &mut self,
        p: BackendCoord,
        c: BackendColor,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.draw_pixel(p, c)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.draw_line(a, b, s)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.draw_rect(a, b, s, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.draw_path(path, s)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        c: BackendCoord,
        r: u32,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.draw_circle(c, r, s, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.fill_polygon(vert, s)
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.blit_bitmap(pos, size, src)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<B::ErrorType>> {
        match face(style.style()) {
            Some(font) => {
                let l = layout(font, style.size(), text);
                Ok((l.width.ceil() as u32, l.em.round() as u32))
            }
            None => self.inner.estimate_text_size(text, style),
        }
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        let font = match face(style.style()) {
            Some(f) if self.raster => f,
            _ => return self.inner.draw_text(text, style, pos),
        };
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        let l = layout(font, style.size(), text);
        let dx = match style.anchor().h_pos {
            HPos::Left => 0.0,
            HPos::Center => -l.width / 2.0,
            HPos::Right => -l.width,
        };
        let baseline = match style.anchor().v_pos {
            VPos::Top => 0.76 * l.em,
            VPos::Center => 0.5 * EX_PER_EM * l.em,
            VPos::Bottom => -0.5 * EX_PER_EM * l.em,
        };
        let trans = style.transform();
        let (w, h) = self.inner.get_size();
        let mut pixels = Vec::new();
        for g in l.glyphs {
            let mut g = g;
            g.position = point(g.position.x + dx, g.position.y + baseline);
            if let Some(outline) = font.outline_glyph(g) {
                let b = outline.px_bounds();
                outline.draw(|x, y, cover| {
                    if cover > 0.0 {
                        let (px, py) = (b.min.x as i32 + x as i32, b.min.y as i32 + y as i32);
                        pixels.push((trans.transform(px, py), cover));
                    }
                });
            }
        }
        for ((x, y), cover) in pixels {
            let (x, y) = (pos.0 + x, pos.1 + y);
            if x >= 0 && y >= 0 && (x as u32) < w && (y as u32) < h {
                let c = BackendColor {
                    alpha: colour.alpha * f64::from(cover.min(1.0)),
                    rgb: colour.rgb,
                };
                self.inner.draw_pixel((x, y), c)?;
            }
        }
        Ok(())
    }
}
