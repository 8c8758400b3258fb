//! The network picture: a schematic of the nodes and lines of a run, with what flowed where.
//!
//! Nodes stand where the scenario puts them (`nodes.<n>.position`) or where
//! [`super::layout::layout`] places them; it is a schematic, not a map. A node's disk has an
//! area in proportion to its local demand (TWh), and a vermillion ring around it adds the area
//! of what it spilled, on the same scale; the grid outside (a node of kind `outside`) is a
//! square. Each line is drawn as wide as its capacity, in its own colour (the colour of its
//! curve on the loading-duration chart), with an arrow for the direction of its net annual flow
//! and a numbered badge; the panel on the right gives, per number, the line's capacity, its
//! energy sent in each direction and its loading (mean over the horizon, hours at the limit).
//! Parallel lines between the same two nodes are drawn side by side.

use super::frame::{font, format_number, frame};
use super::layout::layout;
use super::palette::{BLACK, BLUE, LIGHT_GREY, TEXT_GREY, VERMILLION};
use super::wrap::{draw_wrapped, wrap};
use super::{Chart, DrawResult, Labels, WIDTH_PX};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A node of the picture.
#[derive(Debug, Clone)]
pub struct NetNode {
    /// Short name drawn beside the node.
    pub label: String,
    /// `[x, y]` from the scenario (x east, y north), or `None` for the layout to choose.
    pub position: Option<[f64; 2]>,
    /// The grid outside the region (drawn as a square).
    pub outside: bool,
    pub demand_twh: f64,
    pub spill_twh: f64,
    /// The line under the name ("demand 0.80 · spill 0.00 TWh", or the grid's export).
    pub words: String,
}

/// A line of the picture, between nodes by index.
#[derive(Debug, Clone)]
pub struct NetLine {
    pub label: String,
    pub from: usize,
    pub to: usize,
    /// Existing plus built, MW; a line under 0.5 MW is drawn thin and grey as not built.
    pub capacity_mw: f64,
    /// Energy sent `from → to` and `to → from` over the horizon, TWh.
    pub forward_twh: f64,
    pub backward_twh: f64,
    /// Mean loading over the horizon (sent power ÷ capacity), 0–1.
    pub mean_loading: f64,
    /// Hours with loading at or above [`AT_LIMIT`].
    pub hours_at_limit: f64,
    pub colour: RGBColor,
}

/// Loading counted as "at the limit": the interior-point solver stops just inside a bound.
pub const AT_LIMIT: f64 = 0.99;
/// A line with less capacity than this (MW) counts as not built.
pub const BUILT_MW: f64 = 0.5;

/// Nodes and lines, with their words.
#[derive(Debug, Clone)]
pub struct Network<'a> {
    pub labels: Labels<'a>,
    pub nodes: Vec<NetNode>,
    pub lines: Vec<NetLine>,
}

/// Width of the panel that lists the lines.
const PANEL_W_PX: u32 = 560;
/// Room around the drawn nodes for their labels: half a label's width at the sides, two
/// lines of it below.
const MARGIN_X_PX: f64 = 180.0;
const MARGIN_Y_PX: f64 = 100.0;
/// The largest disk (demand plus spill of the largest node), px radius.
const MAX_RADIUS_PX: f64 = 46.0;
const MIN_RADIUS_PX: f64 = 9.0;
const LABEL_PX: f64 = 24.0;
const DETAIL_PX: f64 = 20.0;

