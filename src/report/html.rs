//! `report.html`: `report.md` rendered for a browser and for print, made from the very text of
//! `report.md` (so the two never disagree) with every chart inlined as SVG, so the one file can
//! be mailed, opened offline and printed to PDF.
//!
//! The Markdown (CommonMark with tables) is rendered by `pulldown-cmark`. A paragraph that is
//! only a chart image (`![heading](charts/<stem>.png)`) becomes a `<figure>` holding the text of
//! `charts/<stem>.svg`, which the drawing has just written beside the PNG; a paragraph that is
//! only the link to that SVG ("SVG for print") is dropped, since the figure is the SVG. Nothing
//! in the page refers to another file, a script, a font or a URL: the stylesheet is embedded
//! (`report.css`), the SVGs name the font-family list the charts set (bundled DejaVu Sans, then
//! the reader's sans-serif), so whatever fallbacks the charts add flow through unchanged.
//!
//! `<html lang>` is `zh` when the report's title line holds a CJK ideograph, else `en`: the
//! report's language is read from its own text, as the page is made from nothing else.

use crate::error::{Error, Result};
use crate::output::files::CHARTS_DIR;
use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};
use std::path::Path;

/// The embedded stylesheet: readable tables and figures on screen, and print rules that keep
/// figures, table rows and headings with what follows them off page breaks.
const STYLE: &str = include_str!("report.css");

/// The HTML page of `markdown`, with the charts of `charts_dir` inlined.
pub fn render(markdown: &str, charts_dir: &Path) -> Result<String> {
    let events: Vec<Event> = Parser::new_ext(markdown, Options::ENABLE_TABLES).collect();
    let mut body_events: Vec<Event> = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Paragraph) = &events[i] {
            let end = paragraph_end(&events, i);
            let inner = &events[i + 1..end];
            match chart_of(inner) {
                Some(Block::Figure { stem, alt }) => {
                    body_events.push(Event::Html(figure(&stem, &alt, charts_dir)?.into()));
                }
                Some(Block::SvgLink) => {}
                None => body_events.extend(events[i..=end].iter().cloned()),
            }
            i = end + 1;
        } else {
            body_events.push(events[i].clone());
            i += 1;
        }
    }
    let mut body = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut body, body_events.into_iter());
    Ok(page(&title(markdown), language(markdown), &body))
}

/// What a paragraph of the report is, when it is about a chart.
enum Block {
    /// `![alt](charts/<stem>.png)` alone.
    Figure { stem: String, alt: String },
    /// `[…](charts/<stem>.svg)` alone.
    SvgLink,
}

/// The index of the `End(Paragraph)` that closes the paragraph opened at `start`.
fn paragraph_end(events: &[Event], start: usize) -> usize {
    events[start..]
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))
        .map_or(events.len() - 1, |k| start + k)
}

/// Whether a paragraph's events are one chart image or one link to a chart's SVG.
fn chart_of(inner: &[Event]) -> Option<Block> {
    let (first, last) = (inner.first()?, inner.last()?);
    let text = || {
        inner[1..inner.len() - 1]
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.to_string()),
                _ => None,
            })
            .collect::<String>()
    };
    let in_charts = |url: &str, ext: &str| {
        url.strip_prefix(CHARTS_DIR)
            .and_then(|u| u.strip_prefix('/'))
            .and_then(|u| u.strip_suffix(ext))
            .filter(|stem| !stem.is_empty() && !stem.contains(['/', '\\']))
            .map(str::to_string)
    };
    match (first, last) {
        (Event::Start(Tag::Image { dest_url, .. }), Event::End(TagEnd::Image)) => {
            let stem = in_charts(dest_url, ".png")?;
            Some(Block::Figure { stem, alt: text() })
        }
        (Event::Start(Tag::Link { dest_url, .. }), Event::End(TagEnd::Link)) => {
            in_charts(dest_url, ".svg").map(|_| Block::SvgLink)
        }
        _ => None,
    }
}

/// A chart as a figure: its SVG inline, named for screen readers by the image's alt text.
fn figure(stem: &str, alt: &str, charts_dir: &Path) -> Result<String> {
    let path = charts_dir.join(format!("{stem}.svg"));
    let svg = std::fs::read_to_string(&path).map_err(|e| Error::output(&path, e))?;
    let Some(rest) = svg.trim().strip_prefix("<svg ") else {
        return Err(Error::output(&path, "not an SVG written by spillway"));
    };
    Ok(format!(
        "<figure class=\"chart\" id=\"chart-{}\">\n<svg role=\"img\" aria-label=\"{}\" {rest}\n</figure>\n",
        attribute(stem),
        attribute(alt)
    ))
}

/// Text made safe inside a double-quoted attribute (and as element text).
fn attribute(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// The first heading's text, for the page's `<title>`.
fn title(markdown: &str) -> String {
    markdown
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .unwrap_or("spillway report")
        .replace('`', "")
        .trim()
        .to_string()
}

/// `zh` when the title line holds a CJK ideograph (a report written with `--lang zh`), else
/// `en`.
fn language(markdown: &str) -> &'static str {
    let cjk = |c: char| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}');
    if title(markdown).chars().any(cjk) {
        "zh"
    } else {
        "en"
    }
}

/// The whole page around the rendered body.
fn page(title: &str, lang: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n\
         </body>\n</html>\n",
        attribute(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn charts_with(stem: &str) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(
            d.path().join(format!("{stem}.svg")),
            "<svg width=\"10\" height=\"10\" viewBox=\"0 0 10 10\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n</svg>\n",
        )
        .unwrap();
        d
    }

    #[test]
    fn a_chart_paragraph_becomes_its_inline_svg_and_its_svg_link_goes() {
        let d = charts_with("x");
        let md = "# T & co\n\n### X\n\nRead it.\n\n![X \"&\" co](charts/x.png)\n\n[SVG for print](charts/x.svg)\n";
        let h = render(md, d.path()).unwrap();
        assert!(h.contains("<figure class=\"chart\" id=\"chart-x\">\n<svg role=\"img\" aria-label=\"X &quot;&amp;&quot; co\" width=\"10\""));
        assert!(!h.contains("charts/x"), "{h}");
        assert!(h.contains("<title>T &amp; co</title>"));
        assert!(h.contains("<p>Read it.</p>"));
        assert!(h.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    }

    #[test]
    fn a_missing_chart_is_an_error_naming_its_file() {
        let d = tempfile::tempdir().unwrap();
        let e = render("![a](charts/gone.png)\n", d.path()).unwrap_err();
        assert!(e.to_string().contains("gone.svg"), "{e}");
    }

    #[test]
    fn other_images_and_links_are_left_to_markdown() {
        let d = tempfile::tempdir().unwrap();
        let h = render(
            "See [docs](docs/model.md) and ![p](elsewhere/p.png).\n",
            d.path(),
        )
        .unwrap();
        assert!(h.contains("href=\"docs/model.md\""));
        assert!(h.contains("<img src=\"elsewhere/p.png\""));
    }

    #[test]
    fn the_language_is_read_from_the_title() {
        assert_eq!(language("# aba-2026：弃水去向\n"), "zh");
        assert_eq!(
            language("# aba-2026: where the surplus goes\n\n理县\n"),
            "en"
        );
    }
}
