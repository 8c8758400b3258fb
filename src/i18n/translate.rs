//! The [`Translator`]: the table ([`super::table`]) and the scenario's names applied to a chart
//! string or to a whole report.

use super::names::Names;
use super::table::table;
use super::Lang;
use std::cell::RefCell;
use std::collections::BTreeSet;

/// How far captures are translated in turn (a name inside a list inside a sentence).
const MAX_DEPTH: usize = 6;
/// A pattern with this many characters of its own is a sentence, tried before the text is cut
/// at separators and commas.
const SENTENCE_CHARS: usize = 15;

/// The language and the names of one folder's components, for everything drawn from it.
#[derive(Debug, Clone, Default)]
pub struct Translator {
    lang: Lang,
    names: Names,
}

thread_local! {
    static CURRENT: RefCell<Translator> = RefCell::new(Translator::default());
    /// English text the table did not cover, for the completeness tests.
    static MISSING: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
}

/// Run `f` with `t` as the translator the chart text layer uses (on this thread), then put
/// back the one before. A drawing scope, like the drawing area it encloses.
pub fn scope<R>(t: &Translator, f: impl FnOnce() -> R) -> R {
    let before = CURRENT.with(|c| c.replace(t.clone()));
    let out = f();
    CURRENT.with(|c| *c.borrow_mut() = before);
    out
}

/// Run `f` with text drawn and measured as it is: for text a translator has already put in
/// its language (the lines `charts::wrap` cuts a translated string into), which translating
/// again would take for new English (a cut sentence, a name inside a Chinese line).
pub fn verbatim<R>(f: impl FnOnce() -> R) -> R {
    scope(&Translator::default(), f)
}

/// The translator of the drawing scope this thread is in (English, no names, outside one).
pub fn current<R>(f: impl FnOnce(&Translator) -> R) -> R {
    CURRENT.with(|c| f(&c.borrow()))
}

/// The English strings met since the last call that no table entry covered (tests use it to
/// keep the table complete).
pub fn take_missing() -> BTreeSet<String> {
    MISSING.with(|m| std::mem::take(&mut *m.borrow_mut()))
}