impl Network<'_> {
    /// Node positions in pixels of a `w` × `h` area: the layout scaled to fit with the same
    /// scale on both axes, north up.
    pub fn pixels(&self, w: f64, h: f64) -> Vec<(i32, i32)> {
        // One pull per pair of nodes, however many lines join them, so parallel lines do
        // not draw their ends together.
        let mut edges: Vec<(usize, usize)> = self
            .lines
            .iter()
            .map(|l| (l.from.min(l.to), l.from.max(l.to)))
            .collect();
        edges.sort_unstable();
        edges.dedup();
        let fixed: Vec<Option<[f64; 2]>> = self.nodes.iter().map(|n| n.position).collect();
        let p = layout(self.nodes.len(), &edges, &fixed);
        let lo = |k: usize| p.iter().map(|q| q[k]).fold(f64::INFINITY, f64::min);
        let hi = |k: usize| p.iter().map(|q| q[k]).fold(f64::NEG_INFINITY, f64::max);
        let (x0, x1, y0, y1) = (lo(0), hi(0), lo(1), hi(1));
        let (span_x, span_y) = ((x1 - x0).max(1e-9), (y1 - y0).max(1e-9));
        let scale = ((w - 2.0 * MARGIN_X_PX) / span_x).min((h - 2.0 * MARGIN_Y_PX) / span_y);
        // Centre the drawing in the area.
        let (ox, oy) = ((w - span_x * scale) / 2.0, (h - span_y * scale) / 2.0);
        p.iter()
            .map(|q| {
                let x = if x1 > x0 {
                    ox + (q[0] - x0) * scale
                } else {
                    w / 2.0
                };
                let y = if y1 > y0 {
                    oy + (y1 - q[1]) * scale
                } else {
                    h / 2.0
                };
                (x.round() as i32, y.round() as i32)
            })
            .collect()
    }

    /// Pixels per square root of a TWh, so that the largest disk has [`MAX_RADIUS_PX`].
    fn radius_scale(&self) -> f64 {
        let most = self
            .nodes
            .iter()
            .map(|n| n.demand_twh.max(0.0) + n.spill_twh.max(0.0))
            .fold(0.0, f64::max);
        if most > 0.0 {
            MAX_RADIUS_PX / most.sqrt()
        } else {
            0.0
        }
    }

    /// Each line's two ends in pixels, moved sideways when several lines join the same nodes.
    fn segments(&self, at: &[(i32, i32)]) -> Vec<[(i32, i32); 2]> {
        let widest = self.lines.iter().map(line_width).max().unwrap_or(2);
        let spacing = f64::from((widest + 10).max(30));
        let pair = |l: &NetLine| (l.from.min(l.to), l.from.max(l.to));
        self.lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let same: Vec<usize> = (0..self.lines.len())
                    .filter(|j| pair(&self.lines[*j]) == pair(l))
                    .collect();
                let k = same.iter().position(|j| *j == i).unwrap_or(0) as f64;
                let shift = (k - (same.len() as f64 - 1.0) / 2.0) * spacing;
                let (a, b) = (at[pair(l).0], at[pair(l).1]);
                let (dx, dy) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
                let len = (dx * dx + dy * dy).sqrt().max(1e-9);
                let (nx, ny) = (-dy / len * shift, dx / len * shift);
                let end = |p: (i32, i32)| {
                    (
                        (f64::from(p.0) + nx).round() as i32,
                        (f64::from(p.1) + ny).round() as i32,
                    )
                };
                let (s, e) = (end(at[l.from]), end(at[l.to]));
                [s, e]
            })
            .collect()
    }
}

/// A line's stroke width: 3 px up to 21 px at 10 GW, by capacity.
fn line_width(l: &NetLine) -> u32 {
    if l.capacity_mw < BUILT_MW {
        2
    } else {
        (3.0 + 18.0 * (l.capacity_mw / 10_000.0).min(1.0)).round() as u32
    }
}

fn twh(v: f64) -> String {
    format_number(v, 2)
}

/// The panel's words for one line.
fn line_words(l: &NetLine, nodes: &[NetNode]) -> (String, String) {
    let name = |i: usize| nodes.get(i).map_or("?", |n| n.label.as_str());
    let head = format!(
        "{}: {} – {}, {} MW",
        l.label,
        name(l.from),
        name(l.to),
        format_number(l.capacity_mw, 0)
    );
    let detail = if l.capacity_mw < BUILT_MW {
        "not built".to_string()
    } else {
        format!(
            "→ {} TWh, ← {} TWh; mean loading {} %, {} h at limit",
            twh(l.forward_twh),
            twh(l.backward_twh),
            format_number(100.0 * l.mean_loading, 0),
            format_number(l.hours_at_limit, 0)
        )
    };
    (head, detail)
}

impl Chart for Network<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let rest = frame(root, &self.labels, &[])?;
        let (map, panel) = rest.split_horizontally(WIDTH_PX - PANEL_W_PX);
        let (w, h) = map.dim_in_pixel();
        let at = self.pixels(f64::from(w), f64::from(h));
        let segments = self.segments(&at);
        for (l, [a, b]) in self.lines.iter().zip(&segments) {
            let colour = if l.capacity_mw >= BUILT_MW {
                l.colour
            } else {
                LIGHT_GREY
            };
            map.draw(&PathElement::new(
                vec![*a, *b],
                colour.stroke_width(line_width(l)),
            ))?;
        }
        let k = self.radius_scale();
        for (n, p) in self.nodes.iter().zip(&at) {
            draw_node(&map, n, *p, k)?;
        }
        // Arrows and badges last, so no node or label hides them.
        for (i, (l, s)) in self.lines.iter().zip(&segments).enumerate() {
            draw_marks(&map, l, *s, i + 1)?;
        }
        draw_panel(&panel, self)
    }
}

