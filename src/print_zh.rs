//! The printed tables in the language of the run (`--lang zh`, or the scenario's `lang`): each
//! line's label and words put in that language by the folder's translator (`crate::i18n`), its
//! values kept, and its columns kept aligned in a terminal, where a hanzi takes two columns.
//!
//! The tables are made in English (`print`, `compare::table`) and translated here, line by
//! line, as report.md is: so English output is byte for byte what it always was.

use crate::i18n::{Lang, Translator};

/// `table` in the translator's language (unchanged in English).
pub fn translate_table(table: &str, t: &Translator) -> String {
    if t.lang() == Lang::En {
        return table.to_string();
    }
    let mut out = String::with_capacity(table.len() * 2);
    for line in table.lines() {
        out.push_str(&translate_line(line, t));
        out.push('\n');
    }
    out
}

/// One line: indent, then cells parted by gaps of two spaces or more (a label and its value, or
/// the columns of the option table). Each cell is translated on its own and starts in the column
/// it started in, at least two columns after the previous one, so numbers stay aligned.
fn translate_line(line: &str, t: &Translator) -> String {
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    if !body.contains("  ") {
        // A sentence (what changes against the status quo): its full stop in Chinese.
        return match body.strip_suffix('.') {
            Some(s) if t.text(s) != s => format!("{indent}{}。", t.text(s)),
            _ => format!("{indent}{}", t.text(body)),
        };
    }
    let mut out = indent.to_string();
    for (i, (column, cell)) in cells(line).into_iter().enumerate() {
        let cell = t.text(cell);
        let pad = if i == 0 {
            0
        } else {
            column.saturating_sub(width(&out)).max(2)
        };
        out.push_str(&" ".repeat(pad));
        out.push_str(&cell);
    }
    out
}

/// The cells of a line (after its indent) with the terminal column each starts in.
fn cells(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut rest = line;
    let mut column = 0;
    loop {
        let body = rest.trim_start();
        column += width(&rest[..rest.len() - body.len()]);
        if body.is_empty() {
            return out;
        }
        let end = body.find("  ").unwrap_or(body.len());
        out.push((column, &body[..end]));
        column += width(&body[..end]);
        rest = &body[end..];
    }
}

/// Terminal columns of `s`: two for a hanzi or a full-width form, one for anything else.
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let wide = ('\u{2E80}'..='\u{9FFF}').contains(&c)
                || ('\u{FF00}'..='\u{FF60}').contains(&c)
                || ('\u{3000}'..='\u{303F}').contains(&c);
            if wide {
                2
            } else {
                1
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::names::Names;

    #[test]
    fn labels_are_translated_and_values_stay_in_their_column() {
        let zh = Translator::new(Lang::Zh, Names::default());
        let line = "  export to the grid                     35.033";
        let out = translate_line(line, &zh);
        assert!(out.starts_with("  外送"), "{out}");
        assert_eq!(width(&out), width(line), "{out}");
        assert!(out.ends_with("35.033"));
        assert_eq!(width("外送 MW"), 7);
        let en = Translator::default();
        assert_eq!(translate_table("a  1\n", &en), "a  1\n");
        // Each cell of the option table in its own column: the numbers stay where they were.
        let row = "  industry.silicon               5600.0       19.5     8.0      9.8  site limit";
        let out = translate_line(row, &zh);
        assert!(out.ends_with("场址上限"), "{out}");
        let at = |s: &str, n: &str| width(&s[..s.find(n).unwrap()]);
        assert_eq!(at(&out, "5600.0"), at(row, "5600.0"), "{out}");
        assert_eq!(at(&out, "9.8"), at(row, "9.8"), "{out}");
    }
}
