//! The one table of colours and legend names. Every chart takes the colour of a use from here,
//! so hydrogen is the same green on the monthly bars, the dispatch week and a sweep's lines.
//!
//! The colours are the Okabe–Ito palette (safe for the common forms of colour blindness), with
//! greys for the neutral uses and Paul Tol's "muted" scheme for anything the table does not name.

use plotters::style::RGBColor;

/// Okabe–Ito, in its usual order: black, orange, sky blue, bluish green, yellow, blue,
/// vermillion, reddish purple.
pub const BLACK: RGBColor = RGBColor(0x00, 0x00, 0x00);
pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
pub const SKY_BLUE: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
pub const GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
pub const YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
pub const PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
pub const GREY: RGBColor = RGBColor(0x8C, 0x8C, 0x8C);
pub const LIGHT_GREY: RGBColor = RGBColor(0xD9, 0xD9, 0xD9);
/// Text other than titles, grid lines and the flood-season band.
pub const TEXT_GREY: RGBColor = RGBColor(0x44, 0x44, 0x44);
pub const GRID_GREY: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
pub const FLOOD_BAND: RGBColor = RGBColor(0xE8, 0xF2, 0xFA);

/// Paul Tol's "muted" scheme: for technologies and for names not in the table.
const MUTED: [RGBColor; 9] = [
    RGBColor(0x33, 0x22, 0x88),
    RGBColor(0x88, 0xCC, 0xEE),
    RGBColor(0x44, 0xAA, 0x99),
    RGBColor(0x11, 0x77, 0x33),
    RGBColor(0x99, 0x99, 0x33),
    RGBColor(0xDD, 0xCC, 0x77),
    RGBColor(0xCC, 0x66, 0x77),
    RGBColor(0x88, 0x22, 0x55),
    RGBColor(0xAA, 0x44, 0x99),
];

/// (key, legend name, colour) of what is not an energy use: options of `capacities.csv` and
/// the industry products drawn in their own colours. Energy uses take theirs from the one
/// table of uses, `results::uses::TABLE`.
const OPTIONS: &[(&str, &str, RGBColor)] = &[
    ("industry.silicon", "industry: silicon", ORANGE),
    ("industry.aluminium", "industry: aluminium", YELLOW),
    ("electrolyser", "electrolysers", GREEN),
    ("hydrogen_storage", "hydrogen storage", MUTED[3]),
    ("transmission", "transmission", BLUE),
];

/// A use of the table of uses, by key. The aggregate `industry` is drawn product by product;
/// where it is drawn whole it keeps a case colour, as it always had.
fn energy_use(key: &str) -> Option<&'static crate::results::uses::EnergyUse> {
    crate::results::uses::find(key).filter(|u| u.key != "industry")
}

/// Cases (scenarios, sweep points, nodes): distinct Okabe–Ito colours in a fixed order, yellow
/// last because thin yellow lines are hard to see on white.
const CASES: [RGBColor; 8] = [
    BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY_BLUE, BLACK, YELLOW,
];

/// The fixed colour of a use, if the table names it. `line.*` is transmission; an industry not
/// in the table gets a muted colour chosen by its name, so it too is the same in every chart.
pub fn of_use(key: &str) -> Option<RGBColor> {
    if let Some(u) = energy_use(key) {
        let (r, g, b) = u.colour;
        return Some(RGBColor(r, g, b));
    }
    if let Some((_, _, c)) = OPTIONS.iter().find(|(k, _, _)| *k == key) {
        return Some(*c);
    }
    if key.starts_with("line.") {
        return Some(BLUE);
    }
    if key.starts_with("industry.") || key.starts_with("generator.") {
        return Some(MUTED[stable_hash(key) % MUTED.len()]);
    }
    None
}

/// The legend name of a use (the key itself when the table does not name it).
pub fn use_label(key: &str) -> String {
    if let Some(u) = energy_use(key) {
        return u.label.to_string();
    }
    match OPTIONS.iter().find(|(k, _, _)| *k == key) {
        Some((_, label, _)) => (*label).to_string(),
        None => {
            for (prefix, word) in [
                ("industry.", "industry: "),
                ("line.", "line "),
                // A generator key names a committed or a candidate plant: "new" would be wrong
                // for the committed ones, listed apart from what is built.
                ("generator.", "generator "),
            ] {
                if let Some(rest) = key.strip_prefix(prefix) {
                    return format!("{word}{rest}");
                }
            }
            key.to_string()
        }
    }
}

/// The colour of the `i`-th case.
pub fn case(i: usize) -> RGBColor {
    CASES[i % CASES.len()]
}

/// The `i`-th line of a network picture (and its loading curve): the case colours without
/// vermillion (spill on the same picture), black (its arrows) and yellow (faint as a thin
/// line), then dark colours of the muted scheme.
pub fn line(i: usize) -> RGBColor {
    const LINES: [RGBColor; 9] = [
        BLUE, GREEN, PURPLE, ORANGE, SKY_BLUE, MUTED[0], MUTED[4], MUTED[7], MUTED[2],
    ];
    LINES[i % LINES.len()]
}

/// A series' colour: its use's if the table names it, else the `i`-th case colour.
pub fn series(name: &str, i: usize) -> RGBColor {
    of_use(name).unwrap_or_else(|| case(i))
}

/// FNV-1a: stable across runs and platforms (std's hasher is seeded per process).
fn stable_hash(s: &str) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h as usize
}

/// Perceived lightness (0–1), to choose black or white text on a filled cell.
pub fn lightness(c: RGBColor) -> f64 {
    (0.299 * f64::from(c.0) + 0.587 * f64::from(c.1) + 0.114 * f64::from(c.2)) / 255.0
}

/// Viridis (colour-blind safe, ordered in lightness) at `t` in [0, 1], for heat maps.
pub fn viridis(t: f64) -> RGBColor {
    const STOPS: [(u8, u8, u8); 9] = [
        (0x44, 0x01, 0x54),
        (0x47, 0x2D, 0x7B),
        (0x3B, 0x52, 0x8B),
        (0x2C, 0x72, 0x8E),
        (0x21, 0x91, 0x8C),
        (0x28, 0xAE, 0x80),
        (0x5E, 0xC9, 0x62),
        (0xAD, 0xDC, 0x30),
        (0xFD, 0xE7, 0x25),
    ];
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let x = t * (STOPS.len() - 1) as f64;
    let i = (x.floor() as usize).min(STOPS.len() - 2);
    let f = x - i as f64;
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * f).round() as u8;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uses_keep_their_colour_and_unknown_names_fall_back_to_cases() {
        assert_eq!(series("hydrogen", 5), GREEN);
        assert_eq!(series("electrolyser", 0), GREEN);
        assert_eq!(series("line.aba_chengdu_1000kv", 3), BLUE);
        assert_eq!(series("aba-2025", 1), VERMILLION);
        assert_eq!(of_use("industry.copper"), of_use("industry.copper"));
        assert_eq!(use_label("industry.copper"), "industry: copper");
        assert_eq!(viridis(0.0), RGBColor(0x44, 0x01, 0x54));
        assert_eq!(viridis(1.0), RGBColor(0xFD, 0xE7, 0x25));
    }
}
