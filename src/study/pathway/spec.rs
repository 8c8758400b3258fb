//! A pathway file: a scenario file whose `[periods]` names one full scenario per investment
//! period (its own fleet, demand, prices and representative year of steps), read and checked
//! here before anything is built. Every problem is reported at once, with the file and line of
//! the key at fault (the pathway file's own keys here; each period scenario's own problems come
//! from the ordinary scenario checks, naming that file).

use crate::error::{Error, InputProblem, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file as written (`models/pathway-2026-2030.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathwayFile {
    /// Short name; the default output folder is `outputs/<name>/`.
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub periods: Periods,
}

/// `[periods]`: the contract names of issue 12.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Periods {
    /// First year of each period, increasing (`[2026, 2028, 2030]`).
    pub years: Vec<i32>,
    #[serde(default)]
    pub foresight: Foresight,
    /// The scenario of each period by its year (`{ 2026 = "aba-2026.toml", … }`), relative to
    /// this file.
    pub scenarios: BTreeMap<String, PathBuf>,
    /// The last year the pathway stands for (default: the last period's year), so the last
    /// period stands for the years from its own to this one.
    #[serde(default)]
    pub end_year: Option<i32>,
}

/// How far ahead the periods' decisions see.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Foresight {
    /// Every period in one LP: each build knows every later period.
    #[default]
    Perfect,
    /// Period by period, each seeing only its own year, carrying its builds forward.
    Myopic,
}

impl Foresight {
    pub fn name(self) -> &'static str {
        match self {
            Foresight::Perfect => "perfect",
            Foresight::Myopic => "myopic",
        }
    }
}

/// A pathway file read and checked: its periods in order with their scenario paths (resolved).
#[derive(Debug, Clone)]
pub struct Pathway {
    pub path: PathBuf,
    pub name: String,
    pub description: String,
    pub foresight: Foresight,
    /// (year, scenario path resolved) in increasing year order.
    pub periods: Vec<(i32, PathBuf)>,
    /// Each period's scenario path as the pathway file writes it.
    pub written: Vec<String>,
    /// Last year inside the horizon (inclusive).
    pub end_year: i32,
}

/// Whether `path` is a scenario file with `[periods]` (a pathway): any file that cannot be
/// read or parsed is not, and the ordinary scenario loader then says what is wrong with it.
pub fn is_pathway_file(path: &Path) -> bool {
    crate::input_file::read_toml_text(path)
        .ok()
        .and_then(|t| t.parse::<toml::Table>().ok())
        .is_some_and(|t| t.contains_key("periods"))
}

/// Read a pathway file and check its own keys (not yet the period scenarios).
pub fn read(path: &Path) -> Result<Pathway> {
    let text = crate::input_file::read_toml_text(path).map_err(|(line, e)| {
        let msg = match line {
            None => format!("cannot read pathway file: {e}"),
            Some(_) => e,
        };
        Error::input(InputProblem::new("", msg).in_file(path).at_line(line))
    })?;
    let file: PathwayFile = toml::from_str(&text).map_err(|e| {
        let line = e.span().map(|s| text[..s.start].matches('\n').count() + 1);
        Error::input(
            InputProblem::new("", crate::input_file::toml_message(e.message()))
                .in_file(path)
                .at_line(line),
        )
    })?;
    let at = |key: &str, message: String| {
        InputProblem::new(key, message)
            .in_file(path)
            .at_line(line_of(&text, key))
    };
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let (checked, problems) = check(&file, &dir, at);
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    let (periods, written, end_year) = checked;
    Ok(Pathway {
        path: path.to_path_buf(),
        name: file.name,
        description: file.description,
        foresight: file.periods.foresight,
        periods,
        written,
        end_year,
    })
}

/// What `read` takes from a pathway file once checked: the periods with their resolved and
/// written scenario paths, and the end year.
type Checked = (Vec<(i32, PathBuf)>, Vec<String>, i32);

/// The pathway file's own checks (every problem at once); `at` places a problem at a key.
fn check(
    file: &PathwayFile,
    dir: &Path,
    at: impl Fn(&str, String) -> InputProblem,
) -> (Checked, Vec<InputProblem>) {
    let p = &file.periods;
    let mut problems = Vec::new();
    if p.years.is_empty() {
        problems.push(at("periods.years", "must name at least one year".into()));
    }
    for w in p.years.windows(2) {
        if w[1] <= w[0] {
            problems.push(at(
                "periods.years",
                format!("must increase: {} comes after {}", w[1], w[0]),
            ));
        }
    }
    for y in &p.years {
        if !(1900..=2200).contains(y) {
            problems.push(at(
                "periods.years",
                format!("{y} is not a plausible calendar year (1900–2200)"),
            ));
        }
    }
    let (mut periods, mut written) = (Vec::new(), Vec::new());
    for y in &p.years {
        match p.scenarios.get(&y.to_string()) {
            Some(s) => {
                periods.push((*y, dir.join(s)));
                written.push(s.to_string_lossy().replace('\\', "/"));
            }
            None => problems.push(at(
                "periods.scenarios",
                format!("no scenario for the period {y} (write `{y} = \"file.toml\"`)"),
            )),
        }
    }
    for key in p.scenarios.keys() {
        if !p.years.iter().any(|y| y.to_string() == *key) {
            problems.push(at(
                &format!("periods.scenarios.{key}"),
                format!("`{key}` is not one of periods.years {:?}", p.years),
            ));
        }
    }
    let last = p.years.last().copied().unwrap_or_default();
    let end_year = p.end_year.unwrap_or(last);
    if end_year < last {
        problems.push(at(
            "periods.end_year",
            format!("{end_year} is before the last period, {last}"),
        ));
    }
    let n = &file.name;
    let name_ok = !n.is_empty() && !n.contains(['/', '\\', '\0']) && !n.starts_with('.');
    if !name_ok {
        problems.push(at(
            "name",
            format!("`{n}` cannot be a folder name (no separators, no leading dot)"),
        ));
    }
    ((periods, written, end_year), problems)
}

/// The line of a dotted key path in a TOML text (the nearest parent key written, if the key
/// itself is not).
pub fn line_of(text: &str, key_path: &str) -> Option<usize> {
    let doc = toml_edit::ImDocument::parse(text.to_string()).ok()?;
    let parts: Vec<&str> = key_path.split('.').collect();
    let mut table: &dyn toml_edit::TableLike = doc.as_table();
    let mut found = None;
    for part in parts {
        let Some((key, item)) = table.get_key_value(part) else {
            break;
        };
        found = key.span().or_else(|| item.span()).or(found);
        match item.as_table_like() {
            Some(t) => table = t,
            None => break,
        }
    }
    found.map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
}