impl Translator {
    pub fn new(lang: Lang, names: Names) -> Self {
        Translator { lang, names }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A chart string (title, axis, legend entry, tick) or a table cell in this language.
    pub fn text(&self, s: &str) -> String {
        if let Some(n) = self.names.get(s) {
            return n.to_string();
        }
        match self.lang {
            Lang::En => s.to_string(),
            Lang::Zh => self.zh(s, 0),
        }
    }

    fn zh(&self, s: &str, depth: usize) -> String {
        if !s.bytes().any(|b| b.is_ascii_alphabetic()) || depth > MAX_DEPTH {
            return s.to_string();
        }
        if let Some(n) = self.names.get(s) {
            return n.to_string();
        }
        if let Some(z) = table().exact.get(s) {
            return (*z).to_string();
        }
        // Energy uses carry their Chinese name in the one table of uses (also capitalised, at
        // the start of a sentence).
        let is_use = |label: &str| label == s || capitalised(label) == s;
        if let Some(u) = crate::results::uses::TABLE.iter().find(|u| is_use(u.label)) {
            return u.label_zh.to_string();
        }
        let core = s.trim();
        if core.len() != s.len() {
            let lead = &s[..s.len() - s.trim_start().len()];
            let trail = &s[s.trim_end().len()..];
            return format!("{lead}{}{trail}", self.zh(core, depth + 1));
        }
        if let Some(inner) = emphasis(s) {
            let mark = &s[..(s.len() - inner.len()) / 2];
            return format!("{mark}{}{mark}", self.zh(inner, depth + 1));
        }
        // Whole sentences first; then parts joined by separators, lists, and short patterns
        // last, so "{0} kt to {1}" never swallows a list of such phrases.
        if let Some(z) = self.pattern(s, depth, SENTENCE_CHARS) {
            return z;
        }
        for (sep, zh_sep) in [(" · ", " · "), ("; ", "；"), (" — ", " — "), (". ", "。")] {
            if s.contains(sep) {
                let parts: Vec<String> = s.split(sep).map(|p| self.zh(p, depth + 1)).collect();
                return parts.join(zh_sep);
            }
        }
        // A list is taken only when every item comes out whole (no new miss); otherwise it
        // leaves no misses behind and the whole is tried on.
        let before = MISSING.with(|m| m.borrow().clone());
        let list = self.list(s, depth);
        let whole = MISSING.with(|m| m.borrow().len() == before.len());
        match list {
            Some(list) if whole => return list,
            _ => MISSING.with(|m| *m.borrow_mut() = before),
        }
        if let Some(z) = self.pattern(s, depth, 0) {
            return z;
        }
        if !is_identifier(s) && !is_code(s) && !is_quantity(s) && !self.names.is_key(s) {
            MISSING.with(|m| m.borrow_mut().insert(s.to_string()));
        }
        s.to_string()
    }

    /// The first pattern with at least `min_literal` characters of its own that matches `s`,
    /// filled with its captures in Chinese.
    /// Sentences (`min_literal` > 0): the most specific pattern that matches, as the table
    /// orders them, unless a capture runs across a "; " (then the parts are translated one by
    /// one). Short patterns: one whose capture is a whole name wins ("{0} (MW)" over "line {0}"
    /// for "line ac (MW)", so the name comes out as its label), then the most specific.
    fn pattern(&self, s: &str, depth: usize, min_literal: usize) -> Option<String> {
        let captures = |p: &super::table::Pattern| {
            (p.english.captures(s))
                .map(|c| {
                    (c.iter().skip(1).flatten())
                        .map(|m| m.as_str())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        };
        let mut matching = (table().patterns.iter())
            .filter(|p| p.literal >= min_literal)
            .filter(|p| p.english.is_match(s));
        let p = if min_literal > 0 {
            matching.find(|p| captures(p).iter().all(|c| !splits(c)))?
        } else {
            let names_in = |p: &super::table::Pattern| {
                (captures(p).iter())
                    .filter(|c| self.names.get(c).is_some())
                    .count()
            };
            let first = matching.next()?;
            std::iter::once(first)
                .chain(matching)
                .enumerate()
                .max_by_key(|(i, p)| (names_in(p), std::cmp::Reverse(*i)))
                .map_or(first, |(_, p)| p)
        };
        let c = p.english.captures(s)?;
        let mut out = p.chinese.to_string();
        for (i, slot) in p.slots.iter().enumerate() {
            let part = c.get(i + 1).map_or("", |m| m.as_str());
            out = out.replace(&format!("{{{slot}}}"), &self.zh(part, depth + 1));
        }
        Some(out)
    }

    /// "a, b and c" → "a、b和c", when it has more than one item, none cut inside
    /// parentheses, and the table translates every item (so a sentence with a comma in it is
    /// not taken for a list).
    fn list(&self, s: &str, depth: usize) -> Option<String> {
        let (init, last) = match s.rsplit_once(" and ") {
            Some((i, l)) => (i, Some(l)),
            None => (s, None),
        };
        let mut items: Vec<&str> = init.split(", ").collect();
        if items.len() < 2 && last.is_none() {
            return None;
        }
        items.extend(last);
        let whole = |i: &&str| i.matches('(').count() == i.matches(')').count();
        if !items.iter().all(whole) {
            return None;
        }
        let zh: Vec<String> = items.iter().map(|i| self.zh(i, depth + 1)).collect();
        let kept = |(i, z): (&&str, &String)| {
            *i == z
                && i.bytes().any(|b| b.is_ascii_alphabetic())
                && !is_identifier(i)
                && !is_code(i)
        };
        if items.iter().zip(&zh).any(kept) {
            return None;
        }
        Some(match zh.split_last() {
            Some((l, rest)) if last.is_some() => format!("{}和{l}", rest.join("、")),
            _ => zh.join("、"),
        })
    }

    /// A whole report.md in this language. Table rows are translated cell by cell, except rows
    /// of data whose first cell is a key in backticks (the assumptions table: sources are
    /// quoted as written); prose is translated sentence by sentence.
    pub fn markdown(&self, md: &str) -> String {
        if self.lang == Lang::En {
            return md.to_string();
        }
        let mut out: Vec<String> = md.lines().map(|l| self.md_line(l)).collect();
        if md.ends_with('\n') {
            out.push(String::new());
        }
        out.join("\n")
    }

    fn md_line(&self, line: &str) -> String {
        if line.trim().is_empty() {
            return line.to_string();
        }
        if line.starts_with('|') {
            return self.md_row(line);
        }
        let hashes = line.len() - line.trim_start_matches('#').len();
        if hashes > 0 && line[hashes..].starts_with(' ') {
            return format!("{} {}", &line[..hashes], self.prose(&line[hashes + 1..]));
        }
        if let Some(item) = line.strip_prefix("- ") {
            return format!("- {}", self.prose(item));
        }
        if let Some((before, text, after)) = link(line) {
            return format!("{before}{}{after}", self.zh(text, 0));
        }
        self.prose(line)
    }

    fn md_row(&self, line: &str) -> String {
        let cells = split_row(line);
        let data = cells.first().is_some_and(|c| is_code(c.trim()));
        if data || cells.iter().all(|c| c.trim().starts_with("--")) {
            return line.to_string();
        }
        let zh: Vec<String> = cells.iter().map(|c| self.zh(c, 0)).collect();
        format!("|{}|", zh.join("|"))
    }

    /// One paragraph: whole if the table has it, else sentence by sentence (". " ends one).
    fn prose(&self, text: &str) -> String {
        let mut out = String::new();
        for sentence in sentences(text) {
            let (body, stop) = match sentence.strip_suffix('.') {
                Some(b) => (b, "。"),
                None => (sentence, ""),
            };
            let zh = self.zh(body, 0);
            let stop = match (zh == body, stop) {
                (true, "。") => ".",
                (_, stop) => stop,
            };
            if zh == body && !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&zh);
            out.push_str(stop);
        }
        out
    }
}

/// Whether `s` has a separator ("; ", " · ", " — ") outside parentheses: parts a sentence
/// pattern must not run across (a subtitle's context after " · " is not the pattern's).
fn splits(s: &str) -> bool {
    let mut depth = 0i32;
    s.char_indices().any(|(i, c)| {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        let rest = &s[i..];
        depth <= 0 && ["; ", " · ", " — "].iter().any(|sep| rest.starts_with(sep))
    })
}

/// The text between matching `*` or `**` around the whole string.
fn emphasis(s: &str) -> Option<&str> {
    for mark in ["**", "*"] {
        if let Some(inner) = s.strip_prefix(mark).and_then(|r| r.strip_suffix(mark)) {
            if !inner.is_empty() && !inner.contains('*') {
                return Some(inner);
            }
        }
    }
    None
}

/// `![text](path)` or `[text](path)` as (`![`, text, `](path)`).
fn link(line: &str) -> Option<(&str, &str, &str)> {
    let open = if line.starts_with("![") { 2 } else { 1 };
    if !line.starts_with('[') && open == 1 {
        return None;
    }
    let close = line.find("](")?;
    line.ends_with(')')
        .then(|| (&line[..open], &line[open..close], &line[close..]))
}

/// A markdown row's cells (between the outer bars; `\|` stays inside its cell).
fn split_row(line: &str) -> Vec<&str> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = Vec::new();
    let mut start = 0;
    let b = inner.as_bytes();
    for i in 0..b.len() {
        if b[i] == b'|' && (i == 0 || b[i - 1] != b'\\') {
            cells.push(&inner[start..i]);
            start = i + 1;
        }
    }
    cells.push(&inner[start..]);
    cells
}

/// Sentences of a paragraph, each with its full stop; ". " inside `(…)` does not end one.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0i32;
    let b = text.as_bytes();
    for i in 0..b.len() {
        match b[i] {
            b'(' => depth += 1,
            b')' => depth -= 1,
            b'.' if depth <= 0 && b.get(i + 1) == Some(&b' ') => {
                out.push(&text[start..=i]);
                start = i + 2;
            }
            _ => {}
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// A name made by a person or program (`aba-2026`, `case_export`, `nw`): kept as written.
fn is_identifier(s: &str) -> bool {
    !s.contains(' ')
        && (s.contains(|c: char| c.is_ascii_digit() || "_-./:".contains(c))
            || s.chars().all(|c| c.is_ascii_lowercase()) && s.len() <= 3)
}

/// A number with its unit (`30 MW`, `0.0019 TWh/yr`, `1,400 CNY/kW`): units stay as written.
fn is_quantity(s: &str) -> bool {
    let Some((number, unit)) = s.split_once(' ') else {
        return false;
    };
    number.chars().any(|c| c.is_ascii_digit())
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || ",.−-+".contains(c))
        && !unit.contains(' ')
}

/// "Export to the grid" from "export to the grid".
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// `code` in backticks.
fn is_code(s: &str) -> bool {
    s.len() >= 2 && s.starts_with('`') && s.ends_with('`') && !s[1..s.len() - 1].contains('`')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_sentences_and_links_are_cut_where_markdown_cuts_them() {
        assert_eq!(split_row("| a | b\\|c |"), vec![" a ", " b\\|c "]);
        assert_eq!(
            sentences("One (e.g. this). Two 3.5 kt. Three"),
            vec!["One (e.g. this).", "Two 3.5 kt.", "Three"]
        );
        assert_eq!(
            link("![A b](charts/x.png)"),
            Some(("![", "A b", "](charts/x.png)"))
        );
        assert_eq!(emphasis("**bold**"), Some("bold"));
        assert_eq!(emphasis("*a* and *b*"), None);
        assert!(splits("a; b") && splits("a · b") && !splits("a (b; c) d"));
    }

    #[test]
    fn english_changes_only_names_and_chinese_fills_patterns() {
        let en = Translator::default();
        assert_eq!(en.text("Capacity built"), "Capacity built");
        let zh = Translator::new(Lang::Zh, Names::default());
        assert_ne!(zh.text("Capacity built"), "Capacity built");
        // A list of words the table has comes out as a Chinese list.
        let list = zh.text("electrolysers and data centres");
        assert!(list.contains('和') && !list.contains("and"), "{list}");
        // Numbers and identifiers pass through.
        assert_eq!(zh.text("12,500"), "12,500");
        assert_eq!(zh.text("aba-2026"), "aba-2026");
    }
}