/// A line's net-flow arrow (past its middle, toward where the energy goes) and its numbered
/// badge (at its middle).
fn draw_marks<DB: DrawingBackend>(
    map: &DrawingArea<DB, Shift>,
    l: &NetLine,
    [a, b]: [(i32, i32); 2],
    number: usize,
) -> DrawResult<DB> {
    let built = l.capacity_mw >= BUILT_MW;
    let colour = if built { l.colour } else { LIGHT_GREY };
    let width = line_width(l);
    let along = |t: f64| {
        (
            f64::from(a.0) + t * f64::from(b.0 - a.0),
            f64::from(a.1) + t * f64::from(b.1 - a.1),
        )
    };
    let net = l.forward_twh - l.backward_twh;
    if built && net.abs() >= 0.005 {
        // A triangle a fifth of the way past the middle, pointing where the net flow goes.
        let (sx, sy) = along(0.5 + 0.2 * net.signum());
        let (dx, dy) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
        let len = (dx * dx + dy * dy).sqrt().max(1e-9) * net.signum();
        let (ux, uy) = (dx / len, dy / len);
        let size = f64::from(width) * 0.8 + 12.0;
        let tip = (
            (sx + ux * size).round() as i32,
            (sy + uy * size).round() as i32,
        );
        let side = |s: f64| {
            (
                (sx - ux * size * 0.3 + uy * size * s).round() as i32,
                (sy - uy * size * 0.3 - ux * size * s).round() as i32,
            )
        };
        // White with a black edge: visible on a line of any colour.
        let corners = vec![tip, side(0.7), side(-0.7)];
        map.draw(&Polygon::new(corners.clone(), WHITE.filled()))?;
        let mut edge = corners.clone();
        edge.push(tip);
        map.draw(&PathElement::new(edge, BLACK.stroke_width(2)))?;
    }
    let (bx, by) = along(0.5);
    let badge = (bx.round() as i32, by.round() as i32);
    map.draw(&Circle::new(badge, 15, WHITE.filled()))?;
    map.draw(&Circle::new(badge, 15, colour.stroke_width(3)))?;
    let centred = Pos::new(HPos::Center, VPos::Center);
    map.draw_text(
        &number.to_string(),
        &font(DETAIL_PX).color(&BLACK).pos(centred),
        badge,
    )
}

/// A node: spill ring, demand disk (a square outside the region), name and numbers below.
fn draw_node<DB: DrawingBackend>(
    map: &DrawingArea<DB, Shift>,
    n: &NetNode,
    p: (i32, i32),
    k: f64,
) -> DrawResult<DB> {
    let r_demand = (k * n.demand_twh.max(0.0).sqrt()).max(MIN_RADIUS_PX);
    let r_all = (r_demand.powi(2) + k * k * n.spill_twh.max(0.0)).sqrt();
    let r_out = r_all.round() as i32;
    if r_all - r_demand >= 0.5 {
        map.draw(&Circle::new(p, r_out, VERMILLION.filled()))?;
    }
    let r = r_demand.round() as i32;
    if n.outside {
        // The same area as a disk of radius r.
        let half = (f64::from(r) * 0.886).round() as i32;
        let corners = [(p.0 - half, p.1 - half), (p.0 + half, p.1 + half)];
        map.draw(&Rectangle::new(corners, BLUE.filled()))?;
        map.draw(&Rectangle::new(corners, BLACK.stroke_width(2)))?;
    } else {
        map.draw(&Circle::new(p, r, BLUE.filled()))?;
        map.draw(&Circle::new(p, r, BLACK.stroke_width(2)))?;
    }
    let y = p.1 + r_out.max(r) + 6;
    label(map, &n.label, LABEL_PX, BLACK, (p.0, y))?;
    label(
        map,
        &n.words,
        DETAIL_PX,
        TEXT_GREY,
        (p.0, y + LABEL_PX as i32),
    )
}

/// Text centred under `at` on a white box, so a line passing behind does not garble it.
fn label<DB: DrawingBackend>(
    map: &DrawingArea<DB, Shift>,
    text: &str,
    px: f64,
    colour: RGBColor,
    at: (i32, i32),
) -> DrawResult<DB> {
    let style = font(px)
        .color(&colour)
        .pos(Pos::new(HPos::Center, VPos::Top));
    let (w, h) = map.estimate_text_size(text, &style)?;
    let (half, h) = (w as i32 / 2 + 3, h as i32);
    let corners = [(at.0 - half, at.1 - 1), (at.0 + half, at.1 + h + 1)];
    map.draw(&Rectangle::new(corners, WHITE.mix(0.85).filled()))?;
    map.draw_text(text, &style, at)
}

