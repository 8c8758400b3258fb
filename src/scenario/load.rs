//! Reading a scenario: TOML text → `extends` chain → merged table → typed `Scenario`.
//!
//! Paths inside a file (`time.profiles`, every `file`, the top-level `baseline`) are resolved
//! against that file's folder *before* merging, so a case in `models/cases/` can extend
//! `models/aba-2025.toml` and both keep their own relative paths.
//! Every problem of a file is collected, not just serde's first (see `partial`).

mod partial;

use super::{Scenario, SourceFile};
use crate::error::{Error, InputProblem, Result};
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
        let (text, mut table) = read_table(&p, files.last())?;
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
    let scenario = parse(&files, merged)?;
    Ok(LoadedScenario { scenario, files })
}

/// The text and table of one file of an `extends` chain; `child` is the file that named it
/// (`None` for the scenario itself), blamed when the file cannot be read at all.
fn read_table(p: &Path, child: Option<&SourceFile>) -> Result<(String, Table)> {
    let text = crate::input_file::read_toml_text(p).map_err(|(line, e)| {
        Error::input(match (child, line) {
            // A file that cannot be opened or is not a file: the key that named it is at fault.
            (Some(child), None) => {
                let (_, line) = locate_in(std::slice::from_ref(child), "extends");
                InputProblem::new("extends", format!("cannot read {}: {e}", p.display()))
                    .in_file(&child.path)
                    .at_line(line)
            }
            (None, None) => {
                InputProblem::new("", format!("cannot read scenario file: {e}")).in_file(p)
            }
            (_, Some(line)) => InputProblem::new("", e).in_file(p).at_line(Some(line)),
        })
    })?;
    let table: Table = toml::from_str(&text).map_err(|e| {
        let line = e.span().map(|s| line_of(&text, s.start));
        Error::input(
            InputProblem::new(
                "",
                format!(
                    "malformed TOML: {}",
                    crate::input_file::toml_message(e.message())
                ),
            )
            .in_file(p)
            .at_line(line),
        )
    })?;
    Ok((text, table))
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

/// Make `time.profiles`, every `file = "…"` and `stochastic.hydrology_file` absolute against the file's folder.
fn resolve_paths(table: &mut Table, dir: &Path, in_time: bool) {
    for (key, value) in table.iter_mut() {
        match value {
            Value::String(s)
                if key == "file" || key == "hydrology_file" || (in_time && key == "profiles") =>
            {
                *s = dir.join(&*s).to_string_lossy().into_owned();
            }
            Value::Table(t) => resolve_paths(t, dir, key == "time"),
            _ => {}
        }
    }
}

/// The typed scenario, or every problem of the merged table at once: serde's (see `partial`),
/// then `validate`'s on whatever deserialized once the failing values were dropped.
fn parse(files: &[SourceFile], merged: Table) -> Result<Scenario> {
    let value = serde_value::to_value(&merged)
        .map_err(|e| Error::Internal(format!("a TOML table converts to a serde value: {e}")))?;
    let mut partial = partial::deserialize(value);
    if partial.problems.is_empty() {
        if let Some(sc) = partial.scenario.take() {
            return Ok(sc);
        }
    }
    let mut problems: Vec<InputProblem> = partial
        .problems
        .iter()
        .map(|p| problem_in(files, &p.path, p.message.clone()))
        .collect();
    if let (Some(scenario), false) = (partial.scenario, partial.stood_in) {
        let loaded = LoadedScenario {
            scenario,
            files: files.to_vec(),
        };
        if let Err(Error::Input(ps)) = super::validate(&loaded, None, Vec::new()) {
            let merged = Value::Table(merged);
            problems.extend(
                ps.into_iter()
                    .filter(|p| !follows_from_drop(&p.location, &merged, &partial.dropped)),
            );
        }
    }
    if problems.is_empty() {
        problems.push(problem_in(files, "", "the scenario could not be read"));
    }
    problems.sort_by(|a, b| {
        (&a.file, a.line.is_none(), a.line).cmp(&(&b.file, b.line.is_none(), b.line))
    });
    Err(Error::Input(problems))
}

/// Whether a problem `validate` found at `location` is only there because a value that failed
/// to deserialize was dropped: it is at, inside or above a dropped value, or it names a dropped
/// entry (a line `from` a dropped node, a site at one).
fn follows_from_drop(location: &str, merged: &Value, dropped: &[Vec<String>]) -> bool {
    let loc: Vec<&str> = location.split('.').filter(|s| !s.is_empty()).collect();
    let written = loc
        .iter()
        .try_fold(merged, |v, k| v.as_table()?.get(*k))
        .and_then(Value::as_str);
    dropped.iter().any(|d| {
        let d: Vec<&str> = d.iter().map(String::as_str).collect();
        let name = d.last().copied();
        loc.starts_with(&d)
            || d.starts_with(&loc)
            || (d.len() >= 2 && (loc.last().copied() == name || written == name))
    })
}

/// `" (did you mean `x`?)"` when a known name is within a small edit distance (Levenshtein, in
/// characters: at most 2 or a quarter of the name, and fewer than the name's own length).
pub fn did_you_mean(got: &str, known: &[&str]) -> String {
    known
        .iter()
        .map(|k| (strsim::levenshtein(got, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4) && *d < got.chars().count())
        .min()
        .map(|(_, k)| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default()
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
