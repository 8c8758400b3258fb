//! Reading a scenario: TOML text → `extends` chain → merged table → typed `Scenario`.
//!
//! Paths inside a file (`time.profiles`, every `file`, the top-level `baseline`) are resolved
//! against that file's folder *before* merging, so a case in `models/cases/` can extend
//! `models/aba-2025.toml` and both keep their own relative paths.
//! Parse errors of every section are collected, not just the first.

use super::{
    DataCentre, Electrolyser, Finance, Generator, Industry, Line, Market, ModelSettings, Node,
    Scenario, SourceFile, TimeSettings,
};
use crate::error::{Error, InputProblem, Result};
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use toml::{Table, Value};

/// A parsed scenario with the files it was read from (most derived first).
#[derive(Debug, Clone)]
pub struct LoadedScenario {
    pub scenario: Scenario,
    pub files: Vec<SourceFile>,
}

impl LoadedScenario {
    /// The file and line where a key path (`generators.se_ror.capacity_mw`) is written,
    /// searching the most derived file first and falling back to the nearest parent key.
    pub fn locate(&self, key_path: &str) -> (Option<PathBuf>, Option<usize>) {
        locate_in(&self.files, key_path)
    }

    /// An input problem at a key path, with file and line filled in.
    pub fn problem(&self, key_path: &str, message: impl Into<String>) -> InputProblem {
        problem_in(&self.files, key_path, message)
    }
}

fn problem_in(files: &[SourceFile], key_path: &str, message: impl Into<String>) -> InputProblem {
    let (file, line) = locate_in(files, key_path);
    let mut p = InputProblem::new(key_path, message).at_line(line);
    p.file = file;
    p
}

/// Read a scenario file and everything it extends.
pub fn load_scenario(path: &Path) -> Result<LoadedScenario> {
    let mut files = Vec::new();
    let mut tables = Vec::new();
    let mut next = Some(path.to_path_buf());
    while let Some(p) = next.take() {
        let canonical = p.canonicalize().unwrap_or_else(|_| p.clone());
        if files
            .iter()
            .any(|f: &SourceFile| f.path.canonicalize().ok().as_ref() == Some(&canonical))
        {
            let chain: Vec<String> = files
                .iter()
                .map(|f| f.path.display().to_string())
                .chain(std::iter::once(p.display().to_string()))
                .collect();
            let last = files.last().expect("a cycle needs at least one file read");
            return Err(Error::input(problem_in(
                std::slice::from_ref(last),
                "extends",
                format!("circular: {}", chain.join(" → ")),
            )));
        }
        let text = std::fs::read_to_string(&p).map_err(|e| {
            let problem = InputProblem::new("", format!("cannot read scenario file: {e}"));
            Error::input(match files.last() {
                Some(child) => {
                    let (_, line) = locate_in(std::slice::from_ref(child), "extends");
                    InputProblem::new("extends", format!("cannot read {}: {e}", p.display()))
                        .in_file(&child.path)
                        .at_line(line)
                }
                None => problem.in_file(&p),
            })
        })?;
        let mut table: Table = toml::from_str(&text).map_err(|e| {
            let line = e.span().map(|s| line_of(&text, s.start));
            Error::input(
                InputProblem::new("", format!("malformed TOML: {}", e.message()))
                    .in_file(&p)
                    .at_line(line),
            )
        })?;
        let dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
        resolve_paths(&mut table, &dir, false);
        if let Some(Value::String(s)) = table.get_mut("baseline") {
            *s = dir.join(&*s).to_string_lossy().into_owned();
        }
        if let Some(parent) = table.get("extends") {
            match parent.as_str() {
                Some(s) => next = Some(dir.join(s)),
                None => {
                    return Err(Error::input(
                        InputProblem::new("extends", "must be a path (string)")
                            .in_file(&p)
                            .at_line(
                                locate_in(
                                    &[SourceFile {
                                        path: p.clone(),
                                        text: text.clone(),
                                    }],
                                    "extends",
                                )
                                .1,
                            ),
                    ))
                }
            }
        }
        files.push(SourceFile { path: p, text });
        tables.push(table);
    }
    // Merge from the base up: later (more derived) files override.
    let mut merged = Table::new();
    for table in tables.into_iter().rev() {
        merge(&mut merged, table);
    }
    merged.remove("extends");
    let scenario = parse_sections(&files, merged)?;
    Ok(LoadedScenario { scenario, files })
}