/// The list of lines by number, then the key to the marks.
fn draw_panel<DB: DrawingBackend>(panel: &DrawingArea<DB, Shift>, net: &Network) -> DrawResult<DB> {
    let (head_style, detail_style) = (font(DETAIL_PX).color(&BLACK), font(DETAIL_PX));
    let line_h = (DETAIL_PX * 1.2) as i32;
    let text_x = 44;
    let max_w = PANEL_W_PX as i32 - text_x - 12;
    let mut y = 10;
    for (i, l) in net.lines.iter().enumerate() {
        let built = l.capacity_mw >= BUILT_MW;
        let colour = if built { l.colour } else { LIGHT_GREY };
        panel.draw(&Circle::new(
            (18, y + line_h / 2),
            13,
            colour.stroke_width(3),
        ))?;
        let centred = Pos::new(HPos::Center, VPos::Center);
        panel.draw_text(
            &(i + 1).to_string(),
            &font(16.0).color(&BLACK).pos(centred),
            (18, y + line_h / 2),
        )?;
        let (head, detail) = line_words(l, &net.nodes);
        for (text, style) in [(head, &head_style), (detail, &detail_style)] {
            for part in wrap(panel, &text, style, max_w) {
                draw_wrapped(panel, &part, style, (text_x, y))?;
                y += line_h;
            }
        }
        y += 8;
    }
    y += 6;
    let key = [
        (
            BLUE,
            "disk: local demand (area ∝ TWh); square: the grid outside",
        ),
        (VERMILLION, "ring: spilled (area ∝ TWh, same scale)"),
        (
            BLACK,
            "arrow: direction of the net annual flow; width ∝ capacity",
        ),
    ];
    for (c, text) in key {
        panel.draw(&Circle::new((18, y + line_h / 2), 8, c.filled()))?;
        for part in wrap(panel, text, &detail_style, max_w) {
            draw_wrapped(panel, &part, &detail_style, (text_x, y))?;
            y += line_h;
        }
        y += 4;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(label: &str, position: Option<[f64; 2]>) -> NetNode {
        NetNode {
            label: label.into(),
            position,
            outside: false,
            demand_twh: 0.5,
            spill_twh: 0.1,
            words: format!("{label} words"),
        }
    }

    fn line(from: usize, to: usize, capacity_mw: f64) -> NetLine {
        NetLine {
            label: format!("l{from}{to}"),
            from,
            to,
            capacity_mw,
            forward_twh: 1.0,
            backward_twh: 0.2,
            mean_loading: 0.3,
            hours_at_limit: 12.0,
            colour: BLUE,
        }
    }

    fn net(nodes: Vec<NetNode>, lines: Vec<NetLine>) -> Network<'static> {
        Network {
            labels: Labels::default(),
            nodes,
            lines,
        }
    }

    #[test]
    fn given_positions_are_drawn_north_up_and_to_scale() {
        let n = net(
            vec![node("w", Some([0.0, 0.0])), node("e", Some([2.0, 1.0]))],
            vec![line(0, 1, 100.0)],
        );
        let p = n.pixels(1000.0, 600.0);
        // East is right, north is up (smaller pixel y), one scale for both axes.
        assert!(p[1].0 > p[0].0 && p[1].1 < p[0].1, "{p:?}");
        let (dx, dy) = (f64::from(p[1].0 - p[0].0), f64::from(p[0].1 - p[1].1));
        assert!((dx / dy - 2.0).abs() < 0.02, "{p:?}");
    }

    #[test]
    fn parallel_lines_are_drawn_apart() {
        let n = net(
            vec![node("a", Some([0.0, 0.0])), node("b", Some([1.0, 0.0]))],
            vec![line(0, 1, 100.0), line(1, 0, 100.0), line(0, 1, 0.0)],
        );
        let at = n.pixels(1000.0, 600.0);
        let s = n.segments(&at);
        let mids: Vec<i32> = s.iter().map(|[a, b]| (a.1 + b.1) / 2).collect();
        assert!(
            mids[0] != mids[1] && mids[1] != mids[2] && mids[0] != mids[2],
            "{s:?}"
        );
    }

    #[test]
    fn every_node_and_line_is_in_the_drawing() {
        let nodes = vec![
            node("Alpha", None),
            node("Beta", None),
            node("Gamma", Some([3.0, 4.0])),
        ];
        let lines = vec![line(0, 1, 500.0), line(1, 2, 0.0), line(2, 0, 900.0)];
        let svg = super::super::render_svg(&net(nodes, lines)).unwrap();
        for label in ["Alpha", "Beta", "Gamma"] {
            assert!(svg.contains(&format!("\n{label}\n")), "{label} missing");
            assert!(
                svg.contains(&format!("{label} words")),
                "{label}'s words missing"
            );
        }
        for l in [
            "l01: Alpha – Beta, 500 MW",
            "l12: Beta – Gamma, 0 MW",
            "l20",
        ] {
            assert!(svg.contains(l), "{l} missing");
        }
        assert!(svg.contains("not built"));
        // One numbered badge per line on the map and one in the panel.
        for k in 1..=3 {
            let badge = format!(">\n{k}\n</text>");
            assert_eq!(svg.matches(&badge).count(), 2, "badge {k}");
        }
    }
}
