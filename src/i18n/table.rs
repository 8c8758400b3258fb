//! The English → Chinese table compiled once: exact strings in a map, patterns as anchored
//! regular expressions whose `{0}`, `{1}` … capture any text.

use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One pattern: the compiled English side and the Chinese template it fills.
pub(super) struct Pattern {
    pub english: Regex,
    /// Which placeholder each capture group is (`{1} of {0}` captures 1 then 0).
    pub slots: Vec<usize>,
    pub chinese: &'static str,
    /// Characters outside the placeholders: a long pattern is a whole sentence.
    pub literal: usize,
}

pub(super) struct Table {
    pub exact: HashMap<&'static str, &'static str>,
    pub patterns: Vec<Pattern>,
}

/// The word lists, compiled on first use.
pub(super) fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let all = || {
            super::chart_words::WORDS
                .iter()
                .chain(super::report_words::WORDS)
                .chain(super::study_words::WORDS)
        };
        let exact = all()
            .filter(|(en, _)| !is_pattern(en))
            .map(|(en, zh)| (*en, *zh))
            .collect();
        // The most specific pattern first: most literal text, so "{0} to {1}" never takes a
        // sentence that a longer pattern with " to " in it was written for.
        let mut patterns: Vec<((usize, usize), Pattern)> = all()
            .filter(|(en, _)| is_pattern(en))
            .map(|(en, zh)| (literal_len(en), compile(en, zh)))
            .map(|(len, mut p)| {
                p.literal = len.0;
                (len, p)
            })
            .collect();
        patterns.sort_by_key(|p| std::cmp::Reverse(p.0));
        let patterns = patterns.into_iter().map(|(_, p)| p).collect();
        Table { exact, patterns }
    })
}

/// Whether an entry has placeholders: `{0}`, or `{0:n}` (a number only).
fn is_pattern(english: &str) -> bool {
    english.contains("{0}") || english.contains("{0:n}")
}

/// How specific a pattern is: characters outside its placeholders, then how many of its
/// placeholders take numbers only.
fn literal_len(english: &str) -> (usize, usize) {
    let re = Regex::new(r"\{[0-9](:n)?\}").expect("a fixed pattern compiles");
    let slots: usize = re
        .find_iter(english)
        .map(|m| m.as_str().chars().count())
        .sum();
    let numbers = english.matches(":n}").count();
    (english.chars().count() - slots, numbers)
}

/// `Capacity of {0}` → `^Capacity of (.+?)$`, slots [0].
fn compile(english: &str, chinese: &'static str) -> Pattern {
    let mut re = String::from("^");
    let mut slots = Vec::new();
    let mut rest = english;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map(|c| open + c);
        let inside = close.map(|c| &rest[open + 1..c]);
        let (slot, number) = match inside.map(|i| i.split_once(':').unwrap_or((i, ""))) {
            Some((n, kind)) => (n.parse::<usize>().ok(), kind == "n"),
            None => (None, false),
        };
        match (close, slot) {
            (Some(c), Some(n)) => {
                re.push_str(&regex::escape(&rest[..open]));
                // `{0:n}`: a number or a date (`3,150`, `−0.5`, `2025-06-30`) only.
                re.push_str(if number {
                    "([−+\\-]?[0-9](?:[0-9,.:\\-]*[0-9])?)"
                } else {
                    "(.+?)"
                });
                slots.push(n);
                rest = &rest[c + 1..];
            }
            _ => {
                re.push_str(&regex::escape(&rest[..=open]));
                rest = &rest[open + 1..];
            }
        }
    }
    re.push_str(&regex::escape(rest));
    re.push('$');
    Pattern {
        // The pattern is built from escaped literals and `(.+?)` only, so it always compiles.
        english: Regex::new(&re).expect("an escaped pattern compiles"),
        slots,
        chinese,
        literal: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_compiles_and_fills_its_slots() {
        let t = table();
        assert!(!t.exact.is_empty());
        // An entry whose first placeholder takes a number only is a pattern too.
        assert!(!t.exact.contains_key("{0:n} to {1:n}"));
        assert!(t.patterns.iter().any(|p| p.english.is_match("1 to 2")));
        for p in &t.patterns {
            for s in &p.slots {
                assert!(
                    p.chinese.contains(&format!("{{{s}}}")),
                    "{} does not use {{{s}}}",
                    p.chinese
                );
            }
        }
        let n = compile("{0} {1:n} MW", "{0} {1} MW");
        let c = n
            .english
            .captures("Aba–Chengdu East 1000 kV line 3,150 MW")
            .unwrap();
        assert_eq!(&c[1], "Aba–Chengdu East 1000 kV line");
        assert!(compile("{0:n} to {1:n}", "")
            .english
            .is_match("2025-06-30 to 2025-07-06"));
        assert!(!compile("{0:n} plants", "")
            .english
            .is_match("silicon plants"));
        let p = compile("{1} of {0}", "{0}的{1}");
        let c = p.english.captures("capacity of electrolysers").unwrap();
        assert_eq!((&c[1], p.slots.clone()), ("capacity", vec![1, 0]));
    }
}