/// Keys whose tables are single values (a tariff, a series reference): an override replaces
/// them whole instead of merging key by key, so `{ monthly = [...] }` can replace `{ wet, dry }`.
const VALUE_TABLES: &[&str] = &[
    "export_price_cny_per_mwh",
    "import_price_cny_per_mwh",
    "profile",
    "demand_profile",
    "weights",
];

/// Recursive merge: tables merge key by key, anything else is replaced.
fn merge(into: &mut Table, from: Table) {
    for (key, value) in from {
        match (into.get_mut(&key), value) {
            (Some(Value::Table(a)), Value::Table(b)) if !VALUE_TABLES.contains(&key.as_str()) => {
                merge(a, b)
            }
            (_, v) => {
                into.insert(key, v);
            }
        }
    }
}

/// Make `time.profiles` and every `file = "…"` absolute against the file's folder.
fn resolve_paths(table: &mut Table, dir: &Path, in_time: bool) {
    for (key, value) in table.iter_mut() {
        match value {
            Value::String(s) if key == "file" || (in_time && key == "profiles") => {
                *s = dir.join(&*s).to_string_lossy().into_owned();
            }
            Value::Table(t) => resolve_paths(t, dir, key == "time"),
            _ => {}
        }
    }
}

/// Deserialize section by section so one bad entry does not hide the others.
fn parse_sections(files: &[SourceFile], merged: Table) -> Result<Scenario> {
    let whole = Value::Table(merged.clone());
    let whole_err = match Scenario::deserialize_value(whole) {
        Ok(s) => return Ok(s),
        Err(e) => e,
    };
    let mut problems = Vec::new();
    const TOP: &[&str] = &[
        "name",
        "description",
        "baseline",
        "time",
        "finance",
        "settings",
        "nodes",
        "generators",
        "lines",
        "market",
        "options",
    ];
    for key in merged.keys() {
        if !TOP.contains(&key.as_str()) {
            problems.push(problem_in(
                files,
                key,
                format!(
                    "unknown key{}; expected one of: {}",
                    did_you_mean(key, TOP),
                    TOP.join(", ")
                ),
            ));
        }
    }
    for required in ["name", "time", "nodes"] {
        if !merged.contains_key(required) {
            problems.push(problem_in(files, required, "missing (required)"));
        }
    }
    if let Some(v) = merged.get("name") {
        if !v.is_str() {
            problems.push(problem_in(files, "name", "must be a string"));
        }
    }
    check::<TimeSettings>(files, &merged, "time", "time", &mut problems);
    check::<Finance>(files, &merged, "finance", "finance", &mut problems);
    check::<ModelSettings>(files, &merged, "settings", "settings", &mut problems);
    check::<Market>(files, &merged, "market", "market", &mut problems);
    check_map::<Node>(files, merged.get("nodes"), "nodes", &mut problems);
    check_map::<Generator>(files, merged.get("generators"), "generators", &mut problems);
    check_map::<Line>(files, merged.get("lines"), "lines", &mut problems);
    if let Some(Value::Table(options)) = merged.get("options") {
        for key in options.keys() {
            if !["electrolyser", "data_centre", "industry"].contains(&key.as_str()) {
                problems.push(problem_in(
                    files,
                    &format!("options.{key}"),
                    format!(
                        "unknown option{}; expected electrolyser, data_centre or industry",
                        did_you_mean(key, &["electrolyser", "data_centre", "industry"])
                    ),
                ));
            }
        }
        check::<Electrolyser>(
            files,
            options,
            "electrolyser",
            "options.electrolyser",
            &mut problems,
        );
        check::<DataCentre>(
            files,
            options,
            "data_centre",
            "options.data_centre",
            &mut problems,
        );
        check_map::<Industry>(
            files,
            options.get("industry"),
            "options.industry",
            &mut problems,
        );
    }
    if problems.is_empty() {
        // The sections were all fine alone; report what serde said of the whole.
        problems.push(problem_in(files, "", whole_err.to_string()));
    }
    problems.sort_by(|a, b| {
        (&a.file, a.line.is_none(), a.line).cmp(&(&b.file, b.line.is_none(), b.line))
    });
    Err(Error::Input(problems))
}

fn check<T: DeserializeOwned>(
    files: &[SourceFile],
    table: &Table,
    key: &str,
    path: &str,
    problems: &mut Vec<InputProblem>,
) {
    if let Some(v) = table.get(key) {
        every_field_problem::<T>(files, path, v, problems);
    }
}

