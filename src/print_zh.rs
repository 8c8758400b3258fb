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

/// One line: indent, label, the gap to its value (two spaces or more), and the value. The label
/// and a value in words are translated; the gap is widened or narrowed so the value starts in
/// the column it started in, at least two columns after the label.
fn translate_line(line: &str, t: &Translator) -> String {
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    let Some(gap_at) = body.find("  ") else {
        // A sentence (what changes against the status quo): its full stop in Chinese.
        return match body.strip_suffix('.') {
            Some(s) if t.text(s) != s => format!("{indent}{}。", t.text(s)),
            _ => format!("{indent}{}", t.text(body)),
        };
    };
    let label = &body[..gap_at];
    let rest = &body[gap_at..];
    let value = rest.trim_start();
    let column = width(indent) + width(label) + (rest.len() - value.len());
    let label = t.text(label);
    let value = t.text(value);
    let pad = column.saturating_sub(width(indent) + width(&label)).max(2);
    format!("{indent}{label}{}{value}", " ".repeat(pad))
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
    }
}
