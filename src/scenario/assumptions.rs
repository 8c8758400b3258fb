//! The values a scenario's files set, each with the comment written beside it.
//!
//! Every number in a shipped scenario carries its source or the word ASSUMPTION in a comment on
//! its line (sometimes continued on indented comment lines below). A report's table of
//! assumptions is only honest if it comes from those very lines, so this reads the source texts
//! kept in `LoadedScenario.files` rather than the merged values: most-derived file first, and a
//! key that a more derived file overrides is left out of the files below it.

use super::SourceFile;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// One `key = value  # comment` line of a scenario file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assumption {
    /// The file's name (not its folder, so reports do not depend on where the model was run).
    pub file: String,
    pub line: usize,
    /// Full key path, e.g. `options.electrolyser.capex_cny_per_kw`.
    pub key: String,
    /// The value as written.
    pub value: String,
    /// The comment beside it and its indented continuation lines; empty if none.
    pub comment: String,
}

/// Every key line of every file, most-derived file first, overridden keys dropped.
pub fn extract(files: &[SourceFile]) -> Vec<Assumption> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for f in files {
        let name = f
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for a in extract_text(&name, &f.text) {
            if a.key != "extends" && seen.insert(a.key.clone()) {
                out.push(a);
            }
        }
    }
    out
}

fn extract_text(file: &str, text: &str) -> Vec<Assumption> {
    let mut out: Vec<Assumption> = Vec::new();
    let mut table = String::new();
    // Whether an indented comment line continues the comment of the line above.
    let mut continues = false;
    let mut open: Option<(Assumption, i32)> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if let Some((mut a, depth)) = open.take() {
            // A value spread over several lines: collect until its brackets close.
            let (value, comment) = split_comment(line);
            a.value.push(' ');
            a.value.push_str(value);
            if !comment.is_empty() {
                append(&mut a.comment, comment);
            }
            let depth = depth + bracket_depth(value);
            if depth > 0 {
                open = Some((a, depth));
            } else {
                out.push(a);
                continues = true;
            }
            continue;
        }
        if line.is_empty() {
            continues = false;
        } else if let Some(c) = line.strip_prefix('#') {
            let indented = raw.starts_with(char::is_whitespace);
            match out.last_mut() {
                Some(last) if continues && indented && !last.comment.is_empty() => {
                    append(&mut last.comment, c.trim())
                }
                _ => continues = false,
            }
        } else if line.starts_with('[') {
            table = line
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
                .split('.')
                .map(|p| p.trim().trim_matches('"'))
                .collect::<Vec<_>>()
                .join(".");
            continues = false;
        } else if let Some((k, rest)) = split_key(line) {
            let (value, comment) = split_comment(rest);
            let key = k
                .split('.')
                .map(|p| p.trim().trim_matches('"'))
                .collect::<Vec<_>>()
                .join(".");
            let a = Assumption {
                file: file.to_string(),
                line: i + 1,
                key: if table.is_empty() {
                    key
                } else {
                    format!("{table}.{key}")
                },
                value: value.to_string(),
                comment: comment.to_string(),
            };
            let depth = bracket_depth(value);
            if depth > 0 {
                open = Some((a, depth));
            } else {
                out.push(a);
                continues = true;
            }
        }
    }
    if let Some((a, _)) = open {
        out.push(a);
    }
    out
}

fn append(to: &mut String, more: &str) {
    if !to.is_empty() && !more.is_empty() {
        to.push(' ');
    }
    to.push_str(more);
}

/// `key = rest`, splitting at the first `=` outside quotes.
fn split_key(line: &str) -> Option<(&str, &str)> {
    let pos = outside_quotes(line, '=')?;
    Some((line[..pos].trim(), line[pos + 1..].trim()))
}

/// (value, comment): the comment starts at the first `#` outside quotes.
fn split_comment(s: &str) -> (&str, &str) {
    match outside_quotes(s, '#') {
        Some(p) => (s[..p].trim(), s[p + 1..].trim()),
        None => (s.trim(), ""),
    }
}

/// Byte position of the first `target` not inside a "…" or '…' string.
fn outside_quotes(s: &str, target: char) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == target => return Some(i),
            None => {}
        }
    }
    None
}

/// Opened minus closed `[` and `{` outside strings.
fn bracket_depth(s: &str) -> i32 {
    let mut depth = 0;
    let mut quote: Option<char> = None;
    for c in s.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' => quote = Some(c),
                '[' | '{' => depth += 1,
                ']' | '}' => depth -= 1,
                _ => {}
            },
        }
    }
    depth
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(name: &str, text: &str) -> SourceFile {
        SourceFile {
            path: PathBuf::from(format!("models/{name}")),
            text: text.to_string(),
        }
    }

    #[test]
    fn keys_values_and_comments_with_continuations_most_derived_first() {
        let base = file(
            "base.toml",
            r##"# Header comment, not attached to anything.
name = "base"
[lines.x]
capacity_mw = 4250          # CALIBRATED: the outbound limit,
                            # set so that the baseline spills 3 TWh
new_capacity_max_mw = 0     # none in the status quo
# A block comment at column 0 does not continue the line above.
efficiency = 0.97
[market]
label = "a # inside quotes"   # not a comment start
"##,
        );
        let child = file(
            "child.toml",
            r##"extends = "base.toml"
[lines.x]
new_capacity_max_mw = 3150  # spec: 7,400 − 4,250
[options.electrolyser]
sites_max_mw = { sw = 1000,
  se = 500 }                # ASSUMPTION
"##,
        );
        let a = extract(&[child, base]);
        let keys: Vec<&str> = a.iter().map(|a| a.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "lines.x.new_capacity_max_mw",
                "options.electrolyser.sites_max_mw",
                "name",
                "lines.x.capacity_mw",
                "lines.x.efficiency",
                "market.label",
            ]
        );
        assert_eq!(a[0].value, "3150");
        assert_eq!(a[0].file, "child.toml");
        assert_eq!(a[1].value, "{ sw = 1000, se = 500 }");
        assert_eq!(a[1].comment, "ASSUMPTION");
        assert_eq!(a[3].line, 4);
        assert_eq!(
            a[3].comment,
            "CALIBRATED: the outbound limit, set so that the baseline spills 3 TWh"
        );
        assert_eq!(a[4].comment, "");
        assert_eq!(a[5].value, "\"a # inside quotes\"");
        assert_eq!(a[5].comment, "not a comment start");
    }
}