/// serde stops at a section's first bad field. To report them all, drop each field it names and
/// try again, until the section parses or an error names no field (or a field just dropped).
fn every_field_problem<T: DeserializeOwned>(
    files: &[SourceFile],
    path: &str,
    value: &Value,
    problems: &mut Vec<InputProblem>,
) {
    let mut v = value.clone();
    let mut dropped: Vec<String> = Vec::new();
    for _ in 0..64 {
        let Err(e) = T::deserialize(v.clone()) else {
            return;
        };
        let message = e.to_string();
        let named = message
            .split_once("\nin `")
            .map(|(_, f)| {
                f.trim()
                    .trim_end_matches('`')
                    .split('.')
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .or_else(|| {
                message
                    .strip_prefix("unknown field `")
                    .and_then(|m| m.split('`').next())
                    .map(str::to_string)
            });
        if message.starts_with("missing field `")
            && dropped.iter().any(|d| message.contains(&format!("`{d}`")))
        {
            return; // only missing because we dropped it
        }
        problems.push(field_problem(files, path, &message));
        let removed = match (&named, &mut v) {
            (Some(f), Value::Table(t)) => t.remove(f).is_some(),
            _ => false,
        };
        if !removed {
            return;
        }
        dropped.extend(named);
    }
}

fn check_map<T: DeserializeOwned>(
    files: &[SourceFile],
    value: Option<&Value>,
    path: &str,
    problems: &mut Vec<InputProblem>,
) {
    match value {
        None => {}
        Some(Value::Table(map)) => {
            for (name, entry) in map {
                every_field_problem::<T>(files, &format!("{path}.{name}"), entry, problems);
            }
        }
        Some(_) => problems.push(problem_in(files, path, "must be a table of named entries")),
    }
}

/// Point a serde message at the field it names, when it names one.
fn field_problem(files: &[SourceFile], path: &str, message: &str) -> InputProblem {
    // toml's messages end with "\nin `field`" (or "`a.b`") when a nested value is wrong.
    if let Some((first, field)) = message.trim().split_once("\nin `") {
        let field = field.trim_end_matches('`');
        return field_problem(files, &format!("{path}.{field}"), first);
    }
    let message = message.trim().to_string();
    let field =
        message.split('`').nth(1).map(str::to_string).filter(|_| {
            message.starts_with("unknown field") || message.starts_with("invalid type")
        });
    let full = match &field {
        Some(f) if message.starts_with("unknown field") => format!("{path}.{f}"),
        _ => path.to_string(),
    };
    let mut message = message;
    if message.starts_with("unknown field") {
        if let (Some(f), Some(expected)) =
            (&field, message.clone().split("expected one of ").nth(1))
        {
            let names: Vec<String> = expected
                .split(", ")
                .map(|s| s.trim_matches(|c| c == '`' || c == ' ').to_string())
                .collect();
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            let hint = did_you_mean(f, &refs);
            if !hint.is_empty() {
                message = format!("unknown field `{f}`{hint}");
            }
        }
    }
    problem_in(files, &full, message)
}

/// `" (did you mean `x`?)"` when a known name is within a small edit distance.
pub fn did_you_mean(got: &str, known: &[&str]) -> String {
    known
        .iter()
        .map(|k| (edit_distance(got, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4) && *d < got.chars().count())
        .min()
        .map(|(_, k)| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn line_of(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].matches('\n').count() + 1
}

fn locate_in(files: &[SourceFile], key_path: &str) -> (Option<PathBuf>, Option<usize>) {
    let parts: Vec<&str> = key_path.split('.').filter(|s| !s.is_empty()).collect();
    for depth in (1..=parts.len()).rev() {
        for file in files {
            if let Some(line) = find_key_line(&file.text, &parts[..depth]) {
                return (Some(file.path.clone()), Some(line));
            }
        }
    }
    (files.first().map(|f| f.path.clone()), None)
}

fn find_key_line(text: &str, parts: &[&str]) -> Option<usize> {
    let doc = toml_edit::ImDocument::parse(text.to_string()).ok()?;
    let mut table: &dyn toml_edit::TableLike = doc.as_table();
    for (i, part) in parts.iter().enumerate() {
        let (key, item) = table.get_key_value(part)?;
        if i + 1 == parts.len() {
            let span = key.span().or_else(|| item.span())?;
            return Some(line_of(text, span.start));
        }
        table = item.as_table_like()?;
    }
    None
}

impl Scenario {
    fn deserialize_value(v: Value) -> std::result::Result<Scenario, toml::de::Error> {
        use serde::Deserialize;
        Scenario::deserialize(v)
    }
}
