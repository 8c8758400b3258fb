//! Text layout and rasterising for the charts, with the bundled fonts through ab_glyph.
//!
//! plotters' own ab_glyph text drawing places each glyph at its advance without its left side
//! bearing, which shows as uneven letter spacing ("CN Y/kg"), and it measures text 7 % wider than
//! its SVG backend renders it. [`Glyphs`] wraps a backend and does both jobs itself:
//! - text size is measured the way the SVG renders it (em = size / 1.24, as plotters' SVG
//!   backend writes `font-size`), for PNG and SVG alike, so both lay out identically;
//! - on the PNG backend, glyphs are drawn with kerning and side bearings, baselines placed as
//!   the SVG's `dy` places them (top 0.76 em, centre 0.5 ex, bottom −0.5 ex).
//!
//! Fonts form a fallback chain: DejaVu Sans for what it has (Latin, Greek, Cyrillic, symbols),
//! then the bundled subset of Noto Sans CJK SC (`assets/fonts/subset-cjk.sh`) for Chinese. A
//! character neither has is an error naming the text and the character, before anything of
//! that text is drawn: never an empty box. Every string is first put in the language of the
//! drawing scope (`crate::i18n::current`), so charts keep passing English.

use ab_glyph::{point, Font, FontRef, GlyphId, PxScale, ScaleFont};
use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontFamily,
    FontStyle,
};
use std::sync::OnceLock;

pub(crate) const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
const CJK_REGULAR_OTF: &[u8] =
    include_bytes!("../../assets/fonts/NotoSansCJKsc-Regular-subset.otf");
const CJK_BOLD_OTF: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKsc-Bold-subset.otf");
/// The SVG's font list for text that needs the CJK font (text DejaVu covers keeps `FAMILY`).
const CJK_FAMILY: &str =
    "DejaVu Sans, Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, sans-serif";
/// The fonts named in a missing-glyph error.
const FONT_NAMES: &str = "DejaVu Sans, Noto Sans CJK SC (subset: assets/fonts/subset-cjk.sh)";
/// DejaVu Sans' x-height (1120 of 2048 units per em), for the SVG's `ex`.
const EX_PER_EM: f32 = 1120.0 / 2048.0;

/// The chain of one style: DejaVu first, the CJK subset second.
type Chain = [FontRef<'static>; 2];

fn chain(style: FontStyle) -> Option<&'static Chain> {
    static CHAINS: OnceLock<Option<(Chain, Chain)>> = OnceLock::new();
    let chains = CHAINS.get_or_init(|| {
        let f = |bytes| FontRef::try_from_slice(bytes).ok();
        Some((
            [f(REGULAR_TTF)?, f(CJK_REGULAR_OTF)?],
            [f(BOLD_TTF)?, f(CJK_BOLD_OTF)?],
        ))
    });
    chains.as_ref().map(|(regular, bold)| match style {
        FontStyle::Bold => bold,
        _ => regular,
    })
}

/// Whether every character of `text` has a glyph in the regular chain (what the report and
/// tests ask of a string before a chart draws it); the first one missing otherwise.
pub fn missing_glyph(text: &str) -> Option<char> {
    let fonts = chain(FontStyle::Normal)?;
    text.chars().find(|c| pick(fonts, *c).is_none())
}

/// The first font of the chain that has `c`, with its glyph. Control characters have none and
/// need none.
fn pick(fonts: &Chain, c: char) -> Option<(usize, GlyphId)> {
    fonts
        .iter()
        .enumerate()
        .map(|(i, f)| (i, f.glyph_id(c)))
        .find(|(_, id)| id.0 != 0)
        .or_else(|| c.is_control().then_some((0, GlyphId(0))))
}

/// One laid-out line: glyphs at their pen positions (baseline at y = 0), the font of each,
/// and the total advance.
struct Line {
    glyphs: Vec<(usize, ab_glyph::Glyph)>,
    width: f32,
    em: f32,
    /// Whether some glyph comes from the CJK font.
    cjk: bool,
}

/// A character no bundled font has, in the words of the error a chart ends with.
#[derive(Debug)]
struct MissingGlyph(String);

impl std::fmt::Display for MissingGlyph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for MissingGlyph {}

fn layout(fonts: &Chain, size: f64, text: &str) -> Result<Line, MissingGlyph> {
    let em = (size / 1.24) as f32;
    let scale_of = |font: &FontRef<'static>| {
        let upm = font.units_per_em().unwrap_or(2048.0);
        PxScale::from(em * font.height_unscaled() / upm)
    };
    let mut caret = 0.0f32;
    let mut prev: Option<(usize, GlyphId)> = None;
    let mut glyphs = Vec::with_capacity(text.len());
    for c in text.chars() {
        let (i, id) = pick(fonts, c).ok_or_else(|| {
            MissingGlyph(format!(
                "the chart text \"{text}\" has the character '{c}' (U+{:04X}), which no bundled \
                 font has ({FONT_NAMES}); write it another way, or add it to the subset",
                u32::from(c)
            ))
        })?;
        let scale = scale_of(&fonts[i]);
        let scaled = fonts[i].as_scaled(scale);
        // Kerning pairs live inside one font.
        if let Some((_, p)) = prev.filter(|(pi, _)| *pi == i) {
            caret += scaled.kern(p, id);
        }
        glyphs.push((i, id.with_scale_and_position(scale, point(caret, 0.0))));
        caret += scaled.h_advance(id);
        prev = Some((i, id));
    }
    Ok(Line {
        cjk: glyphs.iter().any(|(i, _)| *i > 0),
        glyphs,
        width: caret,
        em,
    })
}

/// A text style whose SVG font list also names the CJK font.
struct WithCjk<'a, S>(&'a S);

impl<S: BackendTextStyle> BackendTextStyle for WithCjk<'_, S> {
    type FontError = S::FontError;
    fn color(&self) -> BackendColor {
        self.0.color()
    }
    fn size(&self) -> f64 {
        self.0.size()
    }
    fn transform(&self) -> plotters_backend::FontTransform {
        self.0.transform()
    }
    fn style(&self) -> FontStyle {
        self.0.style()
    }
    fn anchor(&self) -> plotters_backend::text_anchor::Pos {
        self.0.anchor()
    }
    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(CJK_FAMILY)
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        self.0.layout_box(text)
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        text: &str,
        pos: BackendCoord,
        draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        self.0.draw(text, pos, draw)
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
        let text = crate::i18n::current(|t| t.text(text));
        match chain(style.style()) {
            Some(fonts) => {
                let l = layout(fonts, style.size(), &text)
                    .map_err(|e| DrawingErrorKind::FontError(Box::new(e)))?;
                Ok((l.width.ceil() as u32, l.em.round() as u32))
            }
            None => self.inner.estimate_text_size(&text, style),
        }
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        let text = crate::i18n::current(|t| t.text(text));
        let Some(fonts) = chain(style.style()) else {
            return self.inner.draw_text(&text, style, pos);
        };
        // Checked before anything is drawn, on the SVG as on the PNG.
        let l = layout(fonts, style.size(), &text)
            .map_err(|e| DrawingErrorKind::FontError(Box::new(e)))?;
        if !self.raster {
            return if l.cjk {
                self.inner.draw_text(&text, &WithCjk(style), pos)
            } else {
                self.inner.draw_text(&text, style, pos)
            };
        }
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
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
        for (i, mut g) in l.glyphs {
            g.position = point(g.position.x + dx, g.position.y + baseline);
            if let Some(outline) = fonts[i].outline_glyph(g) {
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
