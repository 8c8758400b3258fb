//! Charts for planners' slides (PNG) and print (SVG), drawn with `plotters`.
//!
//! Every chart is a plain-data struct implementing [`Chart`] ([`LineChart`], [`BarGroups`],
//! [`Network`], …);
//! [`write()`] draws one into `<stem>.png` and `<stem>.svg`.
//! Nothing here knows about runs or files of results: `crate::report` reads a run folder and
//! calls these, and `compare`/`sweep` can call them with their own numbers.
//!
//! Text is laid out with the bundled DejaVu Sans and, for Chinese, a subset of Noto Sans CJK SC
//! (`assets/fonts/`, read with ab_glyph), so charts render the same on a machine without system
//! fonts or font libraries. The SVG names the family "DejaVu Sans, sans-serif" (with the CJK
//! names added to text that needs them) so a viewer without them falls back to a sans face.
//! Charts pass English; the text layer puts every string in the language of the drawing scope
//! (`crate::i18n`), so a chart needs no code for Chinese.
//! Rendering is deterministic: the same data give byte-identical PNG and SVG files.

mod area;
mod bars;
mod frame;
mod heatmap;
mod layout;
mod lines;
mod network;
pub mod palette;
mod panels;
mod regret;
mod shares;
mod spread;
mod text;
mod wrap;
mod year_outcomes;

pub use text::missing_glyph;

pub use area::StackedArea;
pub use bars::{BarGroups, StackedBars, Tornado};
pub use frame::format_number;
pub use heatmap::Heatmap;
pub use lines::{Curve, LineChart};
pub use network::{NetLine, NetNode, Network, AT_LIMIT, BUILT_MW};
pub use panels::{Panel, Panels};
pub use regret::RegretTable;
pub use shares::Shares;
pub use spread::Spread;
pub use year_outcomes::YearOutcomes;

use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_backend::DrawingErrorKind;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Slide size (16:9). The SVG has the same geometry, so both files show the same chart.
pub const WIDTH_PX: u32 = 1600;
pub const HEIGHT_PX: u32 = 900;

/// The font family every text element uses (registered under this exact name).
pub(crate) const FAMILY: &str = "DejaVu Sans, sans-serif";

/// The words around a chart. Axis titles carry their units, e.g. "spilled power (MW)".
#[derive(Debug, Clone, Copy, Default)]
pub struct Labels<'a> {
    pub title: &'a str,
    /// One line under the title: the scenario, the data's resolution, how to read it.
    pub subtitle: &'a str,
    pub x_axis: &'a str,
    pub y_axis: &'a str,
}

/// What a chart's drawing returns; plotters' error carries the backend's own error type.
pub type DrawResult<DB> =
    std::result::Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// A chart that can draw itself on any plotters backend (PNG buffer or SVG string).
pub trait Chart {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB>;
}

/// Register the bundled fonts once per process.
fn fonts() -> std::result::Result<(), String> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FAMILY, FontStyle::Normal, text::REGULAR_TTF).is_ok()
            && plotters::style::register_font(FAMILY, FontStyle::Bold, text::BOLD_TTF).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err("the bundled font assets/fonts/DejaVuSans*.ttf could not be read".into())
    }
}

/// A drawing error in words: a font error (a character no bundled font has) says so without
/// plotters' "Font loading error" in front.
fn message<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> String {
    match e {
        DrawingAreaErrorKind::BackendError(DrawingErrorKind::FontError(f)) => f.to_string(),
        other => other.to_string(),
    }
}

/// The chart as SVG text.
pub fn render_svg(chart: &impl Chart) -> std::result::Result<String, String> {
    fonts()?;
    let mut svg = String::new();
    {
        let root = text::Glyphs {
            inner: SVGBackend::with_string(&mut svg, (WIDTH_PX, HEIGHT_PX)),
            raster: false,
        }
        .into_drawing_area();
        chart.draw(&root).map_err(message)?;
        root.present().map_err(message)?;
    }
    Ok(svg)
}

/// The chart as PNG bytes (8-bit RGB).
pub fn render_png(chart: &impl Chart) -> std::result::Result<Vec<u8>, String> {
    fonts()?;
    let mut rgb = vec![0u8; (WIDTH_PX * HEIGHT_PX * 3) as usize];
    {
        let root = text::Glyphs {
            inner: BitMapBackend::with_buffer(&mut rgb, (WIDTH_PX, HEIGHT_PX)),
            raster: true,
        }
        .into_drawing_area();
        chart.draw(&root).map_err(message)?;
        root.present().map_err(message)?;
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, WIDTH_PX, HEIGHT_PX);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().map_err(|e| e.to_string())?;
        w.write_image_data(&rgb).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// Write `<stem>.png` and `<stem>.svg`, each atomically. Returns the two paths.
pub fn write(stem: &Path, chart: &impl Chart) -> Result<[PathBuf; 2]> {
    let png_path = stem.with_extension("png");
    let svg_path = stem.with_extension("svg");
    let png = render_png(chart).map_err(|e| Error::output(&png_path, e))?;
    let svg = render_svg(chart).map_err(|e| Error::output(&svg_path, e))?;
    write_file_atomically(&png_path, &png).map_err(|e| Error::output(&png_path, e))?;
    write_file_atomically(&svg_path, svg.as_bytes()).map_err(|e| Error::output(&svg_path, e))?;
    Ok([png_path, svg_path])
}

/// Write a file through a hidden temporary file beside it and a rename, so a reader never sees
/// half a file and an interrupted redraw leaves the previous version in place.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other("not a file name"))?
        .to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    if let Err(e) = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(())
}
