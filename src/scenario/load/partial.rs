//! Turning the merged table into a `Scenario` while collecting every problem, not just serde's
//! first one.
//!
//! serde stops at the first bad value. So: deserialize, note the problem at the path
//! `serde_path_to_error` gives, drop the value that failed (or, when a required key is missing
//! at the top, stand in a placeholder), and try again, until the scenario deserializes. The
//! names of known keys for "did you mean" come from serde's own error (`serde_value` keeps them
//! structured), so no list of sections or fields is kept here and no message text is parsed.
//! What remains after dropping is checked by `validate` by the caller.

use serde::de::Error as _;
use serde_path_to_error::Segment;
use serde_value::{DeserializerError, Value, ValueDeserializer};
use std::collections::BTreeMap;

use super::super::Scenario;

/// Most values dropped or stood in before giving up (a file with more problems than this is
/// reported in part).
const MAX_ATTEMPTS: usize = 256;

/// One problem serde found: where (key path) and what.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseProblem {
    pub path: String,
    pub message: String,
}

/// What deserializing with drops gave.
pub struct Partial {
    /// The scenario without the dropped values (None: it could not be completed).
    pub scenario: Option<Scenario>,
    pub problems: Vec<ParseProblem>,
    /// Key paths removed because they (or something inside them) failed.
    pub dropped: Vec<Vec<String>>,
    /// Whether a missing top-level key was stood in for: then `scenario` is not the planner's
    /// and must not be validated.
    pub stood_in: bool,
}

/// Values tried in turn for a missing required key, until one has the key's type.
fn stand_ins() -> [Value; 5] {
    [
        Value::String(String::new()),
        Value::Map(BTreeMap::new()),
        Value::Seq(Vec::new()),
        Value::F64(0.0),
        Value::Bool(false),
    ]
}

/// Deserialize `root`, dropping what fails, and report every problem on the way.
pub fn deserialize(mut root: Value) -> Partial {
    let mut out = Partial {
        scenario: None,
        problems: Vec::new(),
        dropped: Vec::new(),
        stood_in: false,
    };
    // Stand-ins in place: their path and the index of the candidate tried.
    let mut stand: Vec<(Vec<String>, usize)> = Vec::new();
    for _ in 0..MAX_ATTEMPTS {
        let e = match serde_path_to_error::deserialize(ValueDeserializer::new(root.clone())) {
            Ok(sc) => {
                out.scenario = Some(sc);
                return out;
            }
            Err(e) => e,
        };
        let path = keys(e.path());
        let inner = e.into_inner();
        if let Some(i) = stand.iter().position(|(p, _)| path.starts_with(p)) {
            if !next_stand_in(&mut root, &mut stand, i, path, inner) {
                break;
            }
            continue;
        }
        match inner {
            DeserializerError::MissingField(f) => {
                let mut full = path.clone();
                full.push(f.to_string());
                // Missing only because a value that failed was dropped: already reported.
                if !out.dropped.contains(&full) {
                    out.problems.push(missing(&path, f));
                }
                if path.is_empty() {
                    out.stood_in = true;
                    if !set(&mut root, &full, stand_ins()[0].clone()) {
                        break;
                    }
                    stand.push((full, 0));
                } else if !drop(&mut root, &path, &mut out.dropped) {
                    break;
                }
            }
            DeserializerError::UnknownField(f, expected) => {
                // The path ends at the unknown key itself.
                let mut full = path.clone();
                if full.last() != Some(&f) {
                    full.push(f.clone());
                }
                out.problems
                    .push(unknown(&full[..full.len() - 1], &f, expected));
                if !drop(&mut root, &full, &mut out.dropped) {
                    break;
                }
            }
            other => {
                out.problems.push(ParseProblem {
                    path: path.join("."),
                    message: message(&other),
                });
                if !drop(&mut root, &path, &mut out.dropped) {
                    break;
                }
            }
        }
    }
    out
}

/// An error inside stand-in `i`: it lacks keys of its own (stand in for them too) or has the
/// wrong type (try the next candidate). False when there is nothing left to try.
fn next_stand_in(
    root: &mut Value,
    stand: &mut Vec<(Vec<String>, usize)>,
    i: usize,
    mut path: Vec<String>,
    inner: DeserializerError,
) -> bool {
    if let DeserializerError::MissingField(f) = inner {
        path.push(f.to_string());
        let placed = set(root, &path, stand_ins()[0].clone());
        stand.push((path, 0));
        return placed;
    }
    let (p, k) = &mut stand[i];
    *k += 1;
    *k < stand_ins().len() && set(root, p, stand_ins()[*k].clone())
}

/// serde's own wording of an error (as toml would have written it).
fn message(e: &DeserializerError) -> String {
    e.to_error::<serde::de::value::Error>().to_string()
}

fn missing(path: &[String], field: &'static str) -> ParseProblem {
    if path.is_empty() {
        ParseProblem {
            path: field.to_string(),
            message: "missing (required)".into(),
        }
    } else {
        ParseProblem {
            path: path.join("."),
            message: message(&DeserializerError::MissingField(field)),
        }
    }
}

fn unknown(path: &[String], field: &str, expected: &'static [&'static str]) -> ParseProblem {
    let hint = super::did_you_mean(field, expected);
    let message = if path.is_empty() {
        format!(
            "unknown key{hint}; expected one of: {}",
            expected.join(", ")
        )
    } else if hint.is_empty() {
        serde::de::value::Error::unknown_field(field, expected).to_string()
    } else {
        format!("unknown field `{field}`{hint}")
    };
    let mut full = path.to_vec();
    full.push(field.to_string());
    ParseProblem {
        path: full.join("."),
        message,
    }
}

/// The key path of an error, up to the first step that is not a key (an error inside a list is
/// reported at, and drops, the list).
fn keys(path: &serde_path_to_error::Path) -> Vec<String> {
    path.iter()
        .map_while(|s| match s {
            Segment::Map { key } => Some(key.clone()),
            _ => None,
        })
        .collect()
}

/// Remove the value at `path`. False when there is nothing to remove (the root, or a path that
/// is not there).
fn drop(root: &mut Value, path: &[String], dropped: &mut Vec<Vec<String>>) -> bool {
    let Some((last, parent)) = path.split_last() else {
        return false;
    };
    let removed = table_at(root, parent)
        .and_then(|t| t.remove(&Value::String(last.clone())))
        .is_some();
    if removed {
        dropped.push(path.to_vec());
    }
    removed
}

/// Put `value` at `path` (its parent must exist).
fn set(root: &mut Value, path: &[String], value: Value) -> bool {
    let Some((last, parent)) = path.split_last() else {
        return false;
    };
    match table_at(root, parent) {
        Some(t) => {
            t.insert(Value::String(last.clone()), value);
            true
        }
        None => false,
    }
}

fn table_at<'a>(root: &'a mut Value, path: &[String]) -> Option<&'a mut BTreeMap<Value, Value>> {
    let mut here = root;
    for k in path {
        here = match here {
            Value::Map(m) => m.get_mut(&Value::String(k.clone()))?,
            _ => return None,
        };
    }
    match here {
        Value::Map(m) => Some(m),
        _ => None,
    }
}
