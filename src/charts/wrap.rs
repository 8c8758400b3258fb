//! Breaking a legend entry or a category name into lines that fit: between words, and between
//! any two hanzi (Chinese has no spaces).

use plotters::coord::Shift;
use plotters::prelude::*;

/// Break `text` into lines no wider than `max_w` pixels (a single long word stays whole).
/// The text is first put in the drawing's language (`crate::i18n`), so it is cut where the
/// translated text allows: between words, and between any two hanzi. The lines are in that
/// language already: measure and draw them verbatim ([`draw_wrapped`]), never translated again.
pub(super) fn wrap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    max_w: i32,
) -> Vec<String> {
    let text = crate::i18n::current(|t| t.text(text));
    let fits = |s: &str| {
        crate::i18n::verbatim(|| area.estimate_text_size(s, style))
            .map_or(true, |(w, _)| w as i32 <= max_w)
    };
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (word, spaced) in breakable(&text) {
        let candidate = if cur.is_empty() {
            word.to_string()
        } else if spaced {
            format!("{cur} {word}")
        } else {
            format!("{cur}{word}")
        };
        if cur.is_empty() || fits(&candidate) {
            cur = candidate;
        } else {
            lines.push(std::mem::replace(&mut cur, word.to_string()));
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Draw one line that [`wrap`] made, as it is.
pub(super) fn draw_wrapped<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    line: &str,
    style: &TextStyle,
    at: (i32, i32),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    crate::i18n::verbatim(|| area.draw_text(line, style, at))
}

/// The pieces a line may break between, each with whether a space goes before it: words, and
/// inside a word each hanzi on its own (a closing mark or full-width punctuation stays with the
/// character before it). Text without hanzi gives its words, as it always did.
fn breakable(text: &str) -> Vec<(&str, bool)> {
    let cjk =
        |c: char| ('\u{2E80}'..='\u{9FFF}').contains(&c) || ('\u{FF00}'..='\u{FFEF}').contains(&c);
    let closing = |c: char| "，。、；：）》」』！？".contains(c);
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let mut start = 0;
        let mut first = true;
        for (i, c) in word.char_indices().skip(1) {
            let prev = word[..i].chars().next_back().unwrap_or(' ');
            if (cjk(c) || cjk(prev)) && !closing(c) {
                out.push((&word[start..i], first));
                first = false;
                start = i;
            }
        }
        out.push((&word[start..], first));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hanzi_break_anywhere_and_words_only_at_spaces() {
        assert_eq!(breakable("a bc"), vec![("a", true), ("bc", true)]);
        assert_eq!(
            breakable("电解槽，茂县 MW"),
            vec![
                ("电", true),
                ("解", false),
                ("槽，", false),
                ("茂", false),
                ("县", false),
                ("MW", true)
            ]
        );
    }
}
